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
    admin: '{service} is called by the administrator `{admin}` ({flow}), so it is an admin interface, but has no `authorization` control: anyone who reaches it may do what an administrator does. Add `authorization: true` to its `controls:`.',
    adminDisabled: '{service} is called by the administrator `{admin}` ({flow}), so it is an admin interface, with `authorization` off. Set `authorization: true` in its `controls:`.',
  },
  docs: {
    checks: 'A workload (`service`, `function`, `gateway`, `frontend`) that is the callee of a flow carrying sensitive data from a boundary of lower trust, or that an administrator (a `user` holding a role that grants `admin` or `*`) calls, an admin interface, without an `authorization` control in force.',
    attack: 'Authentication says who the caller is; without authorization every authenticated caller may read or change every record: one customer reads another\'s orders by changing an id in the URL (broken object-level authorization, the top API risk).',
    fix: 'Check, on every request, that the caller may perform this action on this object (ownership, tenant, role, scope), in the workload itself or in a policy engine it consults, and record it with `authorization: true`.',
    falsePositives: 'Authorization enforced by a component in front (a gateway with per-route scopes) where the workload serves only data every caller may see: accept the finding naming where it is enforced.',
    practice: 'Deny by default; check permission per object and action, not only identity.',
    decisions: [
      'A flow counts whichever way its data goes: a caller from a less trusted zone that reads sensitive data needs authorization as much as one that writes it.',
      'One finding per workload, naming its first such flow; the finding points at `authorization: false` when written, else at the `controls:` key, else at the id.',
      'Datastores, identity providers and other non-workloads are not judged: they authorize with their own mechanisms (grants, which the least-privilege rules read).',
      'A workload an administrator calls is an admin interface whatever the data and boundaries: its callers must be checked for the admin rights they use. Sensitive data from lower trust is named first when both hold.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const service of graph.components()) {
    if (!graph.isWorkload(service) || graph.controlInForce(service, 'authorization')) continue;
    const off = service.controls.has('authorization');
    const at = controlAt(service, 'authorization');
    const data = { addControl: 'authorization', value: true, scope: 'service' as const };
    const inbound = graph.inbound(service.id);
    const flow = inbound.find((f) => graph.entersFromLowerTrust(f) && graph.carriesSensitive(f));
    if (flow) {
      report({
        element: service, at, messageId: off ? 'disabled' : 'missing', data,
        args: { service: service.id, flow: flowName(flow), data: describeData(model, graph.sensitiveData(flow.data)) },
      });
      continue;
    }
    const byAdmin = inbound.find((f) => graph.isAdministrator(graph.caller(f)));
    if (byAdmin) {
      report({ element: service, at, messageId: off ? 'adminDisabled' : 'admin', data, args: { service: service.id, flow: flowName(byAdmin), admin: byAdmin.from } });
    }
  }
});
