import { defineRule } from './rule.js';
import type { Auth } from '../model/types.js';
import { describeData, flowName } from './util.js';

/** Methods that carry an end user's identity. */
const USER_CREDENTIALS: ReadonlySet<Auth> = new Set<Auth>(['oidc', 'oauth2', 'jwt', 'session', 'saml']);
/** Methods by which a workload proves only its own identity. */
const SELF_ONLY: ReadonlySet<Auth> = new Set<Auth>(['mtls', 'iam', 'api-key', 'password', 'basic']);

export default defineRule({
  id: 'missing-identity-propagation',
  title: 'End-user identity not propagated',
  category: 'authentication',
  severity: 'low',
  target: 'flow',
  stride: ['R'],
  reads: (c) => [c.kind, c.calls.map((f) => [f.target, f.to, f.auth, f.data])],
  cwe: 284,
  messages: {
    lost: '{flow} carries {data} on behalf of users who signed in to {from} with `{userAuth}`, but authenticates only as {from} (`auth: {auth}`): {to} cannot tell which user is asking, nor limit them to their own data. Pass the user\'s identity on (a `jwt` or token exchange), alongside `mtls` if you like.',
    forwarded: '{flow} carries {data} on behalf of users whose `{userAuth}` credentials the gateway `{gateway}` forwards to {from}, but authenticates only as {from} (`auth: {auth}`): {to} cannot tell which user is asking, nor limit them to their own data. Pass the user\'s identity on (a `jwt` or token exchange), alongside `mtls` if you like.',
  },
  docs: {
    checks: 'A workload that receives user credentials (`oidc`, `oauth2`, `jwt`, `session`, `saml`) on a flow from a `user`, or from a `gateway` that forwards them (the gateway\'s flow to the workload uses one of those methods), and opens a flow carrying sensitive data to another workload that authenticates only as itself (`mtls`, `iam`, `api-key`, `password`, `basic`).',
    attack: 'When the downstream service sees only "the frontend" or "the gateway", it must trust that caller to have checked which user may see what; one bug or one compromise of the caller exposes every user\'s data, and the audit trail downstream names no user (confused deputy).',
    fix: 'Forward the user\'s identity to the services that handle their data: the user\'s access token, or one exchanged for a narrower audience (OAuth 2.0 token exchange), or a signed `jwt`, checked downstream — in addition to `mtls` between the services.',
    falsePositives: 'The flow carries the user\'s token in a header while the model names only the transport authentication: write the method the service checks (`jwt`), or accept the finding.',
    practice: 'Propagate the end user\'s identity to where their data is handled.',
    decisions: [
      'The downstream flow must itself carry sensitive data: that is where the identity matters.',
      'Datastores are out of scope (they authenticate services, not users), as are identity providers, monitoring and externals; `auth: none` is `unauthenticated-flow`\'s, and `token`, `kerberos` and an absent `auth` are not judged.',
      'Credentials count when they come from a `user`, or from a `gateway` whose flow to the workload uses a user-credential method (the gateway forwards the user\'s token). Other workloads passing tokens on start no chain here, so the rule does not follow long chains.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.auth === undefined || !SELF_ONLY.has(flow.auth)) continue;
    const from = graph.caller(flow);
    const to = graph.callee(flow);
    if (!graph.isWorkload(from) || !graph.isWorkload(to) || from.id === to.id) continue;
    const sensitive = graph.sensitiveData(flow.data);
    if (sensitive.length === 0) continue;
    const signIn = graph.inbound(from.id).find((f) => {
      const kind = graph.caller(f).kind;
      return (kind === 'user' || kind === 'gateway') && f.auth !== undefined && USER_CREDENTIALS.has(f.auth);
    });
    if (!signIn) continue;

    report({
      element: flow, at: 'auth', messageId: graph.caller(signIn).kind === 'user' ? 'lost' : 'forwarded',
      args: { gateway: signIn.from, flow: flowName(flow), from: from.id, to: to.id, auth: flow.auth, userAuth: signIn.auth!, data: describeData(model, sensitive) },
    });
  }
});
