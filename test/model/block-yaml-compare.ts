// Compares the block reader's nodes with the `yaml` library's, node for node: the test of
// server/src/model/block-yaml.ts and the tool to find where they part.

import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { parseBlockYaml } from '../../server/src/model/block-yaml.js';

export const YAML_OPTIONS = { merge: true, uniqueKeys: false, prettyErrors: false, strict: false, stringKeys: false } as const;

/** A description of the first difference between two trees, or undefined when they are equal. */
export function differ(fast: unknown, full: unknown, path = '$'): string | undefined {
  const kind = (n: unknown) => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : n === null || n === undefined ? 'none' : 'other');
  if (kind(fast) !== kind(full)) return `${path}: ${kind(fast)} against ${kind(full)}`;
  if (fast === null || fast === undefined) return undefined;
  const a = fast as YamlNode;
  const b = full as YamlNode;
  if (JSON.stringify(a.range) !== JSON.stringify(b.range)) return `${path}: range ${JSON.stringify(a.range)} against ${JSON.stringify(b.range)}`;
  if (isScalar(a) && isScalar(b)) {
    if (!Object.is(a.value, b.value) && !(Number.isNaN(a.value) && Number.isNaN(b.value))) return `${path}: value ${String(a.value)} against ${String(b.value)}`;
    if (a.type !== b.type) return `${path}: type ${a.type} against ${b.type}`;
    return undefined;
  }
  if (isMap(a) && isMap(b)) {
    if (Boolean(a.flow) !== Boolean(b.flow)) return `${path}: flow ${a.flow} against ${b.flow}`;
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} pairs against ${b.items.length}`;
    for (let i = 0; i < a.items.length; i++) {
      const p = a.items[i];
      const q = b.items[i];
      if (!isPair(p) || !isPair(q)) return `${path}[${i}]: not a pair`;
      const d = differ(p.key, q.key, `${path}.key${i}`) ?? differ(p.value, q.value, `${path}.${String((q.key as { value?: unknown })?.value)}`);
      if (d) return d;
    }
    return undefined;
  }
  if (isSeq(a) && isSeq(b)) {
    if (Boolean(a.flow) !== Boolean(b.flow)) return `${path}: flow ${a.flow} against ${b.flow}`;
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} items against ${b.items.length}`;
    for (let i = 0; i < a.items.length; i++) {
      const d = differ(a.items[i], b.items[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  return undefined;
}

/**
 * How the block reader does on a text: 'fallback' when it leaves the text to the `yaml` library,
 * 'same' when it gives the library's tree, or what differs (including reading a text that the
 * library finds an error in).
 */
export function compare(text: string): 'fallback' | 'same' | string {
  const fast = parseBlockYaml(text);
  if (fast === undefined) return 'fallback';
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0) return `read a text with errors: ${doc.errors[0].message}`;
  return differ(fast, doc.contents) ?? 'same';
}
