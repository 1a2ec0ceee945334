// The blast radius of one component (docs/paths.md): what an attacker who has taken it over
// holds — its data, what its credentials and network position reach, the neighbours in its
// runtime that fall with it — and what lies further, behind how many locks.

import type { Classification, Component } from '../model/types.js';
import { CLASSIFICATIONS } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';
import { hostAccess } from '../rules/privileged-container.js';
import { WeakestPaths, compareIds } from './weakest.js';

export interface ExposedData {
  data: string;
  classification: Classification;
  /** How the attacker gets it: "stored in X", "read over A->B", … in the order found. */
  how: string[];
}

export interface BlastRadius {
  from: string;
  /** Why the runtime's neighbours fall too; undefined when the container holds. */
  escape?: string;
  exposed: ExposedData[];
  /** Components taken over with it (its shared runtime, when it escapes), sorted. */
  takenOver: string[];
  /** Components further in reach, with the locks in the way; fewest locks first. */
  reach: { id: string; locks: number }[];
}

/** How a container hands its host to whoever runs code in it; undefined when it does not. */
export function escapeRoute(component: Component): string | undefined {
  const rt = component.runtime;
  if (!rt) return undefined;
  if (rt.privileged) return 'it runs privileged';
  if (rt.hostPid) return 'it shares the host\'s process namespace';
  if (rt.hostNetwork) return 'it shares the host\'s network namespace';
  for (const mount of rt.mounts) {
    const access = hostAccess(mount);
    if (access === 'root') return `it mounts the host's \`/\``;
    if (access === 'socket') return `it mounts the container runtime's socket (\`${mount}\`)`;
  }
  return undefined;
}

const sharedWithIndexes = new WeakMap<ModelGraph, Map<string, Set<string>>>();

/** The components sharing a runtime with each, either way round; worked out once per graph. */
function sharedWithIndex(graph: ModelGraph): Map<string, Set<string>> {
  let index = sharedWithIndexes.get(graph);
  if (!index) sharedWithIndexes.set(graph, (index = sharedWithPairs(graph)));
  return index;
}

function sharedWithPairs(graph: ModelGraph): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b || !graph.model.services.has(a) || !graph.model.services.has(b)) return;
    let set = index.get(a);
    if (!set) index.set(a, (set = new Set()));
    set.add(b);
  };
  for (const c of graph.components()) {
    for (const other of c.runtime?.sharedWith ?? []) {
      link(c.id, other);
      link(other, c.id);
    }
  }
  return index;
}

const READS = new Set(['read', 'admin', '*']);
const WRITES = new Set(['write', 'delete', 'admin', '*']);

/**
 * What falls with `fromId`. `reach` lists the components behind at most `maxLocks` locks (all
 * by default): the hover counts only those behind none, and need not search further.
 */
export function blastRadius(graph: ModelGraph, fromId: string, maxLocks = Infinity): BlastRadius | undefined {
  const model = graph.model;
  const from = model.services.get(fromId);
  if (!from) return undefined;
  const shared = sharedWithIndex(graph);
  const escape = escapeRoute(from);
  const takenOver = new Set<string>([fromId]);
  if (escape) {
    const queue = [fromId];
    for (let i = 0; i < queue.length; i++) {
      for (const n of shared.get(queue[i]) ?? []) {
        if (takenOver.has(n)) continue;
        takenOver.add(n);
        queue.push(n);
      }
    }
  }

  const exposed = new Map<string, string[]>();
  const expose = (data: string, how: string) => {
    if (!model.data.has(data)) return;
    let list = exposed.get(data);
    if (!list) exposed.set(data, (list = []));
    if (!list.includes(how)) list.push(how);
  };
  const owned = [...takenOver].map((id) => model.services.get(id)!).sort((a, b) => (a.id === fromId ? -1 : b.id === fromId ? 1 : compareIds(a.id, b.id)));
  for (const c of owned) {
    for (const d of c.stores) expose(d, `stored in ${c.id}`);
    for (const flow of graph.inbound(c.id)) for (const d of flow.data) expose(d, `received over ${flow.target}`);
  }
  for (const c of owned) {
    for (const flow of c.calls) {
      const callee = model.services.get(flow.to);
      const reads = graph.reads(flow);
      const writes = graph.writes(flow);
      const carried = new Set(flow.data);
      if (callee && graph.isDatastore(callee)) for (const d of callee.stores) carried.add(d);
      for (const d of carried) {
        if (reads) expose(d, `read over ${flow.target}`);
        if (writes) expose(d, `written over ${flow.target}`);
      }
    }
    for (const roleId of c.roles) {
      const role = model.roles.get(roleId);
      if (!role) continue;
      for (const grant of role.grants) {
        const targets = grant.target === '*' ? [...graph.components()] : [model.services.get(grant.target)].filter((t): t is Component => !!t);
        const reads = grant.actions.some((a) => READS.has(a));
        const writes = grant.actions.some((a) => WRITES.has(a));
        for (const t of targets) {
          for (const d of t.stores) {
            if (reads) expose(d, `read with role ${role.id} on ${t.id}`);
            if (writes) expose(d, `written with role ${role.id} on ${t.id}`);
          }
        }
      }
    }
  }

  // Further reach: flows followed from everything taken over, whose own flows use credentials
  // the attacker now holds. Untrusted components are outside the system: not entered.
  const search = new WeakestPaths(graph, takenOver, { originFlowsFree: true, maxDepth: maxLocks, barrier: (id) => graph.isUntrusted(model.services.get(id)!) });
  const locks = new Map<string, number>();
  for (const [id, depth] of search.entries()) if (!takenOver.has(id)) locks.set(id, depth);
  if (!escape) {
    for (const n of shared.get(fromId) ?? []) locks.set(n, 0);
  }
  const reach = [...locks].map(([id, n]) => ({ id, locks: n })).sort((a, b) => a.locks - b.locks || compareIds(a.id, b.id));

  const rank = (c: Classification) => CLASSIFICATIONS.indexOf(c);
  const exposedList = [...exposed].map(([data, how]) => ({ data, classification: model.data.get(data)!.classification, how }))
    .sort((a, b) => rank(b.classification) - rank(a.classification) || compareIds(a.data, b.data));
  takenOver.delete(fromId);
  return { from: fromId, escape, exposed: exposedList, takenOver: [...takenOver].sort(compareIds), reach };
}

/** "2 restricted, 1 confidential" (most sensitive first), or "no data". */
export function exposureCounts(radius: BlastRadius): string {
  const counts = new Map<Classification, number>();
  for (const e of radius.exposed) counts.set(e.classification, (counts.get(e.classification) ?? 0) + 1);
  const parts = [...CLASSIFICATIONS].reverse().filter((c) => counts.has(c)).map((c) => `${counts.get(c)} ${c}`);
  return parts.length === 0 ? 'no data' : parts.join(', ');
}
