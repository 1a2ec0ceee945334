// Names from other tools made into Moat identifiers (`^[a-z0-9][a-z0-9._-]*$`, language.md).

import { ID_PATTERN } from '../model/read.js';

/**
 * `Customer Web Client` → `customer-web-client`, `WebApp & DB` → `webapp-db`. Lowercased; runs of
 * characters the pattern does not allow become one `-`; leading punctuation is dropped. Empty
 * when nothing usable is left (the caller names a fallback).
 */
export function toId(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '');
  return ID_PATTERN.test(id) ? id : '';
}

/** An OTM project id from the system's name. */
export function projectId(name: string): string {
  return toId(name) || 'model';
}

/**
 * Ids made unique in the order asked: the second `orders` becomes `orders-2`. `taken` holds ids
 * already in use in the same section.
 */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(taken: Iterable<string> = []) {
    for (const id of taken) this.used.add(id);
  }

  allocate(name: string, fallback: string): string {
    const base = toId(name) || fallback;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
