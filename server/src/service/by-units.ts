// What the service works out from a file's text alone (the ids written in it, its outline, its
// folding), reworked per unit: the parse cache's units (model/units.ts: each top-level key, each
// entry of a section) are independent YAML, so a keystroke re-reads the one it touched and the
// others' answers move to where their unit now is. The answers equal those from the whole text
// (test/service/by-units.test.ts holds them equal).

import { placedBefore, segment } from '../model/units.js';
import type { Unit } from '../model/units.js';
import { editOf } from '../util/edit.js';

/** What a unit's text read to, by section and text: the last call's units, the others dropped. */
export type UnitMemo<T> = Map<string, T[]>;

/** What a file's last reading left to reuse. */
export interface UnitReading<T> {
  current: UnitMemo<T>;
  last?: LastUnits<T>;
}

/** The last text read, and its units by where they start: those an edit left alone are found by place, not by text. */
export interface LastUnits<T> {
  text: string;
  byStart: Map<number, { unit: Unit; key: string; local: T[]; items: T[] }>;
}

export interface UnitPiece<T> {
  unit: Unit;
  /** Answers for the unit, in offsets of the whole text (without `shift`, in offsets of `unitText`: `local`). */
  items: T[];
  /** Answers for the unit in offsets of the text it was read as (the same array while its text is), and how far to move them into the whole text. */
  local: T[];
  delta: number;
}

/**
 * Runs `compute` per unit (an entry of a section is read under its section's key, as it is
 * written) and shifts each answer into the whole text (without `shift`, the caller places them:
 * see UnitPiece); undefined when the text is not split in units (anchors, several documents…):
 * the caller reads it whole.
 */
export function perUnit<T>(
  text: string,
  memo: UnitReading<T>,
  compute: (unitText: string, unit: Unit) => T[],
  shift: ((item: T, delta: number) => T) | undefined,
  /** Whether an answer for an entry belongs to it (not to the section key it is read under); gets the key's length. */
  ownsItem: (item: T, headerLength: number) => boolean,
): UnitPiece<T>[] | undefined {
  const units = segment(text);
  if (!units) return undefined;
  const next: UnitMemo<T> = new Map();
  const pieces: UnitPiece<T>[] = [];
  const last = memo.last;
  const edit = last ? editOf(last.text, text) : undefined;
  const byStart: LastUnits<T>['byStart'] = new Map();
  for (const unit of units) {
    const header = unit.section !== undefined ? `${unit.section}:\n` : '';
    const old = last && placedBefore(last.byStart, edit, unit);
    let key: string;
    let local: T[] | undefined;
    let items: T[] | undefined;
    if (old) {
      ({ key, local } = old);
      // Where it was: its answers as they were placed (the same objects, which the edges keep what they made of by).
      if (old.unit.start === unit.start) items = old.items;
    } else {
      const unitText = header + text.slice(unit.start, unit.end);
      key = `${unit.section ?? ''}\0${unitText}`;
      local = next.get(key) ?? memo.current.get(key);
      if (!local) {
        local = compute(unitText, unit);
        if (header) local = local.filter((item) => ownsItem(item, header.length));
      }
    }
    next.set(key, local);
    const delta = unit.start - header.length;
    items ??= delta === 0 || !shift ? local : local.map((item) => shift(item, delta));
    byStart.set(unit.start, { unit, key, local, items });
    pieces.push({ unit, items, local, delta });
  }
  memo.current = next;
  memo.last = { text, byStart };
  return pieces;
}
