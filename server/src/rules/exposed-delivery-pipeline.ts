import { defineRule } from './rule.js';
import type { Auth, Flow } from '../model/types.js';
import { nameList } from './util.js';

/** Credentials a guess, a phish or a leaked file gives away on their own. */
const SINGLE_FACTOR: ReadonlySet<Auth> = new Set<Auth>(['none', 'basic', 'password', 'api-key']);

export default defineRule({
  id: 'exposed-delivery-pipeline',
  title: 'Delivery pipeline exposed with weak credentials',
  category: 'delivery',
  severity: 'high',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 506,
  messages: {
    weak: 'The {kind} `{service}` is reached from the untrusted {callers} with {auths}: whoever guesses, phishes or finds that credential can plant code in every build. Put it behind single sign-on with MFA (and a VPN or an allow-list), or take it off the internet.',
    singleFactor: 'The {kind} `{service}` is reached from the untrusted {callers} without multi-factor authentication: one phished password plants code in every build. Require MFA (`mfa: true` on the callers or on `{service}`), or take it off the internet.',
  },
  docs: {
    checks: 'A `repository`, `ci` or `registry` that a component in an `untrusted` boundary calls over a flow whose `auth` is `none`, `basic`, `password` or `api-key`, or over any other flow while `mfa` is in force neither on the caller nor on the pipeline component.',
    attack: 'Code backdooring: the delivery pipeline turns whatever it is given into what runs in production, with production\'s credentials. A Git server, CI server or registry open to the internet behind a password or a static key is one phished account, reused password or leaked token away from a malicious commit, a poisoned build step or a replaced image, which then ships to every environment (the SolarWinds and Codecov compromises worked this way).',
    fix: 'Take source, build and artifact services off the open internet (a VPN, an identity-aware proxy, an IP allow-list), and require single sign-on with a second factor for every person who reaches them: `auth: oidc` on their flows and `mfa: true` on the users (or on the repository, CI or registry when it enforces MFA for everyone).',
    falsePositives: 'A hosted service (GitHub, GitLab.com) whose organisation enforces SSO with MFA: record `mfa: true` on the component. Webhooks signed by the code host (`auth: signature`) are machine calls that cannot carry a second factor: if the endpoint accepts nothing else, accept the finding with that reason.',
    practice: 'The delivery pipeline is protected at least as well as production: never on the open internet with single-factor credentials.',
    decisions: [
      'One finding per pipeline component, at its id, naming every untrusted caller that reaches it with weak or single-factor credentials; the `weak` message when any of those flows uses `none`, `basic`, `password` or `api-key`.',
      'An absent `auth` counts as single-factor unless `mfa` is in force (on the caller or on the component): the model does not say a second factor is there.',
      'Callers in a `dmz`, `internal` or `restricted` boundary are not judged: the rule is about the internet-facing pipeline; `missing-mfa` judges people who sign in from inside.',
      'There is no quick fix: the remedy (SSO, MFA, network placement) is a change to the system that the model then records.',
    ],
  },
}, ({ graph, report }) => {
  for (const target of graph.components()) {
    if (!graph.isDeliveryPipeline(target)) continue;
    const targetMfa = graph.controlInForce(target, 'mfa');
    const exposed: Flow[] = [];
    for (const flow of graph.inbound(target.id)) {
      const caller = graph.caller(flow);
      if (!graph.isUntrusted(caller)) continue;
      const weak = flow.auth !== undefined && SINGLE_FACTOR.has(flow.auth);
      if (weak || !(targetMfa || graph.controlInForce(caller, 'mfa'))) exposed.push(flow);
    }
    if (exposed.length === 0) continue;
    const weakAuths = [...new Set(exposed.map((f) => f.auth).filter((a): a is Auth => a !== undefined && SINGLE_FACTOR.has(a)))];
    report({
      element: target, messageId: weakAuths.length > 0 ? 'weak' : 'singleFactor',
      args: {
        kind: target.kind, service: target.id,
        callers: nameList([...new Set(exposed.map((f) => f.from))]),
        auths: weakAuths.map((a) => `\`auth: ${a}\``).join(', '),
      },
    });
  }
});
