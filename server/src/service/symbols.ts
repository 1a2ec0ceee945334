// The outline (and breadcrumbs): sections, their elements, and each service's flows, in offsets.

import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { pairEnd, trimTrailing } from '../fix/text.js';
import { yamlTree } from '../model/block-yaml.js';

/** What a symbol is, in the words of LSP's SymbolKind (the edge maps them). */
export type SymbolKindName = 'namespace' | 'array' | 'package' | 'struct' | 'key' | 'class' | 'property' | 'event' | 'object';

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
          detail = [scalarText(get(el.value, 'kind')), scalarText(get(el.value, 'boundary'))].filter(Boolean).join(' · ') || undefined;
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
