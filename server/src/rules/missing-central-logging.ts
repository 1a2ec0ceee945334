import { defineRule } from './rule.js';
import { everyWorkloadHas } from './util.js';

export default defineRule({
  id: 'missing-central-logging',
  title: 'No central logging',
  category: 'pipeline',
  severity: 'low',
  target: 'system',
  stride: ['R'],
  reads: (c) => [c.kind, c.controls],
  cwe: 778,
  fix: 'Add `central-logging: true` to the top-level `controls:`.',
  messages: {
    absent: 'No `monitoring` component and no `central-logging` control: logs stay on the hosts that write them, where an intruder can erase them and nobody correlates them. Collect them centrally and add `central-logging: true` to the top-level `controls:`.',
    off: 'No `monitoring` component, and the system-wide `central-logging` control is `false`: logs stay on the hosts that write them, where an intruder can erase them and nobody correlates them. Collect them centrally and set it to `true`.',
  },
  docs: {
    checks: 'The model has no component of kind `monitoring` and no system-wide `central-logging` control that is on. Reported once, on `system`.',
    attack: 'An intruder\'s first moves (failed logins across services, unusual calls between them) show only when logs from every service are seen together. Logs kept on each host are lost when a container is replaced and are the first thing an attacker with host access deletes.',
    fix: 'Ship logs from every component to a central store that the components cannot rewrite (an ELK/OpenSearch stack, Loki, a cloud logging service, a SIEM), with alerts on security events; model it as a `monitoring` component, or write `central-logging: true` in the top-level `controls:`.',
    falsePositives: 'Central logging provided by the platform and not modelled; write the control.',
    practice: 'Security logging and monitoring (OWASP Top 10 A09: security logging and monitoring failures).',
    decisions: [
      'A `monitoring` component anywhere in the model is enough, as the catalogue says; whether every component sends it logs is not judged (flows to monitoring are often left out of models).',
      'Setting `central-logging: true` on every workload counts as in place, the same as the system-wide control.',
    ],
  },
}, ({ graph, report }) => {
  const control = 'central-logging';
  if (graph.hasKind('monitoring') || graph.systemControl(control) || everyWorkloadHas(graph, control)) return;
  report({ element: 'system', messageId: graph.model.controls.has(control) ? 'off' : 'absent', data: { addControl: control, value: true, scope: 'system' } });
});
