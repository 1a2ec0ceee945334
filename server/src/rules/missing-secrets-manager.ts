import { defineRule } from './rule.js';
import { nameList } from './util.js';

export default defineRule({
  id: 'missing-secrets-manager',
  title: 'No secrets manager',
  category: 'secrets',
  severity: 'medium',
  target: 'system',
  stride: ['I'],
  cwe: 522,
  fix: 'Add `secrets-manager: true` to the top-level `controls:`.',
  messages: {
    missing: '{components} {declare} `secrets:`, but the model has no `secrets-manager` component and no `secrets-manager` control: nothing says where the secrets are kept, rotated and audited. Add a `secrets-manager` component or the system control `secrets-manager: true`.',
  },
  docs: {
    checks: 'Components declare `secrets:` (at least one entry), but the model has no component of kind `secrets-manager`, and the `secrets-manager` control is not in force for them (neither system-wide nor on the component).',
    attack: 'Secrets kept without a manager end up in environment files, CI variables and wikis: copied everywhere, never rotated, with no record of who read them. One leaked copy gives long-lived access.',
    fix: 'Keep secrets in a secrets manager (Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) and say so: add it as a `secrets-manager` component, or add `secrets-manager: true` (or its name) to the top-level `controls:`.',
    falsePositives: 'Secrets injected by the platform (Kubernetes secrets sealed at rest, with access control and audit). Set the `secrets-manager` control with that detail.',
    practice: 'Secrets are centrally stored, access-controlled, audited and rotated.',
    decisions: [
      'A system-level rule: one finding at the top-level `controls:` key (or `name:`), listing the components concerned; fix data `{ addControl: \'secrets-manager\', value: true, scope: \'system\' }`.',
      'A component that sets `secrets-manager: true` itself is covered; one that sets it `false` under a system-wide `secrets-manager` is not, and is named.',
      'References in `secrets:` (`vault:…`) do not by themselves count as a secrets manager: the catalogue asks for the component or the control.',
      'An empty `secrets: {}` declares nothing.',
    ],
  },
}, ({ model, graph, report }) => {
  if (graph.hasKind('secrets-manager')) return;
  const uncovered = [...model.services.values()].filter((s) => s.secrets.length > 0 && !graph.controlInForce(s, 'secrets-manager'));
  if (uncovered.length === 0) return;
  report({
    element: 'system', messageId: 'missing',
    args: { components: nameList(uncovered.map((s) => s.id)), declare: uncovered.length === 1 ? 'declares' : 'declare' },
    data: { addControl: 'secrets-manager', value: true, scope: 'system' },
  });
});
