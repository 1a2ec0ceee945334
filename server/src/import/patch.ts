// The text of an updated model: the user's text with what `--update` added inserted where it
// goes, so every byte the user wrote stays as written (alignment, flow style, quotes, comments).
// Only a collection that had to change style (a flow `{ … }` or `[ … ]` that now holds entries
// with comments) is written again, with its key; an entry `--update` replaced (an empty section
// made a mapping) is replaced.

import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, YAMLMap, YAMLSeq } from 'yaml';
import { applyEdits, indentUnit, lineStart, trimTrailing } from '../fix/text.js';
import type { TextEdit } from '../fix/fixes.js';

type Collection = YAMLMap | YAMLSeq;

/** The collections of a document as parsed: their items and style, before any change. */
export type Snapshot = Map<Collection, { items: unknown[]; flow: boolean }>;

export function snapshot(doc: Document): Snapshot {
  const out: Snapshot = new Map();
  const visit = (node: unknown) => {
    if (!isMap(node) && !isSeq(node)) return;
    out.set(node, { items: [...node.items], flow: node.flow === true });
    for (const item of node.items) {
      if (isPair(item)) visit(item.value);
      else visit(item);
    }
  };
  visit(doc.contents);
  return out;
}

/** A change this module does not write as an edit: the caller writes the whole document. */
class Unpatchable extends Error {}

/**
 * `text` with the changes made to `doc` (parsed from it) since `before` was taken; undefined
 * for a change that is not an insertion, a removal or a change of style.
 */
export function patchedText(text: string, doc: Document, before: Snapshot): string | undefined {
  const edits: TextEdit[] = [];
  const unit = indentUnit(text).length;
  const root = doc.contents;
  if (!isMap(root) && !isSeq(root)) return undefined;
  try {
    patchCollection(text, root, before, edits, unit);
  } catch (err) {
    if (err instanceof Unpatchable) return undefined;
    throw err;
  }
  return applyEdits(text, mergeInsertions(edits));
}

/**
 * Insertions at one place joined in the order they were made: a collection's own additions come
 * before those of the collections around it (a service's new flows, then its new keys, then new
 * services), which is the order they read in.
 */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  const at = new Map<number, TextEdit>();
  for (const e of edits) {
    const earlier = e.start === e.end ? at.get(e.start) : undefined;
    if (earlier) earlier.newText += e.newText;
    else {
      const copy = { ...e };
      if (e.start === e.end) at.set(e.start, copy);
      out.push(copy);
    }
  }
  return out;
}

function start(item: unknown): number {
  const node = isPair(item) ? (item.key as YamlNode) : (item as YamlNode);
  return node.range![0];
}

/** Where an item's text ends: its value's content (a trailing comment on that line included). */
function end(text: string, item: unknown): number {
  const node = (isPair(item) ? (item.value as YamlNode | null) ?? (item.key as YamlNode) : (item as YamlNode));
  const e = trimTrailing(text, Math.max(node.range![1], start(item)));
  const nl = text.indexOf('\n', e);
  return nl < 0 ? text.length : nl;
}

function patchCollection(text: string, node: Collection, before: Snapshot, edits: TextEdit[], unit: number): void {
  const was = before.get(node)!;
  const kept = new Set(node.items);
  // Entries `--update` took out (an empty section replaced by a mapping): their lines go.
  for (const item of was.items) {
    if (kept.has(item)) continue;
    const from = lineStart(text, start(item));
    const to = end(text, item);
    edits.push({ start: from, end: Math.min(text.length, to + 1), newText: '' });
  }
  const old = new Set(was.items);
  if (node.flow) {
    patchFlow(text, node, old, before, edits, unit);
    return;
  }
  const column = node.range![0] - lineStart(text, node.range![0]);
  let previous: unknown;
  for (let i = 0; i < node.items.length;) {
    const item = node.items[i];
    if (old.has(item)) {
      patchItem(text, item, before, edits, unit);
      previous = item;
      i++;
      continue;
    }
    const added: unknown[] = [];
    while (i < node.items.length && !old.has(node.items[i])) added.push(node.items[i++]);
    const lines = serialize(added, isMap(node), unit).map((l) => (l === '' ? l : ' '.repeat(column) + l));
    if (previous !== undefined) {
      const after = end(text, previous);
      edits.push({ start: after, end: after, newText: `\n${lines.join('\n')}` });
    } else {
      const at = lineStart(text, start(node.items[i]));
      edits.push({ start: at, end: at, newText: `${lines.join('\n')}\n` });
    }
  }
}

/** A flow collection that stays flow: its new items written in flow style before its closing bracket. */
function patchFlow(text: string, node: Collection, old: ReadonlySet<unknown>, before: Snapshot, edits: TextEdit[], unit: number): void {
  const added = node.items.filter((item) => !old.has(item));
  for (const item of node.items) if (old.has(item)) patchItem(text, item, before, edits, unit);
  if (added.length === 0) return;
  if (node.items.slice(node.items.length - added.length).some((item) => old.has(item))) throw new Unpatchable();
  const inline = flowItems(added, isMap(node));
  const close = trimTrailing(text, node.range![1]) - 1;
  if (old.size === 0) edits.push({ start: node.range![0], end: close + 1, newText: isMap(node) ? `{ ${inline} }` : `[${inline}]` });
  else {
    // After the last item's text, before any space or comma ahead of the bracket.
    const last = trimTrailing(text, close);
    edits.push({ start: last, end: last, newText: `, ${inline}` });
  }
}

/** Items in flow style, without the brackets: `a: 1, b: [x]`. */
function flowItems(items: unknown[], asMap: boolean): string {
  return written(items, asMap, { flow: true }).trim().slice(1, -1).trim();
}

function patchItem(text: string, item: unknown, before: Snapshot, edits: TextEdit[], unit: number): void {
  const value = isPair(item) ? item.value : item;
  if (!isMap(value) && !isSeq(value)) return;
  const was = before.get(value);
  if (was && !(was.flow && value.flow !== true)) {
    patchCollection(text, value, before, edits, unit);
    return;
  }
  // A flow collection that is now block: the entry is written again.
  if (!was || !value.range) throw new Unpatchable();
  const from = start(item);
  const column = from - lineStart(text, from);
  const lines = serialize([item], isPair(item), unit);
  const body = lines.map((l, k) => (k === 0 || l === '' ? l : ' '.repeat(column) + l)).join('\n');
  edits.push({ start: from, end: trimTrailing(text, value.range[1]), newText: body });
}

/** Items as block YAML at column 0, one string per line, in the file's indentation step. */
function serialize(items: unknown[], asMap: boolean, unit: number): string[] {
  let out = written(items, asMap, { indent: unit }).replace(/\n$/, '');
  // A blank line before the first entry, as the document would write between entries.
  const first = items[0];
  const key = isPair(first) ? first.key : first;
  if (isScalar(key) && key.spaceBefore && !out.startsWith('\n')) out = `\n${out}`;
  return out.split('\n');
}

/** Items written by the `yaml` library as one mapping or list of their own. */
function written(items: unknown[], asMap: boolean, style: { flow?: boolean; indent?: number }): string {
  const doc = new Document(asMap ? {} : []);
  const holder = doc.contents as Collection;
  holder.flow = style.flow === true;
  holder.items = items as never[];
  return doc.toString(style.indent === undefined ? { lineWidth: 0 } : { lineWidth: 0, indent: style.indent });
}
