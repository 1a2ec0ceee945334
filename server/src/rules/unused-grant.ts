import { defineRule } from './rule.js';
import type { Action } from '../model/types.js';
import { nameList } from './util.js';
import { actionItem } from './over-privileged-role.js';

const CHANGES: readonly Action[] = ['write', 'delete'];

export default defineRule({
  id: 'unused-grant',
  title: 'Unused grant',
  category: 'least-privilege',
  severity: 'medium',
  target: 'role',
  stride: ['E'],
  reads: (c) => [c.roles, c.calls.map((f) => [f.to, f.access])],
  cwe: 272,
  fix: 'Remove the grant that no holder uses, or narrow a write grant to `read`.',
  messages: {
    uncalled: 'Role `{role}` grants {actions} on `{target}`, but none of its holders ({holders}) calls `{target}`. Remove the grant.',
    readOnly: 'Role `{role}` grants {changes} on `{target}`, but its holders only read it ({readers}). Narrow the grant to `[{narrowed}]`.',
  },
  docs: {
    checks: 'A grant on a specific service that no holder of the role calls; or a grant of `write` or `delete` on a service that every holder reaches only with `access: read` flows. A flow from a holder to the target *uses* the grants its `access` needs (language.md, Roles).',
    attack: 'Permissions nobody uses are pure risk: they never break anything when granted, so they pile up (privilege creep), and an attacker who takes over a holder gets them for free, e.g. to delete a table the service only ever reads.',
    fix: 'Remove the grant, or narrow its actions to what the flows use (`[read]`). If a holder does write, model that flow (`access: write` or `read-write`).',
    falsePositives: 'A holder that uses the grant outside the modelled flows (a batch job, a migration). Model that flow, or accept the finding with the reason.',
    practice: 'Least privilege, reviewed: grants follow the flows, and go when the flows go.',
    decisions: [
      'Roles that nobody holds are `unused-role`\'s; grants on `"*"` are `over-privileged-role`\'s. A grant of `*` or `admin` on a target the holders only read is `over-privileged-role`\'s too; this rule narrows only `write` and `delete`.',
      'One finding per grant, reported on the role (so all share the target `unused-grant@ROLE`, and one acceptance covers the role). An uncalled grant points at its key, with data `{ remove: [\'roles\', ROLE, \'grants\', TARGET] }`; a read-only one at its first `write`/`delete` item, with data `{ prop: \'grants\', entry: TARGET, value: [narrowed actions] }` (the actions without `write` and `delete`, with `read` kept or added).',
      'Holders that do not call the target at all do not stop the read-only case: "every holder only reads" is judged over the holders that use it.',
      '`execute` is left alone: no flow `access` says whether it is used.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const role of model.roles.values()) {
    const holders = graph.holders(role);
    if (holders.length === 0) continue;
    for (const grant of role.grants) {
      if (grant.target === '*') continue;
      const flows = holders.flatMap((h) => h.calls.filter((f) => f.to === grant.target));
      // The words are put together only for a grant reported.
      const args = () => ({ role: role.id, target: grant.target, holders: nameList(holders.map((h) => h.id)) });
      if (flows.length === 0) {
        report({
          element: role, at: { prop: 'grants', entry: grant.target, entryPart: 'key' }, messageId: 'uncalled',
          args: { ...args(), actions: grant.actions.length ? grant.actions.map((a) => `\`${a}\``).join(', ') : 'nothing' },
          data: { remove: ['roles', role.id, 'grants', grant.target] },
        });
        continue;
      }
      const changes = grant.actions.filter((a) => CHANGES.includes(a));
      if (changes.length === 0 || flows.some((f) => graph.writes(f))) continue;
      const narrowed = grant.actions.filter((a) => !CHANGES.includes(a));
      if (!narrowed.includes('read')) narrowed.unshift('read');
      const item = actionItem(grant, changes);
      report({
        element: role,
        at: item === undefined ? { prop: 'grants', entry: grant.target, entryPart: 'key' } : { prop: 'grants', entry: grant.target, item },
        messageId: 'readOnly',
        args: {
          ...args(), changes: changes.map((a) => `\`${a}\``).join(' and '), narrowed: narrowed.join(', '),
          readers: nameList([...new Set(flows.map((f) => f.from))]),
        },
        data: { prop: 'grants', entry: grant.target, value: narrowed },
      });
    }
  }
});
