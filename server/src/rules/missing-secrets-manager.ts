import { defineRule } from './rule.js';
import type { Auth } from '../model/types.js';
import { flowName, nameList } from './util.js';

/** Methods that rest on a secret both ends keep for good. */
const STATIC_SECRETS: ReadonlySet<Auth> = new Set<Auth>(['password', 'basic', 'api-key', 'signature']);

export default defineRule({
  id: 'missing-secrets-manager',
  title: 'No secrets manager',
  category: 'secrets',
  severity: 'medium',
  target: 'system',
  stride: ['I'],
  reads: (c) => [c.kind, c.secrets.length, c.controls, c.calls.map((f) => [f.to, f.auth])],
  cwe: 522,
  fix: 'Add `secrets-manager: true` to the top-level `controls:`.',
  messages: {
    missing: '{components} {declare} `secrets:`, but the model has no `secrets-manager` component and no `secrets-manager` control: nothing says where the secrets are kept, rotated and audited. Add a component of `kind: secrets-manager` to `services:`, or `secrets-manager: true` to the top-level `controls:`.',
    staticCredentials: 'The {flows} {authenticate} with static secrets ({methods}), but the model has no `secrets-manager` component and no `secrets-manager` control: nothing says where those secrets are kept, rotated and audited. Add a component of `kind: secrets-manager` to `services:`, or `secrets-manager: true` to the top-level `controls:`.',
    both: '{components} {declare} `secrets:`, and the {flows} {authenticate} with static secrets ({methods}), but the model has no `secrets-manager` component and no `secrets-manager` control: nothing says where the secrets are kept, rotated and audited. Add a component of `kind: secrets-manager` to `services:`, or `secrets-manager: true` to the top-level `controls:`.',
  },
  docs: {
    checks: 'Components declare `secrets:` (at least one entry), or open flows that authenticate with a static secret (`auth: password`, `basic`, `api-key` or `signature`), but the model has no component of kind `secrets-manager`, and the `secrets-manager` control is not in force for them (neither system-wide nor on the component).',
    attack: 'Secrets kept without a manager end up in environment files, CI variables and wikis: copied everywhere, never rotated, with no record of who read them. One leaked copy gives long-lived access.',
    fix: 'Keep secrets in a secrets manager (Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) and say so: add it as a `secrets-manager` component, or add `secrets-manager: true` (or its name) to the top-level `controls:`.',
    falsePositives: 'Secrets injected by the platform (Kubernetes secrets sealed at rest, with access control and audit). Set the `secrets-manager` control with that detail.',
    practice: 'Secrets are centrally stored, access-controlled, audited and rotated.',
    decisions: [
      'A system-level rule: one finding at the top-level `controls:` key (or `name:`), listing the components concerned; fix data `{ addControl: \'secrets-manager\', value: true, scope: \'system\' }`.',
      'A component that sets `secrets-manager: true` itself is covered; one that sets it `false` under a system-wide `secrets-manager` is not, and is named.',
      'References in `secrets:` (`vault:…`) do not by themselves count as a secrets manager: the catalogue asks for the component or the control.',
      'An empty `secrets: {}` declares nothing.',
      'A flow with a static secret implies one kept by its caller (a password, a key, a webhook secret), written in `secrets:` or not; a `user`\'s flows are not counted, since a person\'s password is theirs to keep and the identity provider\'s to check.',
      'The message names the components and the flows concerned (the first five of each, then how many more).',
    ],
  },
}, ({ model, graph, report }) => {
  if (graph.hasKind('secrets-manager')) return;
  const uncovered = [...model.services.values()].filter((s) => s.secrets.length > 0 && !graph.controlInForce(s, 'secrets-manager'));
  const flows = model.flows.filter((f) => f.auth !== undefined && STATIC_SECRETS.has(f.auth) && graph.caller(f).kind !== 'user'
    && !graph.controlInForce(graph.caller(f), 'secrets-manager'));
  if (uncovered.length === 0 && flows.length === 0) return;
  const names = flows.map(flowName);
  report({
    element: 'system', messageId: uncovered.length === 0 ? 'staticCredentials' : flows.length === 0 ? 'missing' : 'both',
    args: {
      components: nameList(uncovered.map((s) => s.id)), declare: uncovered.length === 1 ? 'declares' : 'declare',
      flows: `${flows.length === 1 ? 'flow' : 'flows'} ${nameList(names)}`, authenticate: flows.length === 1 ? 'authenticates' : 'authenticate',
      methods: [...new Set(flows.map((f) => `\`${f.auth}\``))].join(', '),
    },
    data: { addControl: 'secrets-manager', value: true, scope: 'system' },
  });
});
