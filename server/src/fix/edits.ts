// Small edits to YAML source that keep everything around them: set a key in a map, add an item to
// a list, remove a key or an item. Each writes in the style of the collection it edits (flow
// `{ a: 1 }` or block), at its indentation, and never re-serialises what it does not change.

import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import {
  columnOf, commentsIn, eol, indentOfLine, indentUnit, isFlow, lineEndBefore, lineStart, pairEnd, pairOf, replacementScalar,
  trimTrailing, yamlValue,
} from './text.js';
import type { TextEdit } from './text.js';

type AnyPair = Pair<YamlNode, YamlNode | null>;

function isEmptyValue(v: YamlNode | null): boolean {
  return v === null || (isScalar(v) && v.value === null);
}

/** The column keys of a block map are written at. */
function keyColumn(text: string, map: YAMLMap): number {
  const first = map.items[0] as AnyPair | undefined;
  return first?.key?.range ? columnOf(text, first.key.range[0]) : columnOf(text, map.range![0]);
}

/** Source of a new pair in `map` at its end, `key: value`, or a multi-line value's lines. */
function insertPair(text: string, map: YAMLMap, pairText: (indent: string) => string): TextEdit {
  const nl = eol(text);
  const last = map.items[map.items.length - 1] as AnyPair | undefined;
  if (isFlow(map)) {
    if (!last) return { start: map.range![0], end: trimTrailing(text, map.range![1]), newText: `{ ${pairText('')} }` };
    const at = pairEnd(last, text);
    return { start: at, end: at, newText: `, ${pairText('')}` };
  }
  const indent = ' '.repeat(keyColumn(text, map));
  const at = lineEndBefore(text, last ? pairEnd(last, text) : trimTrailing(text, map.range![1]));
  return { start: at, end: at, newText: `${nl}${indent}${pairText(indent)}` };
}

/**
 * Sets `key: value` in a map: replaces the value when the key is there, adds the pair when not.
 * An existing scalar keeps its quotes.
 */
export function setInMap(text: string, map: YAMLMap, key: string, value: unknown): TextEdit | undefined {
  const pair = pairOf(map, key);
  if (!pair) return insertPair(text, map, () => `${key}: ${yamlValue(value)}`);
  const v = pair.value;
  if (isEmptyValue(v)) {
    const at = pairEnd(pair, text);
    return { start: at, end: at, newText: ` ${yamlValue(value)}` };
  }
  if (isScalar(v) && typeof value !== 'object') {
    const [start, end] = v.range!;
    const old = text.slice(start, trimTrailing(text, end));
    const newText = typeof value === 'string' ? replacementScalar(old, value) : yamlValue(value);
    return { start, end: start + old.length, newText };
  }
  if (isSeq(v) && Array.isArray(value)) return replaceSeq(text, v, value);
  if (isMap(v) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // A partial map (`limits: { cpu: 1 }`) is completed, not replaced.
    const missing = Object.entries(value).filter(([k]) => !pairOf(v, k));
    if (missing.length === 0) return undefined;
    return insertPair(text, v, () => missing.map(([k, x]) => `${k}: ${yamlValue(x)}`).join(isFlow(v) ? ', ' : `${eol(text)}${' '.repeat(keyColumn(text, v))}`));
  }
  return undefined;
}

/**
 * Makes a map hold exactly `entries` (a role's `grants:`): entries it no longer holds are removed,
 * kept ones set in place, new ones written where the first removed one was (or at the end).
 * Each edit touches one entry, so comments on the lines of the others stay.
 */
export function reconcileMap(text: string, map: YAMLMap, entries: Record<string, unknown>): TextEdit[] | undefined {
  const nl = eol(text);
  const written = (map.items as AnyPair[]).filter((p) => isScalar(p.key));
  const keyOf = (p: AnyPair) => String((p.key as YamlNode & { value: unknown }).value);
  const gone = written.filter((p) => !Object.prototype.hasOwnProperty.call(entries, keyOf(p)));
  const added = Object.entries(entries).filter(([k]) => !written.some((p) => keyOf(p) === k));
  const pairs = added.map(([k, v]) => `${yamlValue(k)}: ${yamlValue(v)}`);
  if (isFlow(map) && gone.length > 1) return rewriteFlowMap(text, written, entries, pairs);
  const edits: TextEdit[] = [];
  for (const p of written) {
    const k = keyOf(p);
    if (!Object.prototype.hasOwnProperty.call(entries, k)) continue;
    const edit = setInMap(text, map, k, entries[k]);
    if (edit && text.slice(edit.start, edit.end) !== edit.newText) edits.push(edit);
  }
  if (gone.length > 0 && pairs.length > 0) {
    // The new entries take the place of the first one that goes.
    const [first, ...rest] = gone;
    const start = first.key.range![0];
    if (isFlow(map)) {
      if (commentsIn(text, start, pairEnd(first, text)).length > 0) return undefined;
      edits.push({ start, end: pairEnd(first, text), newText: pairs.join(', ') });
    } else {
      const removal = removeFromMap(text, map, keyOf(first));
      if (!removal) return undefined;
      const indent = ' '.repeat(columnOf(text, start));
      const written = pairs.map((p) => `${indent}${p}`).join(nl);
      edits.push({
        ...removal,
        newText: removal.start === lineStart(text, start) ? `${written}${nl}${removal.newText}` : `${nl}${written}${removal.newText}`,
      });
    }
    for (const p of rest) {
      const edit = removeFromMap(text, map, keyOf(p));
      if (!edit) return undefined;
      edits.push(edit);
    }
  } else {
    for (const p of gone) {
      const edit = removeFromMap(text, map, keyOf(p));
      if (!edit) return undefined;
      edits.push(edit);
    }
    if (pairs.length > 0) edits.push(insertPair(text, map, (indent) => pairs.join(isFlow(map) ? ', ' : `${nl}${indent}`)));
  }
  if (edits.length === 0) return undefined;
  // Two removals that meet (the last line of a file without a final newline) would clash: no fix.
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return sorted.every((e, i) => i === 0 || sorted[i - 1].end <= e.start) ? edits : undefined;
}

/** A one-line flow map's entries written anew, the kept ones as they were; refused when it holds a comment. */
function rewriteFlowMap(text: string, written: AnyPair[], entries: Record<string, unknown>, added: string[]): TextEdit[] | undefined {
  if (written.length === 0) return undefined;
  const start = written[0].key.range![0];
  const end = pairEnd(written[written.length - 1], text);
  if (/(^|\s)#/.test(text.slice(start, end).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""'))) return undefined;
  const kept = written.filter((p) => Object.prototype.hasOwnProperty.call(entries, String((p.key as YamlNode & { value: unknown }).value)))
    .map((p) => `${text.slice(p.key.range![0], p.key.range![1]).trimEnd()}: ${yamlValue(entries[String((p.key as YamlNode & { value: unknown }).value)])}`);
  return [{ start, end, newText: [...kept, ...added].join(', ') }];
}

/**
 * Sets `child: value` in the map under `key` (a service's `controls:`), creating that map when
 * absent: in flow style inside a flow map, in block style inside a block one.
 */
export function setInChildMap(text: string, parent: YAMLMap, key: string, child: string, value: unknown): TextEdit | undefined {
  const nl = eol(text);
  const unit = indentUnit(text);
  const pair = pairOf(parent, key);
  const entry = `${child}: ${yamlValue(value)}`;
  if (!pair) {
    if (isFlow(parent)) return insertPair(text, parent, () => `${key}: { ${entry} }`);
    return insertPair(text, parent, (indent) => `${key}:${nl}${indent}${unit}${entry}`);
  }
  const v = pair.value;
  if (isEmptyValue(v)) {
    const at = pairEnd(pair, text);
    if (isFlow(parent)) return { start: at, end: at, newText: ` { ${entry} }` };
    const indent = ' '.repeat(keyColumn(text, parent));
    return { start: at, end: at, newText: `${nl}${indent}${unit}${entry}` };
  }
  if (isMap(v)) return setInMap(text, v, child, value);
  return undefined;
}

/** A list's items replaced, in its own style (`[read]`, or one `- read` line per item). */
function replaceSeq(text: string, seq: YAMLSeq, values: unknown[]): TextEdit | undefined {
  const end = trimTrailing(text, seq.range![1]);
  if (isFlow(seq)) return { start: seq.range![0], end, newText: yamlValue(values) };
  if (seq.items.length === 0 || values.length === 0) return undefined;
  const indent = dashIndent(text, seq);
  const first = (seq.items[0] as YamlNode).range![0];
  const start = text.lastIndexOf('-', first);
  // Comments between the old items stay, after the new ones.
  const kept = commentsIn(text, start, end).map((c) => `${indentOfLine(text, c.offset)}${c.source}`);
  const lines = [...values.map((v, i) => `${i === 0 ? '' : indent}- ${yamlValue(v)}`), ...kept];
  return { start, end, newText: lines.join(eol(text)) };
}

/** The spaces before the `-` of a block list's items. */
function dashIndent(text: string, seq: YAMLSeq): string {
  const first = seq.items[0] as YamlNode | undefined;
  const from = first?.range ? first.range[0] : seq.range![0];
  const dash = text.lastIndexOf('-', from);
  return ' '.repeat(dash >= 0 ? columnOf(text, dash) : columnOf(text, from));
}

/**
 * Adds an item at the end of a list. `flowItem` is the item on one line; `blockLines`, when given,
 * is how it reads as a block item (`rule: x`, `target: y`…), used in block lists.
 */
export function appendToSeq(text: string, seq: YAMLSeq, flowItem: string, blockLines?: string[]): TextEdit {
  const nl = eol(text);
  const last = seq.items[seq.items.length - 1] as YamlNode | undefined;
  if (isFlow(seq)) {
    if (!last) return { start: seq.range![0], end: trimTrailing(text, seq.range![1]), newText: `[${flowItem}]` };
    const at = trimTrailing(text, last.range![1]);
    return { start: at, end: at, newText: `, ${flowItem}` };
  }
  const indent = dashIndent(text, seq);
  const at = lineEndBefore(text, trimTrailing(text, last ? last.range![1] : seq.range![1]));
  const lines = blockLines ?? [flowItem];
  return { start: at, end: at, newText: `${nl}${indent}- ${lines.join(`${nl}${indent}  `)}` };
}

/** Adds an item to the list under `key`, creating `key:` (as a block list in a block map) when absent. */
export function appendToChildSeq(text: string, parent: YAMLMap, key: string, flowItem: string, blockLines?: string[]): TextEdit | undefined {
  const nl = eol(text);
  const unit = indentUnit(text);
  const pair = pairOf(parent, key);
  const lines = blockLines ?? [flowItem];
  const block = (indent: string) => `${nl}${indent}${unit}- ${lines.join(`${nl}${indent}${unit}  `)}`;
  if (!pair) {
    if (isFlow(parent)) return insertPair(text, parent, () => `${key}: [${flowItem}]`);
    return insertPair(text, parent, (indent) => `${key}:${block(indent)}`);
  }
  const v = pair.value;
  if (isEmptyValue(v)) {
    const at = pairEnd(pair, text);
    if (isFlow(parent)) return { start: at, end: at, newText: ` [${flowItem}]` };
    return { start: at, end: at, newText: block(' '.repeat(keyColumn(text, parent))) };
  }
  if (isSeq(v)) return appendToSeq(text, v, flowItem, blockLines);
  return undefined;
}

/** Whether only spaces (and a list's `- `) come before `offset` on its line. */
function startsItsLine(text: string, offset: number): boolean {
  return /^[ \t]*(-[ \t]+)*$/.test(text.slice(lineStart(text, offset), offset));
}

/**
 * Removes whole lines [from the line of `start`, through the line of `end`]. Comment lines among
 * them stay where they were: a note between the entries is the user's to delete. A comment at the
 * end of a removed line goes with what it is about.
 */
function removeLines(text: string, start: number, end: number): TextEdit {
  const from = lineStart(text, start);
  const nl = text.indexOf('\n', end);
  const to = nl < 0 ? text.length : nl + 1;
  const eolText = eol(text);
  const kept = commentsIn(text, from, to)
    .filter((c) => text.slice(lineStart(text, c.offset), c.offset).trim() === '')
    .map((c) => `${indentOfLine(text, c.offset)}${c.source.replace(/\r$/, '')}`);
  // At the end of a file without a final newline, take the newline before instead.
  if (to === text.length && from > 0 && text[to - 1] !== '\n') {
    return { start: from - 1, end: to, newText: kept.map((line) => `${eolText}${line}`).join('') };
  }
  return { start: from, end: to, newText: kept.map((line) => `${line}${eolText}`).join('') };
}

/** Removes `key` and its value from a map. Comments on other lines stay. */
export function removeFromMap(text: string, map: YAMLMap, key: string): TextEdit | undefined {
  const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  if (index < 0) return undefined;
  const pair = map.items[index] as AnyPair;
  const start = pair.key.range![0];
  const end = pairEnd(pair, text);
  if (isFlow(map)) return removeFlowEntry(text, map.items.length, index, start, end, (i) => {
    const p = map.items[i] as AnyPair;
    return { start: p.key.range![0], end: pairEnd(p, text) };
  });
  const next = map.items[index + 1] as AnyPair | undefined;
  const before = text.slice(lineStart(text, start), start);
  if (/-[ \t]+$/.test(before)) {
    // `- key: value` opens a list item: the next key moves up behind the dash.
    if (next) return { start, end: next.key.range![0], newText: '' };
  }
  if (!startsItsLine(text, start)) return undefined;
  return removeLines(text, start, end);
}

/** Removes the item at `index` from a list. */
export function removeFromSeq(text: string, seq: YAMLSeq, index: number): TextEdit | undefined {
  const item = seq.items[index] as YamlNode | undefined;
  if (!item?.range) return undefined;
  const start = item.range[0];
  const end = trimTrailing(text, item.range[1]);
  if (isFlow(seq)) return removeFlowEntry(text, seq.items.length, index, start, end, (i) => {
    const r = (seq.items[i] as YamlNode).range!;
    return { start: r[0], end: trimTrailing(text, r[1]) };
  });
  const dash = text.lastIndexOf('-', start);
  if (dash < 0 || !startsItsLine(text, dash)) return undefined;
  return removeLines(text, dash, end);
}

function removeFlowEntry(
  text: string, count: number, index: number, start: number, end: number, at: (i: number) => { start: number; end: number },
): TextEdit {
  if (index + 1 < count) return { start, end: at(index + 1).start, newText: '' };
  if (index > 0) return { start: at(index - 1).end, end, newText: '' };
  return { start, end, newText: '' };
}
