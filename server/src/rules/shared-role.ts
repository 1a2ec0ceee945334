import { defineRule } from './rule.js';
import { nameList } from './util.js';

export default defineRule({
  id: 'shared-role',
  title: 'Role shared across boundaries',
  category: 'least-privilege',
  severity: 'low',
  target: 'role',
  stride: ['E'],
  reads: (c) => [c.roles, c.boundary],
  cwe: 269,
  messages: {
    shared: 'Role `{role}` is held in {count} boundaries ({where}): a holder in the least trusted one gets the same rights as the others. Give each boundary its own role.',
  },
  docs: {
    checks: 'A role held by components in different boundaries (different boundary ids, even when one lies within the other). Users and externals with no `boundary:` are in `internet`.',
    attack: 'A role shared across a trust boundary carries privileges over it: compromising the holder in the weaker zone (a DMZ proxy, a user\'s laptop) yields the rights meant for the holder in the stronger one, and the shared credential cannot be revoked for one side alone.',
    fix: 'Split the role: one per boundary (or per holder), each granting only what its holders\' flows use.',
    falsePositives: 'Replicas of one service deployed in two zones on purpose. Accept the finding with the reason.',
    practice: 'Separate identities per trust zone, so a compromise stays in its zone.',
    decisions: [
      'Reported once per role, at the role\'s id; the message names each boundary with its holders.',
      'Boundaries of equal trust still count as different: the catalogue says different boundaries, and a credential shared between two internal namespaces still lets one reach the other\'s targets.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const role of model.roles.values()) {
    const byBoundary = new Map<string, string[]>();
    for (const holder of graph.holders(role)) {
      const list = byBoundary.get(holder.boundary) ?? [];
      list.push(holder.id);
      byBoundary.set(holder.boundary, list);
    }
    if (byBoundary.size < 2) continue;
    const where = [...byBoundary].map(([b, ids]) => `\`${b}\`: ${nameList(ids)}`).join('; ');
    report({ element: role, messageId: 'shared', args: { role: role.id, count: byBoundary.size, where } });
  }
});
