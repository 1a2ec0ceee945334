// Paths in words, the same in rule messages, the hover, `moat paths` and the report.

import type { AttackPath } from './weakest.js';
import { isLock, pathComponents } from './weakest.js';

/** `shopper → web → payments-db` */
export function pathText(path: AttackPath): string {
  return pathComponents(path).join(' → ');
}

/** "no lock", "one lock", "2 locks" */
export function locksText(depth: number): string {
  if (depth === 0) return 'no lock';
  if (depth === 1) return 'one lock';
  return `${depth} locks`;
}

/** The components on a path reached by a flow that takes `auth: none`, in path order. */
export function openCallees(path: AttackPath): string[] {
  return path.flows.filter((f) => !isLock(f)).map((f) => f.to);
}

/** "web", "web and api", "web, api and orders" */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
