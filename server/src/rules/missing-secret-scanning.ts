import { defineRule } from './rule.js';
import { controlAt } from './util.js';

export default defineRule({
  id: 'missing-secret-scanning',
  title: 'Repository without secret scanning',
  category: 'delivery',
  severity: 'low',
  target: 'service',
  scope: 'component',
  stride: ['I'],
  cwe: 540,
  fix: 'Add `secret-scanning: true` to the repository\'s controls.',
  messages: {
    missing: 'The repository `{service}` has no `secret-scanning`: a key committed by mistake stays in its history for anyone who can clone it. Turn it on (push protection, or a pre-receive hook) and add `secret-scanning: true` to its `controls:`.',
    disabled: 'The repository `{service}` turns `secret-scanning` off: a key committed by mistake stays in its history for anyone who can clone it. Set `secret-scanning: true` in its `controls:`.',
  },
  docs: {
    checks: 'A `repository` for which `secret-scanning` is not in force: neither on it nor system-wide (or set `false` on it).',
    attack: 'Credentials committed to source control are the most common leak there is: they spread to every clone, fork and CI log, and stay in the history after the line is deleted. Attackers scan public and leaked repositories for them within minutes.',
    fix: 'Turn on secret scanning with push protection (GitHub, GitLab), or a pre-receive hook (gitleaks, trufflehog), so a secret is refused before it lands; rotate anything it finds in the history. Record it with `secret-scanning: true` on the repository or system-wide.',
    falsePositives: 'Scanning done by a pre-commit hook that every clone installs, or by the CI for every branch: record `secret-scanning` with that detail.',
    practice: 'No secret reaches source control: scanning refuses it at the push.',
    decisions: [
      'The finding points at `secret-scanning: false` when it is written, else at the repository\'s `controls:` key, else at its id.',
    ],
  },
}, ({ graph, report }) => {
  for (const repo of graph.components()) {
    if (repo.kind !== 'repository' || graph.controlInForce(repo, 'secret-scanning')) continue;
    report({
      element: repo, at: controlAt(repo, 'secret-scanning'), messageId: repo.controls.has('secret-scanning') ? 'disabled' : 'missing',
      args: { service: repo.id },
      data: { addControl: 'secret-scanning', value: true, scope: 'service' },
    });
  }
});
