import { defineRule } from './rule.js';
import { controlAt, describeData, flowName } from './util.js';

export default defineRule({
  id: 'missing-authorization',
  title: 'Missing authorization',
  category: 'authentication',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['E'],
  cwe: 862,
  fix: 'Add `authorization: true` to the component\'s controls.',
  messages: {
    missing: '{service} handles {data} for callers from a less trusted boundary ({flow}) but has no `authorization` control: knowing who calls is not checking what they may do. Add `authorization: true` to its `controls:`.',
    disabled: '{service} handles {data} for callers from a less trusted boundary ({flow}) with `authorization` off. Set `authorization: true` in its `controls:`.',
  },
  docs: {
    checks: 'A workload (`service`, `function`, `gateway`, `frontend`) that is the callee of a flow carrying sensitive data from a boundary of lower trust, without an `authorization` control in force.',
    attack: 'Authentication says who the caller is; without authorization every authenticated caller may read or change every record: one customer reads another\'s orders by changing an id in the URL (broken object-level authorization, the top API risk).',
    fix: 'Check, on every request, that the caller may perform this action on this object (ownership, tenant, role, scope), in the workload itself or in a policy engine it consults, and record it with `authorization: true`.',
    falsePositives: 'Authorization enforced by a component in front (a gateway with per-route scopes) where the workload serves only data every caller may see: accept the finding naming where it is enforced.',
    practice: 'Deny by default; check permission per object and action, not only identity.',
    decisions: [
      'A flow counts whichever way its data goes: a caller from a less trusted zone that reads sensitive data needs authorization as much as one that writes it.',
      'One finding per workload, naming its first such flow; the finding points at `authorization: false` when written, else at the `controls:` key, else at the id.',
      'Datastores, identity providers and other non-workloads are not judged: they authorize with their own mechanisms (grants, which the least-privilege rules read).',
    ],
  },
}, ({ model, graph, report }) => {
  for (const service of graph.components()) {
    if (!graph.isWorkload(service) || graph.controlInForce(service, 'authorization')) continue;
    const flow = graph.inbound(service.id).find((f) => graph.entersFromLowerTrust(f) && graph.carriesSensitive(f));
    if (!flow) continue;
    report({
      element: service, at: controlAt(service, 'authorization'),
      messageId: service.controls.has('authorization') ? 'disabled' : 'missing',
      args: { service: service.id, flow: flowName(flow), data: describeData(model, graph.sensitiveData(flow.data)) },
      data: { addControl: 'authorization', value: true, scope: 'service' },
    });
  }
});
