import { defineRule } from './rule.js';
import { everyWorkloadHas } from './util.js';

export default defineRule({
  id: 'unsigned-commits',
  title: 'Commits are not signed',
  category: 'pipeline',
  severity: 'info',
  target: 'system',
  stride: ['T'],
  reads: (c) => [c.kind, c.controls],
  cwe: 345,
  fix: 'Add `signed-commits: true` to the top-level `controls:`.',
  messages: {
    absent: 'No `signed-commits` control: a commit\'s author is whatever its metadata claims. Require signed commits on protected branches and add `signed-commits: true` to the top-level `controls:`.',
    off: 'The system-wide `signed-commits` control is `false`: a commit\'s author is whatever its metadata claims. Require signed commits on protected branches and set it to `true`.',
  },
  docs: {
    checks: 'The model has no system-wide `signed-commits` control that is on (absent, or `false`). Reported once, on `system`, as information.',
    attack: 'Git records whatever author name and e-mail the committer configures. Someone with push access, or a stolen token, can commit code that appears to come from a trusted maintainer and slip past a review that trusts the name.',
    fix: 'Require signed commits (GPG, SSH or Sigstore gitsign) on protected branches, with keys registered to each developer\'s account, and write `signed-commits: true` in the top-level `controls:`.',
    falsePositives: 'Repositories where the branch protection and review, not the signature, are the trust anchor; the finding is information only, accept it with that reason if you wish.',
    practice: 'Source integrity: know who wrote what reaches the pipeline (SLSA source requirements).',
    decisions: [
      'Setting `signed-commits: true` on every workload counts as in place, the same as the system-wide control; a model without workloads needs the system-wide control.',
    ],
  },
}, ({ graph, report }) => {
  const control = 'signed-commits';
  if (graph.systemControl(control) || everyWorkloadHas(graph, control)) return;
  report({ element: 'system', messageId: graph.model.controls.has(control) ? 'off' : 'absent', data: { addControl: control, value: true, scope: 'system' } });
});
