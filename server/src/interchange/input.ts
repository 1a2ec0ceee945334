// Reading another tool's document: YAML (JSON is YAML) parsed with merge keys and a bound on
// aliases, every failure one line that names the file and the line, and paths into the
// document turned into line numbers for the messages that need them.

import { load as lenientLoad } from 'js-yaml';
import { LineCounter, isMap, parseDocument } from 'yaml';
import type { Document } from 'yaml';

/** The input cannot be read as asked: one line, `moat import` exits 2. */
export class ImportError extends Error {}

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };
export type PlainMap = { [key: string]: Plain };

export interface ForeignDocument {
  file: string;
  value: Plain;
  /**
   * Set when the file is not strict YAML 1.2 but the lenient parsers other tools use (PyYAML,
   * Go's yaml, js-yaml) read it, as they read the OTM specification's own example: what the
   * strict parser said, with its line. Lines are then not known (lineOf answers 1).
   */
  lenient?: string;
  /** 1-based line of the node at `path`, or of the nearest ancestor that exists. */
  lineOf(path: (string | number)[]): number;
}

export function readForeign(text: string, file: string): ForeignDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const strict = `${file}:${lineCounter.linePos(error.pos[0]).line}: not valid YAML: ${error.message.split('\n')[0]}`;
    let value: unknown;
    try {
      value = lenientLoad(text, { json: true });
    } catch {
      throw new ImportError(strict);
    }
    const why = unwalkable(value);
    if (why) throw new ImportError(`${file}: cannot be read: ${why}`);
    return { file, value: value as Plain, lenient: strict.replace(/^[^:]+:/, 'line '), lineOf: () => 1 };
  }
  let value: Plain;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 }) as Plain;
  } catch (err) {
    throw new ImportError(`${file}: cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
  const why = unwalkable(value);
  if (why) throw new ImportError(`${file}: cannot be read: ${why}`);
  const lineOf = (path: (string | number)[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const start = node?.range?.[0] ?? (n === 0 ? (doc.contents as { range?: [number] } | null)?.range?.[0] : undefined);
      if (start !== undefined) return lineCounter.linePos(start).line;
    }
    return 1;
  };
  return { file, value, lineOf };
}

/** The most nodes a document may hold once its aliases are expanded (as `yaml` bounds its own aliases). */
const MAX_NODES = 1_000_000;

/**
 * Why a value cannot be walked, if it cannot: it contains itself (`a: &a [*a]`), or its aliases
 * expand beyond MAX_NODES (a "billion laughs"). Each shared node is measured once.
 */
function unwalkable(value: unknown): string | undefined {
  const open = new Set<unknown>();
  const sizes = new Map<unknown, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    if (open.has(v)) throw new ImportError('cycle');
    open.add(v);
    let n = 1;
    for (const child of Object.values(v)) n = Math.min(MAX_NODES + 1, n + size(child));
    open.delete(v);
    sizes.set(v, n);
    return n;
  };
  try {
    return size(value) > MAX_NODES ? `its aliases expand to more than ${MAX_NODES.toLocaleString('en')} nodes` : undefined;
  } catch (err) {
    if (err instanceof ImportError) return 'an alias refers to a node that contains it (a cycle)';
    throw err;
  }
}

export function isPlainMap(v: Plain | undefined): v is PlainMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The top-level keys, as the file writes them (the recogniser reads no further). A file that
 * does not parse is recognised by the keys it starts lines with, so that its importer can say
 * where the YAML breaks.
 */
export function topLevelKeys(text: string): string[] {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length > 0) return [...text.matchAll(/(?:^|[{,])\s*(?:"([A-Za-z_]+)"|([A-Za-z_]+))\s*:/gm)].map((m) => m[1] ?? m[2]);
  return isMap(doc.contents) ? doc.contents.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)) : [];
}
