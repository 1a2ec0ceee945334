import { defineRule } from '../rule.js';
import { driftMatch } from '../../drift/view.js';
import type { DriftView } from '../../drift/view.js';
import { blockedBy } from '../../drift/network-policy.js';
import type { Party } from '../../drift/network-policy.js';
import type { DeployedComponent } from '../../import/from-deployment.js';

/** The ports the pods see for a flow on `port`: the port itself, and the target port of a Service port `port` of the callee. */
function podPorts(view: DriftView, callee: DeployedComponent | undefined, port: number | undefined): number[] {
  if (port === undefined) return [];
  const out = [port];
  if (!callee) return out;
  for (const svc of view.deployment.services) {
    if (svc.namespace !== callee.namespace || Object.keys(svc.selector).length === 0) continue;
    if (!callee.workloads.some((w) => Object.entries(svc.selector).every(([k, v]) => w.podLabels[k] === v))) continue;
    for (const p of svc.ports) if (p.port === port && typeof p.targetPort === 'number') out.push(p.targetPort);
  }
  return out;
}

export default defineRule({
  id: 'drift/blocked-flow',
  title: 'Flow forbidden by the deployment\'s NetworkPolicies',
  category: 'drift',
  severity: 'medium',
  target: 'flow',
  stride: ['D'],
  cwe: 1068,
  docs: {
    checks: 'A flow of the model that the deployment\'s NetworkPolicies forbid: the callee\'s pods are selected by at least one policy whose `policyTypes` include `Ingress` and no ingress rule of those policies admits the caller\'s pods (by `podSelector` in the policy\'s namespace and/or `namespaceSelector`) on the flow\'s `port` when it is known; or the caller\'s pods are selected by an `Egress` policy and no egress rule admits the callee. A caller that is not a workload of the deployment (a user, an external, the ingress) is judged only where an `ipBlock` or an empty selector speaks for it.',
    attack: 'The model shows a path the cluster does not allow: either the model is out of date (and its review judges a system that does not exist), or the service depends on a connection that fails in production.',
    fix: 'Remove the flow from the model if the service no longer makes it; otherwise add an ingress (or egress) rule that admits it.',
    falsePositives: 'A policy with `matchExpressions` or named ports is not read in full: Moat never holds a selector it cannot read against a flow, and a named port may be the flow\'s.',
    practice: 'Network segmentation as deployed matches the design.',
    decisions: [
      'An `ipBlock` admits a workload only when it is `0.0.0.0/0` or `::/0` (pod addresses are not known from the files).',
      'The flow\'s port is also compared with the `targetPort` of the callee\'s Service port of that number, since policies speak of pod ports.',
    ],
  },
  messages: {
    blocked: 'The model has the flow `{target}`, but the deployment\'s NetworkPolicy {policies} admits no {direction}{port}.',
  },
}, (ctx) => {
  const view = ctx.deployment;
  if (!view || view.deployment.networkPolicies.length === 0) return;
  const match = driftMatch(view, ctx.model);
  for (const f of ctx.model.flows) {
    const callee = match.deployedOf.get(f.to);
    const caller = match.deployedOf.get(f.from);
    if (!callee && !caller) continue;
    const party = (c: DeployedComponent | undefined): Party => (c ? { workloads: c.workloads } : 'outside');
    const verdict = blockedBy(view.deployment, party(caller), party(callee), podPorts(view, callee, f.port));
    if (!verdict) continue;
    const policies = verdict.policies.map((p) => `\`${p.name}\` (${p.source.file}:${p.source.line})`).join(', ');
    const direction = verdict.direction === 'ingress' ? `traffic from \`${f.from}\` into \`${f.to}\`` : `traffic from \`${f.from}\` out to \`${f.to}\``;
    ctx.report({ element: f, messageId: 'blocked', args: { policies, direction, target: f.target, port: f.port === undefined ? '' : ` on port ${f.port}` } });
  }
});
