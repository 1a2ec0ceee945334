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

export function documentSymbols(text: string): ModelSymbol[] {
  const root = yamlTree(text);
  const at = (start: number, end: number, selStart = start, selEnd = end) =>
    ({ start, end: Math.max(start, end), selectionStart: selStart, selectionEnd: Math.max(selStart, selEnd) });
  const pairSymbol = (pair: Pair<YamlNode, YamlNode | null>, kind: SymbolKindName, detail?: string, children?: ModelSymbol[]): ModelSymbol | undefined => {
    const name = scalarText(pair.key);
    if (name === undefined || !pair.key.range) return undefined;
    return { name, kind, detail, children, ...at(pair.key.range[0], pairEnd(pair, text), pair.key.range[0], pair.key.range[1]) };
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
              flows.push({
                name: `→ ${to}`, kind: 'event', detail: [id, scalarText(get(flow, 'protocol'))].filter(Boolean).join(' · ') || undefined,
                ...at(flow.range[0], trimTrailing(text, flow.range[1]), toNode.range![0], trimTrailing(text, toNode.range![1])),
              });
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
        children.push({ name: target ? `${rule}@${target}` : rule, kind: 'object', ...at(item.range[0], trimTrailing(text, item.range[1])) });
      }
    }
    const s = pairSymbol(pair, SECTION_KIND[section] ?? 'property', SECTION_KIND[section] ? undefined : scalarText(pair.value), children.length > 0 ? children : undefined);
    if (s) symbols.push(s);
  }
  return symbols;
}

/**
 * Past this many symbols the outline leaves out the calls under each service, then entries of
 * every section (see limitSymbols), as VS Code's own JSON outline stops at
 * `json.maxItemsComputed` (5,000): the editor asks for the outline again after every edit, and
 * seven thousand symbols are 1.6 MB to send.
 */
export const DEFAULT_MAX_SYMBOLS = 5000;

/**
 * What a symbol was read as: a unit's symbol moved to where the unit now is, or an element without
 * its calls, was made from another with the same text. An edge that converts offsets to lines
 * keeps what it made of that one, and checks only that the unit starts where it did.
 */
const origins = new WeakMap<ModelSymbol, ModelSymbol>();

export function symbolOrigin(symbol: ModelSymbol): ModelSymbol {
  return origins.get(symbol) ?? symbol;
}

/** `copy`, made from `symbol` (moved, or without its calls): see symbolOrigin. */
export function madeFrom(copy: ModelSymbol, symbol: ModelSymbol): ModelSymbol {
  origins.set(copy, symbolOrigin(symbol));
  return copy;
}

/** An element without its calls: one object per element, so that what an edge made of it is kept by it. */
const elementsWithoutCalls = new WeakMap<ModelSymbol, ModelSymbol>();
function withoutCalls(element: ModelSymbol): ModelSymbol {
  if (!element.children) return element;
  let out = elementsWithoutCalls.get(element);
  if (!out) {
    const { children: _, ...rest } = element;
    elementsWithoutCalls.set(element, (out = madeFrom(rest, element)));
  }
  return out;
}

const countOf = (symbols: readonly ModelSymbol[]): number =>
  symbols.reduce((n, s) => n + 1 + (s.children ? countOf(s.children) : 0), 0);

/**
 * The outline within `max` symbols: whole if it fits; else without the calls under services
 * (each element still listed); else, if that is still too many, every section with its first
 * entries, as many of each as its share of the room.
 * What was left out is said by a note first in the outline, at the top of the file.
 */
export function limitSymbols(symbols: ModelSymbol[], max: number): ModelSymbol[] {
  const total = countOf(symbols);
  if (total <= max) return symbols;
  const sections = symbols.map((s) => (s.children ? { ...s, children: s.children.map(withoutCalls) } : s));
  let kept = countOf(sections);
  let note = `${(total - kept).toLocaleString('en-US')} calls not listed`;
  if (kept + 1 > max) {
    // Every section keeps its first entries, each a share of the room in proportion to its
    // size: a large `data:` written first does not push `services:` out of the outline.
    const room = max - 1 - sections.length;
    let out: ModelSymbol[];
    if (room <= 0) out = sections.slice(0, Math.max(0, max - 1)).map(({ children: _, ...s }) => s);
    else {
      const entries = sections.reduce((n, s) => n + (s.children?.length ?? 0), 0);
      const shares = sections.map((s) => Math.floor((room * (s.children?.length ?? 0)) / entries));
      let left = room - shares.reduce((a, b) => a + b, 0);
      sections.forEach((s, i) => {
        const more = Math.min(left, (s.children?.length ?? 0) - shares[i]);
        shares[i] += more;
        left -= more;
      });
      out = sections.map((s, i) => (s.children ? { ...s, children: shares[i] > 0 ? s.children.slice(0, shares[i]) : undefined } : s));
    }
    kept = countOf(out);
    note = `${(total - kept).toLocaleString('en-US')} symbols not listed`;
    sections.splice(0, sections.length, ...out);
  }
  const first = sections[0]?.start ?? 0;
  return [
    { name: note, kind: 'note', detail: `more than moat.outline.maxSymbols (${max.toLocaleString('en-US')})`, start: first, end: first, selectionStart: first, selectionEnd: first },
    ...sections,
  ];
}
