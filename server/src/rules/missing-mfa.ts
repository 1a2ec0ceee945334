import { defineRule } from './rule.js';
import type { Action } from '../model/types.js';
import { controlAt } from './util.js';

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
    missing: 'User {user} holds role {role}, which grants {actions} on {targets}, but signs in without multi-factor authentication. Add `mfa: true` to its controls.',
    disabled: 'User {user} holds role {role}, which grants {actions} on {targets}, and its `mfa` is off. Set `mfa: true`.',
  },
  docs: {
    checks: 'A `user` that holds a role granting `admin`, `delete`, `write` or `*` on any target, and has no `mfa` control in force.',
    attack: 'A phished, reused or guessed password is all it takes to act as the user. For an account that can change or delete data, or administer the system, that is a full compromise; a second factor stops most credential theft.',
    fix: 'Require a second factor (a security key or an authenticator app) for the user in the identity provider, and record it with `mfa: true` on the user.',
    falsePositives: 'MFA enforced by the identity provider for every user, or a break-glass account kept offline: record `mfa: true` on the user, or accept the finding with the reason.',
    practice: 'Multi-factor authentication for every account that can change or administer the system.',
    decisions: [
      'Roles that grant only `read` or `execute` do not need MFA under this rule.',
      'One finding per user, naming the first role that grants a powerful action; the finding points at `mfa: false` when it is written, else at the user\'s `controls:` key, else at the user\'s id.',
      'An `mfa` control on the identity provider does not count for the user: the model says MFA is required for this user only when the user carries it.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const user of graph.components()) {
    if (user.kind !== 'user' || graph.controlInForce(user, 'mfa')) continue;
    for (const roleId of user.roles) {
      const role = model.roles.get(roleId);
      const powerful = role?.grants.filter((g) => g.actions.some((a) => POWERFUL.has(a))) ?? [];
      if (powerful.length === 0) continue;
      const actions = [...new Set(powerful.flatMap((g) => g.actions.filter((a) => POWERFUL.has(a))))];
      const written = user.controls.has('mfa');
      report({
        element: user, at: controlAt(user, 'mfa'), messageId: written ? 'disabled' : 'missing',
        args: {
          user: user.id, role: roleId,
          actions: actions.map((a) => `\`${a}\``).join(', '),
          targets: powerful.map((g) => (g.target === '*' ? 'every service' : g.target)).join(', '),
        },
        data: { addControl: 'mfa', value: true, scope: 'service' },
      });
      break;
    }
  }
});
