import { defineRule } from './rule.js';
import { andList, grantText } from './util.js';

export default defineRule({
  id: 'unused-role',
  title: 'Unused role',
  category: 'completeness',
  severity: 'info',
  target: 'role',
  stride: [],
  reads: (c) => c.roles,
  fix: 'Remove the role.',
  messages: {
    unused: 'Role `{role}` is held by no component (no `roles: [{role}]`). Give it to the components that need it, or remove it.',
    unusedBroad: 'Role `{role}` is held by no component (no `roles: [{role}]`); it grants {grants}, so if something does hold it, it is over-privileged. Narrow it to what its holders will need before giving it out, or remove it.',
  },
  docs: {
    checks: 'A role that no component lists in its `roles:`.',
    attack: 'A role nobody is modelled to hold is either dead (and should go before someone reuses it) or held by something the model forgot, whose privileges are then never reviewed.',
    fix: 'Add the role to the `roles:` of the components that hold it; if it is no longer used, remove it.',
    falsePositives: 'A break-glass role held by nobody until an incident. Accept the finding with the reason.',
    practice: 'Least privilege, reviewed: every role has known holders.',
    decisions: [
      'A role nobody holds is not judged by `over-privileged-role` or `unused-grant`; when it grants `*`, `admin` or anything on `"*"`, the message says so.',
      'Fix data `{ remove: [\'roles\', ID] }`.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const role of model.roles.values()) {
    if (graph.holders(role).length > 0) continue;
    const broad = role.grants.filter((g) => g.target === '*' || g.actions.includes('*') || g.actions.includes('admin'));
    report({
      element: role, messageId: broad.length > 0 ? 'unusedBroad' : 'unused',
      args: { role: role.id, grants: andList(broad.map(grantText)) },
      data: { remove: ['roles', role.id] },
    });
  }
});
