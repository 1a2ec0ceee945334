// Go to Symbol in Workspace (Ctrl+T): every element declared in the model files, found by name,
// however long the file's outline is (moat.outline.maxSymbols cuts the outline, never this).

import type { Namespace, Occurrence } from './occurrences.js';

/** An element (service, data, role, boundary, flow) declared in a model file, at its id. */
export interface ElementSymbol {
  name: string;
  ns: Exclude<Namespace, 'rule'>;
  file: string;
  start: number;
  end: number;
}

/** The most elements one answer lists: the editor asks again as the query grows. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * Whether `name` holds the query's characters in order, case aside (`osv` finds `order-service`),
 * as VS Code's own quick open matches; the editor ranks what it gets.
 */
export function matchesQuery(name: string, query: string): boolean {
  const n = name.toLowerCase();
  let at = 0;
  for (const c of query.toLowerCase()) {
    at = n.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * The declarations among `occurrences` that match `query`: those whose name starts with it
 * first, then the rest, each in the order written, at most `max`.
 */
export function elementsMatching(occurrences: Iterable<Occurrence>, query: string, max = MAX_WORKSPACE_SYMBOLS): ElementSymbol[] {
  const first: ElementSymbol[] = [];
  const rest: ElementSymbol[] = [];
  const q = query.trim().toLowerCase();
  for (const o of occurrences) {
    if (!o.declaration || o.ns === 'rule' || !matchesQuery(o.id, q)) continue;
    const element: ElementSymbol = { name: o.id, ns: o.ns, file: o.file, start: o.start, end: o.end };
    (o.id.toLowerCase().startsWith(q) ? first : rest).push(element);
    if (first.length >= max) break;
  }
  return first.concat(rest).slice(0, max);
}
