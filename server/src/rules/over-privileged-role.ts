import { defineRule } from './rule.js';
import type { At } from './rule.js';
import type { Action, Component, Grant, Role } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';
import { andList, grantText, nameList } from './util.js';

/** What the role's holders actually do: for each target they call, the actions their flows' `access` needs. */
export function usedGrants(graph: ModelGraph, holders: readonly Component[]): Record<string, Action[]> {
  const used = new Map<string, Set<Action>>();
  for (const holder of holders) {
    for (const flow of holder.calls) {
      let actions = used.get(flow.to);
      if (!actions) used.set(flow.to, (actions = new Set()));
      if (graph.reads(flow)) actions.add('read');
      if (graph.writes(flow)) actions.add('write');
    }
  }
  return Object.fromEntries([...used].map(([target, actions]) => [target, (['read', 'write'] as Action[]).filter((a) => actions.has(a))]));
}

/** Whether the role lets its holders do `action` on `target`: `admin` and `*` include every action, `"*"` every target. */
function grantsAction(role: Role, target: string, action: Action): boolean {
  return role.grants.some((g) => (g.target === target || g.target === '*')
    && (g.actions.includes(action) || g.actions.includes('*') || g.actions.includes('admin')));
}

/**
 * What the holders use of what the role grants: the grants a fix writes. Never more than the role
 * had, on no target it did not cover, with no action it did not allow.
 */
export function neededGrants(graph: ModelGraph, role: Role, holders: readonly Component[]): Record<string, Action[]> {
  const needed: Record<string, Action[]> = {};
  for (const [target, actions] of Object.entries(usedGrants(graph, holders))) {
    const allowed = actions.filter((a) => grantsAction(role, target, a));
    if (allowed.length > 0) needed[target] = allowed;
  }
  return needed;
}

function isBroad(grant: Grant): boolean {
  return grant.target === '*' || grant.actions.includes('*') || grant.actions.includes('admin');
}

/** The first item of a grant that lists one of `actions`, to point at; undefined when none does. */
export function actionItem(grant: Grant, actions: readonly Action[]): number | undefined {
  const i = grant.listed.findIndex((a) => (actions as readonly string[]).includes(a));
  return i < 0 ? undefined : i;
}

/** A grant on `"*"` points at its key; a broad action at the action's item. */
function broadAt(grant: Grant): At {
  const item = grant.target === '*' ? undefined : actionItem(grant, ['*', 'admin']);
  return item === undefined ? { prop: 'grants', entry: grant.target, entryPart: 'key' } : { prop: 'grants', entry: grant.target, item };
}

export default defineRule({
  id: 'over-privileged-role',
  title: 'Over-privileged role',
  category: 'least-privilege',
  severity: 'high',
  target: 'role',
  stride: ['E'],
  reads: (c) => [c.kind, c.roles, c.calls.map((f) => [f.to, f.access])],
  cwe: 250,
  fix: 'Replace the role\'s grants with the actions its holders\' flows use.',
  messages: {
    workload: 'Role {role} grants {grants}, held by {holders}: one compromised holder can do anything on {scope}. Grant only what its flows use{suggestion}.',
    users: 'Role {role} grants {grants}, held by the {people} {holders}: a stolen session can do anything on {scope}. Grant only what they use{suggestion}, and keep broad administration in a separate, audited break-glass role.',
  },
  docs: {
    checks: 'A role that grants `*` or `admin` actions, or grants anything on `"*"` (every service). High when a non-user component holds it (a workload, or any other machine identity), medium when only users hold it.',
    attack: 'A broad grant turns any compromise of a holder into a compromise of everything the grant reaches: an attacker with code execution in one service, or with one stolen admin session, inherits every action on every target, including deleting data and changing permissions.',
    fix: 'Replace the broad grant with the specific targets and actions the holder\'s flows need (`orders-db: [read, write]`). Keep true administration in a separate role held by few people, with `mfa`.',
    falsePositives: 'A platform operator role that must administer everything. Accept the finding with the reason, and make sure its holders have `mfa` and an `audit-log`.',
    practice: 'Least privilege: every identity holds only the permissions its job needs.',
    decisions: [
      'A role that nobody holds is `unused-role`\'s (info), not this rule\'s: an unheld grant gives nobody anything, and removing the role is the fix.',
      'Any holder that is not a `user` (a workload, but also an external, a datastore or a monitoring agent) makes the finding high: its credentials live in configuration, not in a person\'s head behind `mfa`.',
      'One finding per role, at the first broad grant (its key for `"*"`, else its `*` or `admin` item); the message lists every broad grant. The fix data proposes the grants the holders\' flows use: `read` for `read` access, `write` for `write`, both for `read-write`. When the holders open no flow, no fix is offered (it would strip every grant).',
      'A fix never grants more than the role had: it keeps to the targets the role grants on (all, for `"*"`) and to the actions it allows there (all, for `*` or `admin`). Flows to other targets are the business of the holders\' other roles, and a `read-write` flow to a target the role grants `read` on gets `read`. When the holders use nothing the role grants, no fix is offered.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const role of model.roles.values()) {
    const broad = role.grants.filter(isBroad);
    if (broad.length === 0) continue;
    const holders = graph.holders(role);
    if (holders.length === 0) continue;
    const byMachine = holders.some((h) => h.kind !== 'user');
    const used = neededGrants(graph, role, holders);
    const suggestion = Object.entries(used)
      .map(([t, a]) => `\`${t}: [${a.join(', ')}]\``).join(', ');
    const scope = broad.some((g) => g.target === '*') ? 'every service' : nameList(broad.map((g) => g.target));
    report({
      element: role,
      at: broadAt(broad[0]),
      messageId: byMachine ? 'workload' : 'users',
      severity: byMachine ? 'high' : 'medium',
      args: {
        role: `\`${role.id}\``, grants: andList(broad.map(grantText)), holders: nameList(holders.map((h) => h.id)), scope,
        people: holders.length === 1 ? 'user' : 'users',
        suggestion: suggestion ? ` (${suggestion})` : '',
      },
      // With no flow using what it grants, a fix would strip every grant: offer none.
      data: Object.keys(used).length > 0 ? { prop: 'grants', value: used } : undefined,
    });
  }
});
