import { defineRule } from './rule.js';
import type { Auth } from '../model/types.js';
import { flowName, plural } from './util.js';

const FEDERATED: ReadonlySet<Auth> = new Set<Auth>(['oidc', 'oauth2', 'saml', 'jwt']);

export default defineRule({
  id: 'missing-identity-provider',
  title: 'Token authentication without an identity provider',
  category: 'authentication',
  severity: 'low',
  target: 'system',
  stride: ['S'],
  reads: (c) => [c.kind, c.calls.map((f) => [f.to, f.auth])],
  cwe: 287,
  messages: {
    missing: 'The model authenticates {count} with tokens (`oidc`, `oauth2`, `saml` or `jwt`; {first}) but has no `identity-provider`, so who issues and signs them is not modelled. Add the identity provider to `services:`, as a component of `kind: identity-provider`.',
  },
  docs: {
    checks: 'Some flow uses `oidc`, `oauth2`, `saml` or `jwt`, and no component has `kind: identity-provider`.',
    attack: 'Tokens are only as trustworthy as their issuer and its signing keys. A model without the issuer hides the most valuable target (whoever holds the signing key mints any identity) and the flows to it (key discovery, token introspection) that need protecting.',
    fix: 'Add the identity provider (Keycloak, Auth0, Entra ID, Cognito, or the service that signs the tokens) as a `kind: identity-provider` component, with the flows that reach it.',
    falsePositives: 'Tokens signed by a service itself with a key from the secrets manager: model that service as the `identity-provider`, or accept the finding.',
    practice: 'A single, modelled, protected issuer of identities.',
    decisions: ['One finding for the system, at the top-level `controls:` key (or `name:`), naming the first such flow.'],
  },
}, ({ model, graph, report }) => {
  if (graph.hasKind('identity-provider')) return;
  const flows = model.flows.filter((f) => f.auth !== undefined && FEDERATED.has(f.auth));
  if (flows.length === 0) return;
  report({
    element: 'system', messageId: 'missing',
    args: { count: plural(flows.length, 'flow'), first: `${flows.length > 1 ? 'first ' : ''}${flowName(flows[0])} (\`${flows[0].auth}\`)` },
  });
});
