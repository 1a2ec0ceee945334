import { defineRule } from './rule.js';
import type { Component } from '../model/types.js';
import { isDatastoreKind } from '../model/vocabulary.js';
import { describeData, flowName } from './util.js';

const WEAK = new Set(['basic', 'api-key', 'password']);

/**
 * People, browser clients and third parties deal in delegated tokens; services between themselves,
 * and anything with a datastore, in certificates (no database speaks OAuth).
 */
function strongerAuth(caller: Component, callee: Component): 'oauth2' | 'mtls' {
  if (isDatastoreKind(callee.kind)) return 'mtls';
  const tokenWorld = ['user', 'external', 'frontend'].includes(caller.kind) || callee.kind === 'external';
  return tokenWorld ? 'oauth2' : 'mtls';
}

export default defineRule({
  id: 'weak-authentication',
  title: 'Weak authentication',
  category: 'authentication',
  severity: 'medium',
  target: 'flow',
  scope: 'flow',
  stride: ['S'],
  cwe: 1390,
  fix: 'Set `auth: oauth2` (people, third parties, browser clients) or `auth: mtls` (services).',
  messages: {
    lowerTrust: '{flow} enters {to} from a less trusted boundary ({fromBoundary} → {toBoundary}) with only `auth: {auth}`, a static secret that can be phished, guessed or replayed. Set `auth: {suggest}`.',
    restricted: '{flow} carries {data} with only `auth: {auth}`, a static secret that can leak and be replayed. Set `auth: {suggest}`.',
    signIn: '{flow}: the user `{from}` signs in to the identity provider `{to}` with a password alone, which phishing or credential stuffing is enough to steal. Require a second factor: `mfa: true` in the `controls:` of `{to}` (or of the user).',
  },
  docs: {
    checks: 'A flow whose `auth` is `basic`, `api-key` or `password` and that either enters its callee from a boundary of lower trust or carries restricted data.',
    attack: 'Static shared secrets (passwords, basic credentials, API keys) are long-lived, travel with every request, end up in logs, config files and browser storage, and are replayed as is once stolen. From a less trusted zone they meet credential stuffing and brute force; on a path that carries restricted data one leaked key opens that data.',
    fix: 'Use short-lived, scoped credentials: `oauth2` or `oidc` tokens for people and third parties, `mtls` (or workload identity such as `iam`) between services. Keep static keys only where nothing better is offered, and rotate them from a secrets manager.',
    falsePositives: 'A third-party API that offers nothing but API keys (many payment and messaging providers): accept the finding, naming the rotation and scope of the key.',
    practice: 'Strong, short-lived credentials at trust boundaries and for the most sensitive data.',
    decisions: [
      'Only `basic`, `api-key` and `password` are weak; `token`, `session`, `jwt`, `oauth2`, `oidc`, `saml`, `mtls`, `iam` and `kerberos` are not judged here, and `auth: none` is `unauthenticated-flow`\'s.',
      'Restricted data means the flow\'s own `data` includes a `restricted` asset; confidential or personal data alone does not make a password to a database a finding (that is ordinary practice with the credential in a secrets manager).',
      'The suggestion is `oauth2` when a user, an external or a frontend calls, or when an external is called (third-party APIs offer OAuth client credentials far more often than mutual TLS), `mtls` otherwise.',
      'When both conditions hold, the message speaks of the trust boundary.',
      'A `user` signing in to an `identity-provider` with `password` is how every sign-in starts (the point of `oidc` is that passwords go there and nowhere else): it is not a finding when MFA is in force on the identity provider or on the user, since a password with a second factor is no longer a secret that can be replayed alone. Without MFA it is reported with a message that asks for MFA, and no quick fix (`oauth2` to the identity provider is no remedy). `basic` and `api-key` to an identity provider are judged as anywhere else.',
      'When the callee is a datastore (`database`, `cache`, `queue`, `storage`) the suggestion is `mtls`, whoever calls: a database does not take OAuth tokens.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.auth === undefined || !WEAK.has(flow.auth)) continue;
    const caller = graph.caller(flow);
    const callee = graph.callee(flow);
    const restricted = flow.data.filter((id) => model.data.get(id)?.classification === 'restricted');
    const lowerTrust = graph.entersFromLowerTrust(flow);
    if (!lowerTrust && restricted.length === 0) continue;
    const signIn = caller.kind === 'user' && callee.kind === 'identity-provider' && flow.auth === 'password';
    if (signIn && (graph.controlInForce(callee, 'mfa') || graph.controlInForce(caller, 'mfa'))) continue;
    const suggest = strongerAuth(caller, callee);
    const args = {
      flow: flowName(flow), from: caller.id, to: callee.id, auth: flow.auth, suggest, data: describeData(model, restricted),
      fromBoundary: caller.boundary, toBoundary: callee.boundary,
    };
    if (signIn) report({ element: flow, at: 'auth', messageId: 'signIn', args });
    // `mtls` cannot run over a flow without TLS: the message asks for both, and no one-key fix is offered.
    else if (suggest === 'mtls' && flow.effectiveTls === 'none') {
      report({ element: flow, at: 'auth', messageId: lowerTrust ? 'lowerTrust' : 'restricted', args: { ...args, suggest: 'mtls` and `tls: mtls' } });
    } else report({ element: flow, at: 'auth', messageId: lowerTrust ? 'lowerTrust' : 'restricted', args, data: { prop: 'auth', value: suggest } });
  }
});
