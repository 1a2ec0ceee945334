// Small edits to YAML source that keep everything around them: set a key in a map, add an item to
// a list, remove a key or an item. Each writes in the style of the collection it edits (flow
// `{ a: 1 }` or block), at its indentation, and never re-serialises what it does not change.

import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import {
  columnOf, eol, indentUnit, isFlow, lineEndBefore, lineStart, pairEnd, pairOf, replacementScalar, trimTrailing,
  yamlValue,
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
  return { start, end, newText: values.map((v) => `- ${yamlValue(v)}`).join(`${eol(text)}${indent}`) };
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

/** Removes whole lines [from the line of `start`, through the line of `end`]. */
function removeLines(text: string, start: number, end: number): TextEdit {
  const from = lineStart(text, start);
  const nl = text.indexOf('\n', end);
  const to = nl < 0 ? text.length : nl + 1;
  // At the end of a file without a final newline, take the newline before instead.
  if (to === text.length && from > 0 && text[to - 1] !== '\n') return { start: from - 1, end: to, newText: '' };
  return { start: from, end: to, newText: '' };
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
