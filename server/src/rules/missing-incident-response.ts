import { defineRule } from './rule.js';

export default defineRule({
  id: 'missing-incident-response',
  title: 'No incident response plan',
  category: 'pipeline',
  severity: 'low',
  target: 'system',
  stride: ['R'],
  reads: () => null,
  cwe: 1008,
  fix: 'Add `incident-response: docs/incident-response.md` to the top-level `controls:`.',
  messages: {
    absent: 'No `incident-response` control: when a breach is found, nobody knows who decides, whom to call, or how to contain it. Write a playbook and add `incident-response: docs/incident-response.md` (its path) to the top-level `controls:`.',
    off: 'The system-wide `incident-response` control is `false`: when a breach is found, nobody knows who decides, whom to call, or how to contain it. Write a playbook and set the control to its path.',
  },
  docs: {
    checks: 'The model has no system-wide `incident-response` control that is on (absent, or `false`). Reported once, on `system`.',
    attack: 'A breach that is handled ad hoc lasts longer and costs more: evidence is destroyed by well-meant restarts, credentials are rotated late or not at all, and notification deadlines (72 hours under the GDPR) pass while people work out who is in charge.',
    fix: 'Write an incident response playbook (roles and contacts, severity levels, containment steps per component, how to rotate every secret in the model, notification duties), rehearse it, and point the control at it: `incident-response: docs/incident-response.md`.',
    falsePositives: 'A plan kept outside the repository; write its location (a URL) as the control\'s value.',
    practice: 'Prepare for incidents before they happen (NIST SP 800-61, ISO 27001 A.5.24).',
    decisions: [
      'Only the system-wide control counts: incident response is an organisation\'s plan, not a property of one service.',
      '`incident-response: true` counts as in place; a path is better, because it tells responders where to look.',
    ],
  },
}, ({ graph, report }) => {
  const control = 'incident-response';
  if (graph.systemControl(control)) return;
  report({
    element: 'system', messageId: graph.model.controls.has(control) ? 'off' : 'absent',
    data: { addControl: control, value: 'docs/incident-response.md', scope: 'system' },
  });
});
