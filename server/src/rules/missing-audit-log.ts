import { defineRule } from './rule.js';
import type { Flow } from '../model/types.js';
import { controlAt, describeData, flowName } from './util.js';

export default defineRule({
  id: 'missing-audit-log',
  title: 'No audit log where sensitive data is handled',
  category: 'pipeline',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['R'],
  cwe: 778,
  fix: 'Add `audit-log: true` to the component\'s controls.',
  messages: {
    stores: '{service} stores {data} but keeps no audit log: nobody can tell afterwards who read or changed it. Add `audit-log: true` to its `controls:`.',
    receives: '{service} handles {data} for {caller}, a less trusted caller ({fromBoundary} → {toBoundary}), but keeps no audit log: nobody can tell afterwards who did what. Add `audit-log: true` to its `controls:`.',
    admin: '{service} is called by the administrator `{admin}` ({flow}), so it is an admin interface, but keeps no audit log: admin actions leave no trail. Add `audit-log: true` to its `controls:`.',
  },
  docs: {
    checks: 'A component that `stores` sensitive data, a workload reached by a flow that enters from lower trust and carries sensitive data, or a workload that an administrator (a `user` holding a role that grants `admin` or `*`) calls, and that has no `audit-log` in force (its own control, or `false`).',
    attack: 'When records are leaked, altered or deleted, the audit log is what tells who did it, when and through which account. Without it, an insider or an intruder using stolen credentials can deny the action, the breach\'s scope cannot be established, and its notification cannot say whose data was affected.',
    fix: 'Record security-relevant events (who accessed or changed which records, logins, permission changes) in an append-only log that the component cannot rewrite, shipped to central logging; write `audit-log: true` in the component\'s controls.',
    falsePositives: 'Auditing done by a component in front of this one for every access (a data-access service that is the only way to the database, and audits every call): accept the finding on the datastore with that reason, and keep `audit-log` on the component that does it.',
    practice: 'Accountability for sensitive data: log who accessed and changed it (OWASP Top 10 A09; OWASP ASVS V7; the GDPR\'s accountability principle, Art. 5(2)).',
    decisions: [
      'Any component that stores sensitive data counts, datastores or not (an identity provider keeping personal data, a service with a local store); `user` and `external` components are outside the system and are not judged.',
      'A workload "receives" sensitive data from lower trust whenever such a flow reaches it carrying sensitive data, whatever its `access`: a read of personal data by a less trusted caller is exactly what an audit log must record.',
      'One finding per component, even when both cases hold; the message names the data it stores first.',
      '`audit-log` is a service control; it is in force when the component sets it to `true` or a detail.',
      'A workload an administrator calls is an admin interface: admin actions must leave a trail whatever data they touch.',
    ],
  },
}, ({ model, graph, report }) => {
  const control = 'audit-log';
  for (const service of graph.components()) {
    if (graph.isOutside(service)) continue;
    if (graph.controlInForce(service, control)) continue;
    const data = { addControl: control, value: true, scope: 'service' } as const;
    const stored = graph.sensitiveData(service.stores);
    if (stored.length > 0) {
      report({ element: service, at: controlAt(service, control), messageId: 'stores', args: { service: service.id, data: describeData(model, stored) }, data });
      continue;
    }
    if (!graph.isWorkload(service)) continue;
    const inbound = graph.inbound(service.id);
    const from: Flow | undefined = inbound.find((f) => graph.entersFromLowerTrust(f) && graph.carriesSensitive(f));
    if (!from) {
      const byAdmin = inbound.find((f) => graph.isAdministrator(graph.caller(f)));
      if (byAdmin) report({ element: service, at: controlAt(service, control), messageId: 'admin', data, args: { service: service.id, admin: byAdmin.from, flow: flowName(byAdmin) } });
      continue;
    }
    const caller = graph.caller(from);
    report({
      element: service, at: controlAt(service, control), messageId: 'receives', data,
      args: {
        service: service.id, data: describeData(model, graph.sensitiveData(from.data)), caller: caller.id,
        fromBoundary: caller.boundary, toBoundary: service.boundary,
      },
    });
  }
});
