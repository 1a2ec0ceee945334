// Deployment files as plain values that remember where they were written: every map key and
// list item keeps its line, so each element of the deployment names its source.
// Anchors, aliases and merge keys (`<<: *defaults`) resolve as docker-compose resolves them;
// compose's `!override` and `!reset` tags are kept as markers for the merge of several files.

import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node } from 'yaml';
import type { SourceRef } from './types.js';

export type Plain = null | boolean | number | string | PlainMap | Plain[];
export interface PlainMap { [key: string]: Plain }

const sources = new WeakMap<object, Map<string, SourceRef>>();
const tags = new WeakMap<object, string>();

/** Where `key` (a map key or a list index) of `container` is written. */
export function sourceOf(container: unknown, key: string | number, fallback: SourceRef): SourceRef {
  if (container === null || typeof container !== 'object') return fallback;
  return sources.get(container)?.get(String(key)) ?? fallback;
}

/** Records where `key` of `container` (a value built by a merge) was written. */
export function setSource(container: object, key: string | number, source: SourceRef): void {
  let m = sources.get(container);
  if (!m) sources.set(container, (m = new Map()));
  m.set(String(key), source);
}

/** `!override` / `!reset` on a value of a compose file (docker compose's merge tags). */
export function composeTag(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' ? tags.get(value) : undefined;
}

export function isPlainMap(v: unknown): v is PlainMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface YamlDocument {
  value: Plain;
  /** The line of the document's first content. */
  line: number;
}

export interface YamlProblem {
  line: number;
  message: string;
}

/** Every document of `text` (read from `file`, as named in messages), or the first syntax error. */
export function readDocuments(text: string, file: string): { documents: YamlDocument[]; error?: YamlProblem } {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, merge: true, uniqueKeys: false, strict: false });
  if (!Array.isArray(docs)) return { documents: [] }; // an empty stream
  const documents: YamlDocument[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const reason = /call stack/i.test(e.message) ? 'nested too deeply to read' : `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
      return { documents, error: { line: counter.linePos(e.pos[0]).line, message: reason } };
    }
    if (doc.contents === null) continue;
    const line = doc.contents.range ? counter.linePos(doc.contents.range[0]).line : 1;
    const where: Where = { counter, file, aliases: 0 };
    try {
      documents.push({ value: plain(doc, doc.contents, where, 0), line });
    } catch (err) {
      if (!(err instanceof AliasLimit)) throw err;
      return { documents, error: { line: err.line, message: `more than ${MAX_ALIASES} aliases resolved in one document (an alias bomb?)` } };
    }
  }
  return { documents };
}

const MAX_DEPTH = 200;

interface Where { counter: LineCounter; file: string; aliases: number }

/** Aliases resolved per document: compose files use dozens; a billion-laughs document, billions. */
const MAX_ALIASES = 10_000;

class AliasLimit extends Error {
  constructor(readonly line: number) {
    super('alias limit');
  }
}

function plain(doc: Document, node: unknown, where: Where, depth: number): Plain {
  if (depth > MAX_DEPTH) return null;
  if (isAlias(node)) {
    if (++where.aliases > MAX_ALIASES) throw new AliasLimit(node.range ? where.counter.linePos(node.range[0]).line : 1);
    return plain(doc, node.resolve(doc), where, depth + 1);
  }
  if (isScalar(node)) {
    if (node.tag === '!reset') {
      const reset: PlainMap = {};
      tags.set(reset, '!reset');
      return reset;
    }
    const v = node.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    return String(v);
  }
  if (isSeq(node)) {
    const out: Plain[] = [];
    const at = new Map<string, SourceRef>();
    for (const item of node.items) {
      const range = (item as Node | null)?.range;
      if (range) at.set(String(out.length), { file: where.file, line: where.counter.linePos(range[0]).line });
      out.push(plain(doc, item, where, depth + 1));
    }
    sources.set(out, at);
    if (node.tag) tags.set(out, node.tag);
    return out;
  }
  if (isMap(node)) {
    const out: PlainMap = {};
    const at = new Map<string, SourceRef>();
    const put = (key: string, keyNode: unknown, value: unknown, d: number) => {
      out[key] = plain(doc, value, where, d);
      const range = (keyNode as Node | null)?.range;
      if (range) at.set(key, { file: where.file, line: where.counter.linePos(range[0]).line });
    };
    const merge = (source: unknown, d: number) => {
      // `<<: *anchor` or `<<: [*a, *b]`: keys written in the map win over merged ones.
      const targets = isSeq(source) ? source.items : [source];
      for (const t of targets) {
        if (isAlias(t) && ++where.aliases > MAX_ALIASES) throw new AliasLimit(t.range ? where.counter.linePos(t.range[0]).line : 1);
        const resolved = isAlias(t) ? t.resolve(doc) : t;
        if (!isMap(resolved)) continue;
        for (const p of resolved.items) {
          if (!isPair(p)) continue;
          const key = keyText(p.key);
          if (key === '<<') { merge(p.value, d + 1); continue; }
          if (key in out) continue;
          put(key, p.key, p.value, d + 1);
        }
      }
    };
    const merges: unknown[] = [];
    for (const p of node.items) {
      const key = keyText(p.key);
      if (key === '<<') { merges.push(p.value); continue; }
      put(key, p.key, p.value, depth + 1);
    }
    for (const m of merges) merge(m, depth + 1);
    sources.set(out, at);
    if (node.tag) tags.set(out, node.tag);
    return out;
  }
  return null;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return typeof key.value === 'symbol' ? (key.value.description ?? '') : String(key.value);
  if (isAlias(key)) return String(key.source);
  return String(key);
}
