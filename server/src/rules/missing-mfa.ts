import { defineRule } from './rule.js';
import type { Action } from '../model/types.js';
import { actionsText, andList, controlAt } from './util.js';
import type { Component } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';

/** Actions that change or destroy: an account holding them is worth a second factor. */
const POWERFUL: ReadonlySet<Action> = new Set<Action>(['admin', 'delete', 'write', '*']);

export default defineRule({
  id: 'missing-mfa',
  title: 'Privileged user without MFA',
  category: 'authentication',
  severity: 'high',
  target: 'service',
  scope: 'component',
  stride: ['S'],
  cwe: 308,
  fix: 'Add `mfa: true` to the user\'s controls.',
  messages: {
    missing: 'The user `{user}` holds the role `{role}`, which grants {actions} on {targets}, but signs in without multi-factor authentication. Add `mfa: true` to its `controls:`.',
    disabled: 'The user `{user}` holds the role `{role}`, which grants {actions} on {targets}, and its `mfa` is off. Set `mfa: true` in its `controls:`.',
    reaches: 'The user `{user}` signs in to the {kind} `{target}` ({why}) without multi-factor authentication: one phished password is enough to {impact}. Add `mfa: true` to its `controls:`.',
  },
  docs: {
    checks: 'A `user` without `mfa` in force that holds a role granting `admin`, `delete`, `write` or `*` on any target; or that calls with credentials (a flow whose `auth` is not `none`) a datastore, a `repository`, `ci` or `registry`, or a workload that stores `restricted` data, when `mfa` is in force on neither the user nor the component it calls. Signing in to an `identity-provider` is `weak-authentication`\'s concern.',
    attack: 'A phished, reused or guessed password is all it takes to act as the user. For an account that can change or delete data, administer the system, read a datastore directly, push code into the delivery pipeline or reach the most sensitive records, that is a full compromise; a second factor stops most credential theft.',
    fix: 'Require a second factor (a security key or an authenticator app) for the user in the identity provider, and record it with `mfa: true` on the user (or on the component, when it requires a second factor of everyone who signs in).',
    falsePositives: 'MFA enforced by the identity provider for every user, or a break-glass account kept offline: record `mfa: true` on the user, or accept the finding with the reason.',
    practice: 'Multi-factor authentication for every account that can change or administer the system, or that reaches its data or its delivery pipeline directly.',
    decisions: [
      'Roles that grant only `read` or `execute` do not need MFA under this rule; what the user reaches may still.',
      'One finding per user: the first role that grants a powerful action, else the first flow that reaches a datastore, the delivery pipeline or a workload storing restricted data. The finding points at `mfa: false` when it is written, else at the user\'s `controls:` key, else at the user\'s id.',
      'For a role, only the user\'s own `mfa` counts: the model says MFA is required for this user only when the user carries it. For what a user reaches, `mfa` on the component called counts too (a Git host or a console that requires a second factor of everyone).',
      'An absent `auth` counts as credentials (the user signs in somehow); only `auth: none` is a call without credentials, which is `unauthenticated-flow`\'s.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const user of graph.components()) {
    if (user.kind !== 'user' || graph.controlInForce(user, 'mfa')) continue;
    const at = controlAt(user, 'mfa');
    const data = { addControl: 'mfa', value: true, scope: 'service' as const };
    const written = user.controls.has('mfa');
    let reported = false;
    for (const roleId of user.roles) {
      const role = model.roles.get(roleId);
      const powerful = role?.grants.filter((g) => g.actions.some((a) => POWERFUL.has(a))) ?? [];
      if (powerful.length === 0) continue;
      const actions = [...new Set(powerful.flatMap((g) => g.actions.filter((a) => POWERFUL.has(a))))];
      report({
        element: user, at, messageId: written ? 'disabled' : 'missing', data,
        args: {
          user: user.id, role: roleId,
          actions: actionsText(actions),
          targets: andList(powerful.map((g) => (g.target === '*' ? 'every service' : `\`${g.target}\``))),
        },
      });
      reported = true;
      break;
    }
    if (reported) continue;
    for (const flow of user.calls) {
      if (flow.auth === 'none') continue;
      const target = graph.callee(flow);
      const reach = reachOf(graph, target);
      if (!reach || graph.controlInForce(target, 'mfa')) continue;
      report({ element: user, at, messageId: 'reaches', data, args: { user: user.id, kind: target.kind, target: target.id, ...reach } });
      break;
    }
  }
});

/** What a person reaching this component directly can do with a stolen password; undefined when it needs no MFA. */
function reachOf(graph: ModelGraph, target: Component): { why: string; impact: string } | undefined {
  if (graph.isDatastore(target)) return { why: 'a datastore', impact: 'read or change its data without any application in between' };
  if (graph.isDeliveryPipeline(target)) return { why: 'the delivery pipeline', impact: 'plant code in what ships to production' };
  if (graph.isWorkload(target) && graph.isRestricted(target.stores)) return { why: 'it stores restricted data', impact: 'reach the most sensitive records' };
  return undefined;
}
