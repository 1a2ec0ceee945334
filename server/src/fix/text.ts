// Edits as offsets into one file's text, and the YAML around an offset that they need to know:
// which node is where, whether a collection is written in flow or block style, its indentation.

import { isMap, isPair, isScalar, isSeq, parseDocument, Parser, stringify, visit } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { MODEL_YAML_OPTIONS } from '../model/block-yaml.js';
import { segment } from '../model/units.js';
import type { Unit } from '../model/units.js';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** An edit in a named file: a fix may touch a file other than the finding's (a gateway's flows). */
export interface FileEdit extends TextEdit {
  file: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function parseYaml(text: string): Document {
  return parseDocument(text, MODEL_YAML_OPTIONS);
}

/**
 * The unit of `text` (model/units.ts: a top-level key, or an entry of a section; independent
 * YAML) that holds all of [start, end); undefined when the text does not split into units.
 */
export function unitHolding(text: string, start: number, end: number): Unit | undefined {
  return segment(text)?.find((u) => u.start <= start && start < u.end && end <= u.end);
}

/**
 * The YAML around `offset`, its ranges offsets of `text`: the unit that holds it parsed alone
 * (a fix to one element of a large model does not parse the whole file), else the whole text.
 */
export function parseAround(text: string, offset: number): Document {
  const unit = unitHolding(text, offset, offset);
  return (unit && parseSpans(text, [unit])) ?? parseYaml(text);
}

/**
 * Spans of `text` ([start, end), in order, each a whole unit or run of units) parsed alone as
 * one text, its ranges placed back at offsets of `text`; null when that text has errors.
 */
export function parseSpans(text: string, spans: readonly { start: number; end: number }[]): Document | null {
  const doc = parseYaml(spans.map((s) => text.slice(s.start, s.end)).join(''));
  if (doc.errors.length > 0) return null;
  shiftRanges(doc, spans);
  return doc;
}

/** Places every node's range back in the file the spans, parsed as one text, were cut from. */
function shiftRanges(doc: Document, spans: readonly { start: number; end: number }[]): void {
  const at = (offset: number): number => {
    let base = 0;
    for (const [i, s] of spans.entries()) {
      const length = s.end - s.start;
      if (offset < base + length || i === spans.length - 1) return s.start + offset - base;
      base += length;
    }
    return offset;
  };
  visit(doc, {
    Node(_, node) {
      const r = node.range;
      if (r) node.range = [at(r[0]), at(r[1]), at(r[2])];
    },
  });
}

/**
 * The nodes along the way to `offset`, outermost first, each with its parent pair: a collection
 * whose range holds the offset, then the key or the value (or the item) that holds it, and so
 * on: the nodes that start at the offset, without visiting the rest of a large document (a fix
 * of one of a thousand services reads one path, not every node before it).
 */
function* pathTo(node: unknown, offset: number, parent?: Pair): Generator<{ node: YamlNode; parent?: Pair }> {
  const holds = (n: unknown): n is YamlNode => {
    const r = (n as YamlNode | null)?.range;
    return !!r && r[0] <= offset && offset < Math.max(r[2], r[1], r[0] + 1);
  };
  if (isMap(node)) {
    yield { node, parent };
    for (const pair of node.items) {
      if (isScalar(pair.key) && holds(pair.key)) yield { node: pair.key, parent: pair };
      if (holds(pair.value)) yield* pathTo(pair.value, offset, pair);
    }
  } else if (isSeq(node)) {
    yield { node, parent };
    for (const item of node.items) if (holds(item)) yield* pathTo(item, offset);
  } else if (isScalar(node)) yield { node, parent };
}

/** The collection whose source starts at `start` (a map, or a list when `kind` says so). */
export function collectionAt(doc: Document, start: number, kind: 'map' | 'seq' = 'map'): YAMLMap | YAMLSeq | undefined {
  for (const { node } of pathTo(doc.contents, start)) {
    if (node.range?.[0] !== start) continue;
    if (kind === 'map' && isMap(node)) return node;
    if (kind === 'seq' && isSeq(node)) return node;
  }
  return undefined;
}

export function scalarAt(doc: Document, start: number, end?: number): { node: YamlNode; parent?: Pair } | undefined {
  for (const hit of pathTo(doc.contents, start)) {
    const r = hit.node.range;
    if (isScalar(hit.node) && r && r[0] === start && (end === undefined || r[1] === end)) return hit;
  }
  return undefined;
}

export function pairOf(map: YAMLMap, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair<YamlNode, YamlNode | null> | undefined;
}

export function isFlow(node: YAMLMap | YAMLSeq): boolean {
  return node.flow === true;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the newline ending the line that holds the last character before `offset`. */
export function lineEndBefore(text: string, offset: number): number {
  let end = offset > 0 && text[offset - 1] === '\n' ? offset - 1 : text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The leading spaces of the line holding `offset`. */
export function indentOfLine(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The file's indentation step, from its first indented line (two spaces when nothing is indented). */
export function indentUnit(text: string): string {
  const m = /\n( +)\S/.exec(text);
  return m ? m[1] : '  ';
}

/** The newline the file uses. */
export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A value as YAML source on one line: plain when safe, quoted when needed, maps in flow style. */
export function yamlValue(value: unknown): string {
  if (value === undefined || value === null) return 'true';
  if (typeof value === 'string' && value === '') return '""';
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${yamlValue(k)}: ${yamlValue(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A scalar replacing `old` source: keeps the user's quotes when the old one was quoted. */
export function replacementScalar(oldSource: string, value: string): string {
  const q = oldSource[0];
  if ((q === '"' || q === "'") && oldSource.endsWith(q) && !value.includes(q)) return `${q}${value}${q}`;
  return yamlValue(value);
}

/** The end of a pair's source: its value's end, else its key's (`key:` with nothing after it). */
export function pairEnd(pair: Pair<YamlNode, YamlNode | null>, text: string): number {
  const v = pair.value;
  if (v && v.range && !(isScalar(v) && v.value === null && v.range[0] === v.range[1])) {
    return trimTrailing(text, v.range[1]);
  }
  const keyEnd = pair.key.range![1];
  const colon = text.indexOf(':', keyEnd);
  return colon >= 0 ? colon + 1 : keyEnd;
}

/** Back over the line break and spaces a block node's range includes. */
export function trimTrailing(text: string, end: number): number {
  let e = end;
  while (e > 0 && /[ \t\r\n]/.test(text[e - 1])) e--;
  return e;
}

/** The comments (`# …`) that start in [start, end), from the YAML's own tokens (not inside strings or block scalars). */
export function commentsIn(text: string, start: number, end: number): { offset: number; source: string }[] {
  if (!text.slice(start, end).includes('#')) return [];
  const out: { offset: number; source: string }[] = [];
  // The unit that holds the range is read alone: its tokens are those of the whole file's there.
  const unit = unitHolding(text, start, end);
  const base = unit?.start ?? 0;
  const walkTokens = (token: unknown): void => {
    if (Array.isArray(token)) token.forEach(walkTokens);
    else if (token !== null && typeof token === 'object') {
      const t = token as { type?: unknown; offset?: unknown; source?: unknown };
      if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
        const offset = base + t.offset;
        if (start <= offset && offset < end) out.push({ offset, source: t.source });
      } else for (const value of Object.values(token)) walkTokens(value);
    }
  };
  for (const token of new Parser().parse(unit ? text.slice(unit.start, unit.end) : text)) walkTokens(token);
  return out.sort((a, b) => a.offset - b.offset);
}
