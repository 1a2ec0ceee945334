// The outline (and breadcrumbs): sections, their elements, and each service's flows, in offsets.

import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { pairEnd, trimTrailing } from '../fix/text.js';
import { yamlTree } from '../model/block-yaml.js';

/** What a symbol is, in the words of LSP's SymbolKind (the edge maps them). */
export type SymbolKindName = 'namespace' | 'array' | 'package' | 'struct' | 'key' | 'class' | 'property' | 'event' | 'object' | 'note';

export interface ModelSymbol {
  name: string;
  kind: SymbolKindName;
  detail?: string;
  /** The whole entry, and the part to select (its key). */
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children?: ModelSymbol[];
}

const SECTION_KIND: Record<string, SymbolKindName> = {
  boundaries: 'namespace', data: 'namespace', roles: 'namespace', services: 'namespace', controls: 'namespace', accept: 'array', include: 'array',
};
const ELEMENT_KIND: Record<string, SymbolKindName> = {
  boundaries: 'package', data: 'struct', roles: 'key', services: 'class', controls: 'property',
};

const scalarText = (node: unknown): string | undefined =>
  isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;

/**
 * Every symbol is made here, with the same fields in the same order (absent ones undefined): one
 * shape, which V8 copies by a literal in a tenth of the time a spread takes.
 */
function symbolOf(
  name: string, kind: SymbolKindName, detail: string | undefined,
  start: number, end: number, selectionStart: number, selectionEnd: number, children: ModelSymbol[] | undefined,
): ModelSymbol {
  return { name, kind, detail, start, end, selectionStart, selectionEnd, children };
}

export function documentSymbols(text: string): ModelSymbol[] {
  const root = yamlTree(text);
  const make = (name: string, kind: SymbolKindName, detail: string | undefined, start: number, end: number, selStart = start, selEnd = end, children?: ModelSymbol[]) =>
    symbolOf(name, kind, detail, start, Math.max(start, end), selStart, Math.max(selStart, selEnd), children);
  const pairSymbol = (pair: Pair<YamlNode, YamlNode | null>, kind: SymbolKindName, detail?: string, children?: ModelSymbol[]): ModelSymbol | undefined => {
    const name = scalarText(pair.key);
    if (name === undefined || !pair.key.range) return undefined;
    return make(name, kind, detail, pair.key.range[0], pairEnd(pair, text), pair.key.range[0], pair.key.range[1], children);
  };
  const get = (node: unknown, key: string) => (isMap(node) ? (node.items as Pair<YamlNode, YamlNode | null>[]).find((p) => scalarText(p.key) === key)?.value : undefined);

  const symbols: ModelSymbol[] = [];
  if (!isMap(root)) return symbols;
  for (const pair of root.items as Pair<YamlNode, YamlNode | null>[]) {
    const section = scalarText(pair.key);
    if (section === undefined) continue;
    const children: ModelSymbol[] = [];
    if (isMap(pair.value) && ELEMENT_KIND[section] !== undefined) {
      for (const el of pair.value.items as Pair<YamlNode, YamlNode | null>[]) {
        let detail: string | undefined;
        const flows: ModelSymbol[] = [];
        if (section === 'services') {
          // In plain ASCII: without a `·`, a large outline's JSON stays a one-byte string, cheaper to encode.
          const kind = scalarText(get(el.value, 'kind')) || undefined;
          const boundary = scalarText(get(el.value, 'boundary')) || undefined;
          detail = boundary ? (kind ? `${kind} in ${boundary}` : `in ${boundary}`) : kind;
          const calls = get(el.value, 'calls');
          if (isSeq(calls)) {
            for (const flow of calls.items as YamlNode[]) {
              const to = scalarText(get(flow, 'to'));
              if (to === undefined || !flow.range) continue;
              const id = scalarText(get(flow, 'id'));
              const toNode = get(flow, 'to') as YamlNode;
              const detail = [id, scalarText(get(flow, 'protocol'))].filter(Boolean).join(' · ') || undefined;
              flows.push(make(`→ ${to}`, 'event', detail, flow.range[0], trimTrailing(text, flow.range[1]), toNode.range![0], trimTrailing(text, toNode.range![1])));
            }
          }
        } else if (section === 'boundaries') detail = scalarText(get(el.value, 'trust'));
        else if (section === 'data') detail = scalarText(get(el.value, 'classification'));
        else if (section === 'controls') detail = scalarText(el.value);
        const s = pairSymbol(el, ELEMENT_KIND[section], detail, flows.length > 0 ? flows : undefined);
        if (s) children.push(s);
      }
    } else if (section === 'accept' && isSeq(pair.value)) {
      for (const item of pair.value.items as YamlNode[]) {
        const rule = scalarText(get(item, 'rule'));
        if (rule === undefined || !item.range) continue;
        const target = scalarText(get(item, 'target'));
        children.push(make(target ? `${rule}@${target}` : rule, 'object', undefined, item.range[0], trimTrailing(text, item.range[1])));
      }
    }
    const s = pairSymbol(pair, SECTION_KIND[section] ?? 'property', SECTION_KIND[section] ? undefined : scalarText(pair.value), children.length > 0 ? children : undefined);
    if (s) symbols.push(s);
  }
  return symbols;
}

/**
 * Past this many symbols the outline leaves out the calls under each service, then entries of
 * every section (see limitSymbols). The editor asks for the outline again after every edit, and
 * each symbol is ~220 bytes of JSON to write and read: the 4,030 elements of a dense
 * 1,000-service model took ~17 ms to send and parse on a 2-core machine, 2,000 take ~6 ms
 * (docs/editor.md). Go to Symbol in Workspace finds every element whatever the limit.
 */
export const DEFAULT_MAX_SYMBOLS = 2000;

/**
 * What a symbol was read as: a unit's symbol placed where the unit now is, or an element without
 * its calls, is made from the symbol read from the unit's text. An edge that converts offsets to
 * lines keeps what it made of that one, and checks only that the unit starts where it did. A
 * property under a symbol key, not a WeakMap: placing thousands of symbols after a keystroke
 * registered each in a WeakMap at ~1 µs apiece, and JSON and the edges never see it.
 */
const ORIGIN = Symbol('origin');
type Placed = ModelSymbol & { [ORIGIN]?: ModelSymbol };

export function symbolOrigin(symbol: ModelSymbol): ModelSymbol {
  return (symbol as Placed)[ORIGIN] ?? symbol;
}

/**
 * `symbol` moved by `delta`, with its children (the calls under an element) or without them,
 * made from it (see symbolOrigin). The symbol itself when that changes nothing.
 */
export function placeSymbol(symbol: ModelSymbol, delta: number, children = true): ModelSymbol {
  const dropped = !children && symbol.children !== undefined;
  if (delta === 0 && !dropped) return symbol;
  const placed: Placed = symbolOf(
    symbol.name, symbol.kind, symbol.detail,
    symbol.start + delta, symbol.end + delta, symbol.selectionStart + delta, symbol.selectionEnd + delta,
    children ? symbol.children?.map((c) => placeSymbol(c, delta)) : undefined,
  );
  // Assigned after the literal: a symbol key written in it makes V8 build the object the slow way.
  placed[ORIGIN] = symbolOrigin(symbol);
  return placed;
}

const withoutCalls = (element: ModelSymbol): ModelSymbol => placeSymbol(element, 0, false);

/** A section (a symbol this answer owns) with other children. */
export const withChildren = (s: ModelSymbol, children: ModelSymbol[] | undefined): ModelSymbol =>
  symbolOf(s.name, s.kind, s.detail, s.start, s.end, s.selectionStart, s.selectionEnd, children);

/** Symbols as a tree: the service's, or an edge's (LSP's DocumentSymbol). */
interface SymbolTree { readonly children?: readonly SymbolTree[] }

/** How many symbols, children included. */
export function countOf(symbols: readonly SymbolTree[]): number {
  let n = symbols.length;
  for (const s of symbols) if (s.children) n += countOf(s.children);
  return n;
}

/**
 * The outline within `max` symbols: whole if it fits; else without the calls under services
 * (each element still listed); else, if that is still too many, every section with its first
 * entries: small sections whole, the others a share of the room in proportion to their size.
 * What was left out is said by a note first in the outline, at the top of the file. `total`:
 * how many symbols the whole outline has, when `symbols` already leave the calls out.
 */
export function limitSymbols(symbols: ModelSymbol[], max: number, total = countOf(symbols)): ModelSymbol[] {
  if (total <= max) return symbols;
  const sections = symbols.map((s) => (s.children ? withChildren(s, s.children.map(withoutCalls)) : s));
  let kept = countOf(sections);
  let note = `${(total - kept).toLocaleString('en-US')} calls not listed`;
  if (kept + 1 > max) {
    // Every section keeps its first entries: a large `data:` written first does not push
    // `services:` out of the outline. A section that fits in an equal share of the room is kept
    // whole (twenty boundaries are not cut to ten for a thousand services); the others share
    // what is left in proportion to their size.
    const room = max - 1 - sections.length;
    let out: ModelSymbol[];
    if (room <= 0) out = sections.slice(0, Math.max(0, max - 1)).map((s) => withChildren(s, undefined));
    else {
      const sizes = sections.map((s) => s.children?.length ?? 0);
      const shares = sizes.map(() => 0);
      let left = room;
      let open = sizes.flatMap((n, i) => (n > 0 ? [i] : []));
      for (;;) {
        const equal = left / open.length;
        const small = open.filter((i) => sizes[i] <= equal);
        if (small.length === 0) break;
        for (const i of small) left -= (shares[i] = sizes[i]);
        open = open.filter((i) => sizes[i] > equal);
        if (open.length === 0) break;
      }
      const entries = open.reduce((n, i) => n + sizes[i], 0);
      for (const i of open) shares[i] = Math.floor((left * sizes[i]) / entries);
      left -= open.reduce((n, i) => n + shares[i], 0);
      sections.forEach((_, i) => {
        const more = Math.min(left, sizes[i] - shares[i]);
        shares[i] += more;
        left -= more;
      });
      out = sections.map((s, i) => (s.children ? withChildren(s, shares[i] > 0 ? s.children.slice(0, shares[i]) : undefined) : s));
    }
    kept = countOf(out);
    note = `${(total - kept).toLocaleString('en-US')} symbols not listed`;
    sections.splice(0, sections.length, ...out);
  }
  const first = sections[0]?.start ?? 0;
  return [
    symbolOf(note, 'note', `more than moat.outline.maxSymbols (${max.toLocaleString('en-US')})`, first, first, first, first, undefined),
    ...sections,
  ];
}
