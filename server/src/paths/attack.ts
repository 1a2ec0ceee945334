// Attack paths from the internet (docs/paths.md): the origins, the components worth reaching,
// and the weakest path to each, computed once per model and shared by the rules, the hover,
// `moat paths` and the report.

import type { Component, Flow, Kind } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';
import { WeakestPaths, comparePaths, compareIds, isLock } from './weakest.js';
import type { AttackPath } from './weakest.js';

/** Callee controls that stand in an attacker's way on a hop. */
export const CONTROLS_IN_THE_WAY = ['waf', 'rate-limit', 'input-validation', 'authorization', 'mfa'] as const;

/** Kinds judged whatever they store: the keys to everything, and the record of what happened. */
const JUDGED_KINDS: ReadonlySet<Kind> = new Set<Kind>(['secrets-manager', 'monitoring']);

/** A component whose `stores:` holds sensitive data. */
export function isSensitiveStore(graph: ModelGraph, component: Component): boolean {
  return component.stores.some((id) => graph.isSensitive(id));
}

/** The sensitive stores, the secrets managers and the monitoring components. */
export function isJudged(graph: ModelGraph, component: Component): boolean {
  return JUDGED_KINDS.has(component.kind) || isSensitiveStore(graph, component);
}

export interface JudgedTarget {
  component: Component;
  /**
   * The weakest path from an origin, built when first asked for (a path is as long as the model
   * is deep: a hundred flows in a chain of services); undefined when none reaches it or it is
   * an origin itself.
   */
  readonly weakest: AttackPath | undefined;
  /** The weakest path's depth (its number of locks), without building it; undefined when there is no such path. */
  readonly depth: number | undefined;
  /** The weakest path of two or more flows (its depth is d₂), computed when first asked for. */
  readonly long: AttackPath | undefined;
}

/** A component as a target of attack paths: its paths are found when first asked for. */
export function judgedTarget(component: Component, search: WeakestPaths, longPathTo: (id: string) => AttackPath | undefined): JudgedTarget {
  const id = component.id;
  let weakest: AttackPath | undefined;
  let built = false;
  return {
    component,
    get weakest() {
      if (!built) {
        weakest = search.pathTo(id);
        built = true;
      }
      return weakest;
    },
    depth: search.pathDepth(id),
    get long() {
      return longPathTo(id);
    },
  };
}

export interface AttackPaths {
  search: WeakestPaths;
  /** Every judged component, in file order. */
  judged: JudgedTarget[];
  weakestTo(id: string): AttackPath | undefined;
  longPathTo(id: string): AttackPath | undefined;
}

const cache = new WeakMap<ModelGraph['model'], AttackPaths>();

/** The origins of attack paths: the components in `untrusted` boundaries. */
export function internetOrigins(graph: ModelGraph): string[] {
  const origins: string[] = [];
  for (const c of graph.components()) if (graph.isUntrusted(c)) origins.push(c.id);
  return origins;
}

/** The attack paths of the graph's model, computed on first use and kept while the model lives. */
export function attackPaths(graph: ModelGraph): AttackPaths {
  const model = graph.model;
  const cached = cache.get(model);
  if (cached) return cached;
  const search = new WeakestPaths(graph, internetOrigins(graph));
  const longs = new Map<string, AttackPath | undefined>();
  const longPathTo = (id: string) => {
    if (!longs.has(id)) longs.set(id, search.longPathTo(id));
    return longs.get(id);
  };
  const judged: JudgedTarget[] = [];
  for (const component of graph.components()) if (isJudged(graph, component)) judged.push(judgedTarget(component, search, longPathTo));
  const result: AttackPaths = { search, judged, weakestTo: (id) => search.pathTo(id), longPathTo };
  cache.set(model, result);
  return result;
}

/** The callee controls in force on a hop (its own, or system-wide). */
export function controlsInTheWay(graph: ModelGraph, flow: Flow): string[] {
  const callee = graph.service(flow.to);
  if (!callee) return [];
  return CONTROLS_IN_THE_WAY.filter((c) => graph.controlInForce(callee, c));
}

/**
 * Every path of at most `maxFlows` flows from an origin to `target`, weakest first, at most
 * `limit` of them. A search backwards from the target, bounded by the weakest depth and length
 * of the rest of the way to an origin, so that it stops early once `limit` paths better than
 * anything left have been found; `budget` caps the steps on pathological graphs.
 */
export function allPathsTo(graph: ModelGraph, search: WeakestPaths, target: string, options: { maxFlows?: number; limit?: number; budget?: number } = {}): { paths: AttackPath[]; complete: boolean } {
  const maxFlows = options.maxFlows ?? 12;
  const limit = options.limit ?? 20;
  let budget = options.budget ?? 200_000;
  const found: AttackPath[] = [];
  const onPath = new Set<string>([target]);
  const suffix: Flow[] = [];
  const worst = () => (found.length < limit ? undefined : found[found.length - 1]);
  const lengthTo = new Map<string, number>();
  // The fewest flows from any origin to each component (ignoring locks): a bound on the rest of the way.
  {
    const origins = [...search.origins];
    for (const o of origins) lengthTo.set(o, 0);
    const queue = [...origins];
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i];
      for (const f of graph.outbound(at)) {
        if (lengthTo.has(f.to) || search.origins.has(f.to) || !graph.model.services.has(f.to)) continue;
        lengthTo.set(f.to, lengthTo.get(at)! + 1);
        queue.push(f.to);
      }
    }
  }
  const visit = (at: string, locks: number): void => {
    if (--budget < 0) return;
    for (const flow of graph.inbound(at)) {
      const from = flow.from;
      if (onPath.has(from) || !search.reaches(from)) continue;
      const depth = locks + (isLock(flow) ? 1 : 0);
      const length = suffix.length + 1;
      if (length + (lengthTo.get(from) ?? 0) > maxFlows) continue;
      const bound = worst();
      if (bound && (depth + search.depth(from)! > bound.depth || (depth + search.depth(from)! === bound.depth && length + (lengthTo.get(from) ?? 0) > bound.flows.length))) continue;
      suffix.push(flow);
      if (search.origins.has(from)) {
        const path: AttackPath = { origin: from, flows: [...suffix].reverse(), depth };
        const w = worst();
        if (!w || comparePaths(path, w) < 0) {
          found.push(path);
          found.sort(comparePaths);
          if (found.length > limit) found.pop();
        }
      } else {
        onPath.add(from);
        visit(from, depth);
        onPath.delete(from);
      }
      suffix.pop();
    }
  };
  if (!search.origins.has(target)) visit(target, 0);
  return { paths: found, complete: budget >= 0 };
}

/** The judged components in the order the report lists them: weakest first, unreachable last. */
export function byWeakness(targets: readonly JudgedTarget[]): JudgedTarget[] {
  return [...targets].sort((a, b) => {
    if (!a.weakest || !b.weakest) return (a.weakest ? 0 : 1) - (b.weakest ? 0 : 1) || compareIds(a.component.id, b.component.id);
    return comparePaths(a.weakest, b.weakest) || compareIds(a.component.id, b.component.id);
  });
}
