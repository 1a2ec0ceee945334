import { defineRule } from '../rule.js';
import { driftMatch } from '../../drift/view.js';
import { servicesKey, shownSource } from '../../drift/where.js';

export default defineRule({
  id: 'drift/missing-flow',
  title: 'Connection missing from the model',
  category: 'drift',
  severity: 'medium',
  target: 'flow',
  stride: ['T', 'I'],
  cwe: 1068,
  docs: {
    checks: 'A connection the deployment makes (an environment value that names another workload\'s host, a compose `depends_on` or `links`) that no flow of the model describes, between the components that stand for the two workloads. A NetworkPolicy that admits traffic is not a connection and never raises this finding.',
    attack: 'A flow the model does not show is not checked for TLS, authentication or the data it carries; it is the path an attacker takes from a compromised service to the data the model believes is out of its reach.',
    fix: 'Add the flow to the caller\'s `calls:` (`moat import --update` adds it), with its data, TLS and authentication.',
    falsePositives: 'A variable that names a host the service never connects to (a link shown to users, say): accept the finding with the reason.',
    practice: 'Keep the threat model in step with what runs (every connection is reviewed).',
  },
  messages: {
    missing: 'The deployment connects `{from}` to `{to}` ({where}) but the model has no flow `{from}->{to}`: add it to `{from}`\'s `calls:`.',
  },
  fix: 'Adds the flow as `moat import --update` would.',
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  const has = new Set(ctx.model.flows.map((f) => `${f.from}->${f.to}`));
  for (const c of view.components) {
    const caller = match.modelOf.get(c.id);
    const from = match.idOf(c.id);
    for (const f of c.service.calls) {
      if (f.origin !== 'connection') continue;
      const to = match.idOf(f.to);
      if (to === from || has.has(`${from}->${to}`)) continue;
      const args = { from, to, where: shownSource(f.source) };
      const data = { from: c.id, to: f.to };
      if (caller) ctx.report({ element: caller, at: { prop: 'calls', part: 'key' }, target: `${from}->${to}`, messageId: 'missing', args, data });
      else ctx.report({ element: 'system', location: servicesKey(ctx.model), target: `${from}->${to}`, messageId: 'missing', args, data });
    }
  }
});
