// The weakest paths through a model (docs/paths.md): one 0-1 breadth-first search over the flows
// from a set of origins, where a flow that authenticates its caller (a lock) costs 1 and any
// other flow 0. Ties go to fewer flows, then to the sequence of component ids compared element
// by element in code-point order, so every view shows the same path.

import type { Flow } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';

/** A flow authenticates its caller: its `auth` is anything but `none` (an absent `auth` counts). */
export function isLock(flow: Flow): boolean {
  return flow.auth !== 'none';
}

/** Code-point order (JavaScript's `<` compares UTF-16 code units, which differs past U+FFFF). */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** A path: the flows in order, from its origin to the component it ends at. */
export interface AttackPath {
  origin: string;
  flows: Flow[];
  /** The number of locks on it. */
  depth: number;
}

/** The components a path visits, origin first. */
export function pathComponents(path: AttackPath): string[] {
  return [path.origin, ...path.flows.map((f) => f.to)];
}

/** Weakest first: fewer locks, then fewer flows, then component ids element by element. */
export function comparePaths(a: AttackPath, b: AttackPath): number {
  if (a.depth !== b.depth) return a.depth - b.depth;
  if (a.flows.length !== b.flows.length) return a.flows.length - b.flows.length;
  const x = pathComponents(a);
  const y = pathComponents(b);
  for (let i = 0; i < x.length; i++) {
    const c = compareIds(x[i], y[i]);
    if (c !== 0) return c;
  }
  return 0;
}

export interface SearchOptions {
  /** A component no path enters (the target, when looking for paths that do not come back to it). */
  avoid?: string;
  /** Components no path enters, beyond the origins. */
  barrier?: (id: string) => boolean;
  /**
   * The flows the origins open cost nothing: their credentials are the attacker's (blast radius).
   */
  originFlowsFree?: boolean;
  /** The most locks a path may pass: components behind more are not searched (undefined: any number). */
  maxDepth?: number;
}

interface Reached {
  depth: number;
  length: number;
  /** The flow the weakest path arrives by; undefined at an origin. */
  via?: Flow;
  /** Its path's place among the weakest paths of the same length (the code-point tie-break). */
  rank: number;
}

export class WeakestPaths {
  private readonly reached = new Map<string, Reached>();
  readonly origins: ReadonlySet<string>;

  constructor(private readonly graph: ModelGraph, origins: Iterable<string>, private readonly options: SearchOptions = {}) {
    this.origins = new Set(origins);
    this.search();
  }

  private cost(flow: Flow): number {
    if (this.options.originFlowsFree && this.origins.has(flow.from)) return 0;
    return isLock(flow) ? 1 : 0;
  }

  private enterable(id: string): boolean {
    if (this.origins.has(id) || id === this.options.avoid) return false;
    if (!this.graph.model.services.has(id)) return false;
    return !this.options.barrier?.(id);
  }

  private search(): void {
    type Seed = { id: string; length: number };
    let seeds: Seed[] = [];
    for (const id of this.origins) if (this.graph.model.services.has(id)) seeds.push({ id, length: 0 });
    // One breadth-first pass (by number of flows) per depth: the free flows stay in the pass,
    // the locked ones seed the next. Each pass merges its seeds, sorted by length, into its queue.
    const maxDepth = this.options.maxDepth ?? Infinity;
    for (let depth = 0; seeds.length > 0 && depth <= maxDepth; depth++) {
      seeds.sort((a, b) => a.length - b.length);
      const next: Seed[] = [];
      const queue: Seed[] = [];
      let q = 0;
      let s = 0;
      while (q < queue.length || s < seeds.length) {
        const item = s < seeds.length && (q >= queue.length || seeds[s].length <= queue[q].length) ? seeds[s++] : queue[q++];
        if (this.reached.has(item.id)) continue;
        this.reached.set(item.id, { depth, length: item.length, rank: 0 });
        for (const flow of this.graph.outbound(item.id)) {
          if (this.reached.has(flow.to) || !this.enterable(flow.to)) continue;
          (this.cost(flow) === 0 ? queue : next).push({ id: flow.to, length: item.length + 1 });
        }
      }
      seeds = next;
    }
  }

  /** Whether each component's arriving flow has been chosen (chooseArrivals, on first need: a blast radius needs only depths). */
  private arrived = false;

  private arrivals(): void {
    if (this.arrived) return;
    this.arrived = true;
    this.chooseArrivals();
  }

  /**
   * Among the flows that arrive at a component on a path of its least depth and length, the one
   * whose path reads first; done length by length, so each path's rank is known before its
   * extensions are ranked.
   */
  private chooseArrivals(): void {
    const byLength: string[][] = [];
    for (const [id, r] of this.reached) (byLength[r.length] ??= []).push(id);
    const level0 = (byLength[0] ?? []).sort(compareIds);
    level0.forEach((id, i) => (this.reached.get(id)!.rank = i));
    for (let length = 1; length < byLength.length; length++) {
      const level = byLength[length] ?? [];
      for (const id of level) {
        const here = this.reached.get(id)!;
        let best: Flow | undefined;
        let bestRank = Infinity;
        for (const flow of this.graph.inbound(id)) {
          const from = this.reached.get(flow.from);
          if (!from || from.length !== length - 1 || from.depth + this.cost(flow) !== here.depth) continue;
          if (from.rank < bestRank) {
            best = flow;
            bestRank = from.rank;
          }
        }
        here.via = best;
        here.rank = bestRank;
      }
      level.sort((a, b) => this.reached.get(a)!.rank - this.reached.get(b)!.rank || compareIds(a, b));
      level.forEach((id, i) => (this.reached.get(id)!.rank = i));
    }
  }

  /** Whether some path reaches the component (the origins reach themselves). */
  reaches(id: string): boolean {
    return this.reached.has(id);
  }

  /** The least number of locks on a path to the component; undefined when none reaches it. */
  depth(id: string): number | undefined {
    return this.reached.get(id)?.depth;
  }

  /** The depth of pathTo(id), without building the path: undefined when pathTo would be. */
  pathDepth(id: string): number | undefined {
    this.arrivals();
    const r = this.reached.get(id);
    return r?.via ? r.depth : undefined;
  }

  /** The weakest path to the component; undefined when none reaches it (or it is an origin). */
  pathTo(id: string): AttackPath | undefined {
    this.arrivals();
    const r = this.reached.get(id);
    if (!r || !r.via) return undefined;
    const flows: Flow[] = [];
    let at = id;
    for (let step = this.reached.get(at)!; step.via; step = this.reached.get(at)!) {
      flows.push(step.via);
      at = step.via.from;
    }
    flows.reverse();
    return { origin: at, flows, depth: r.depth };
  }

  /** Every component reached, origins included, with its depth. */
  *entries(): IterableIterator<[string, number]> {
    for (const [id, r] of this.reached) yield [id, r.depth];
  }

  /**
   * The weakest path of two or more flows to `id` (d₂ is its depth): the last flow comes from a
   * component that is not an origin, and the path does not pass through `id` before it ends.
   */
  longPathTo(id: string): AttackPath | undefined {
    let best: AttackPath | undefined;
    let comesBack = false;
    for (const flow of this.graph.inbound(id)) {
      if (this.origins.has(flow.from) || flow.from === id) continue;
      const before = this.pathTo(flow.from);
      if (!before) continue;
      if (before.flows.some((f) => f.to === id)) {
        comesBack = true;
        continue;
      }
      const path = { origin: before.origin, flows: [...before.flows, flow], depth: before.depth + this.cost(flow) };
      if (!best || comparePaths(path, best) < 0) best = path;
    }
    if (!comesBack) return best;
    // The weakest path to a caller passes through `id` itself: search again without entering it.
    // Rare (it takes a cycle through the target), so the common case stays one search.
    const around = new WeakestPaths(this.graph, this.origins, { ...this.options, avoid: id });
    for (const flow of this.graph.inbound(id)) {
      if (this.origins.has(flow.from) || flow.from === id) continue;
      const before = around.pathTo(flow.from);
      if (!before) continue;
      const path = { origin: before.origin, flows: [...before.flows, flow], depth: before.depth + this.cost(flow) };
      if (!best || comparePaths(path, best) < 0) best = path;
    }
    return best;
  }
}
