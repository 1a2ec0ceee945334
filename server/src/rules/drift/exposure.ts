import { defineRule } from '../rule.js';
import type { Component, Model } from '../../model/types.js';
import { driftMatch } from '../../drift/view.js';
import { MADE_UP } from '../../import/from-deployment.js';

function untrusted(model: Model, c: Component | undefined): boolean {
  if (!c) return false;
  return (model.boundaries.get(c.boundary)?.trust ?? (c.boundary === 'internet' ? 'untrusted' : undefined)) === 'untrusted';
}

/** The model shows `id` reachable from an untrusted boundary: directly, or through a gateway an untrusted component calls. */
function shownReachable(model: Model, id: string): boolean {
  for (const f of model.flows) {
    if (f.to !== id) continue;
    const from = model.services.get(f.from);
    if (untrusted(model, from)) return true;
    if (from?.kind === 'gateway' && model.flows.some((g) => g.to === from.id && untrusted(model, model.services.get(g.from)))) return true;
  }
  return false;
}

export default defineRule({
  id: 'drift/exposure',
  title: 'Exposed by the deployment, not in the model',
  category: 'drift',
  severity: 'high',
  target: 'service',
  stride: ['I', 'E'],
  cwe: 1068,
  docs: {
    checks: 'A component the deployment makes reachable from outside (a compose port published on all interfaces, a `LoadBalancer` or `NodePort` Service, an Ingress, Gateway or VirtualService route to it) that the model does not show reachable from an untrusted boundary, directly or through a `gateway` that an untrusted component calls.',
    attack: 'The model reviews the component as internal: no rule asks for rate limits, a WAF or authentication at its edge, while anyone on the network reaches it.',
    fix: 'Close the port (bind it to `127.0.0.1`, use a `ClusterIP` Service, remove the route), or show the exposure in the model: a flow from the users or the gateway that fronts it.',
    falsePositives: 'A compose file written for local development publishes ports that production never opens: name the production files in `deployment:`, or accept the finding with the reason.',
    practice: 'Every entry point is in the threat model.',
  },
  messages: {
    exposed: 'The deployment makes `{id}` reachable from outside ({where}) but the model shows no untrusted component reaching it (directly or through a gateway).',
  },
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  const client = view.imported.services.find((s) => s.id === MADE_UP.client);
  const ingress = view.imported.services.find((s) => s.id === MADE_UP.ingress);
  const reported = new Set<string>();
  for (const [by, entries] of [[client, client?.calls ?? []], [ingress, ingress?.calls ?? []]] as const) {
    if (!by) continue;
    for (const f of entries) {
      if (f.to === MADE_UP.ingress) continue;
      const c = match.modelOf.get(f.to);
      if (!c || reported.has(c.id) || shownReachable(ctx.model, c.id)) continue;
      reported.add(c.id);
      ctx.report({ element: c, messageId: 'exposed', args: { id: c.id, where: f.source ?? 'the deployment' } });
    }
  }
});
