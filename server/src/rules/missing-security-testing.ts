import { defineRule } from './rule.js';
import { everyWorkloadHas } from './util.js';

export default defineRule({
  id: 'missing-security-testing',
  title: 'No security testing in the pipeline',
  category: 'pipeline',
  severity: 'low',
  target: 'system',
  stride: ['T'],
  reads: (c) => [c.kind, c.controls],
  cwe: 1008,
  fix: 'Add `security-testing: true` to the top-level `controls:`.',
  messages: {
    absent: 'No `security-testing` control: nothing in the pipeline looks for injection, broken access control or unsafe code before release. Add SAST/DAST to the pipeline and `security-testing: true` to the top-level `controls:`.',
    off: 'The system-wide `security-testing` control is `false`: nothing in the pipeline looks for injection, broken access control or unsafe code before release. Add SAST/DAST to the pipeline and set it to `true`.',
  },
  docs: {
    checks: 'The model has no system-wide `security-testing` control that is on (absent, or `false`). Reported once, on `system`.',
    attack: 'Design controls in this model say what should happen; code decides what does. Without static and dynamic security testing, an injection, an authorisation check forgotten on one route, or a secret committed to the repository reaches production and waits for an attacker to find it first.',
    fix: 'Run SAST (Semgrep, CodeQL, SonarQube) on every change and DAST (OWASP ZAP, Burp) against a staging deployment, with findings triaged before release; then write `security-testing: true` (or a detail such as `security-testing: semgrep + zap`) in the top-level `controls:`.',
    falsePositives: 'Security testing that is done but not written in the model; write it. A model of a system you do not build (a vendor\'s) can accept the finding with that reason.',
    practice: 'Secure development lifecycle: verify security in the pipeline (OWASP SAMM Verification; NIST SSDF PW.7, PW.8).',
    decisions: [
      'Setting `security-testing: true` on every workload counts as in place, the same as the system-wide control; a model without workloads needs the system-wide control.',
      'A detail value (`security-testing: semgrep`) means the control is on.',
    ],
  },
}, ({ graph, report }) => {
  const control = 'security-testing';
  if (graph.systemControl(control) || everyWorkloadHas(graph, control)) return;
  report({ element: 'system', messageId: graph.model.controls.has(control) ? 'off' : 'absent', data: { addControl: control, value: true, scope: 'system' } });
});
