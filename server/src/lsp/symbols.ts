// The outline (and breadcrumbs): sections, their elements, and each service's flows.

import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol } from 'vscode-languageserver';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { pairEnd, parseYaml, trimTrailing } from '../fix/text.js';
import { LineIndex } from '../util/lines.js';

const SECTION_KIND: Record<string, SymbolKind> = {
  boundaries: SymbolKind.Namespace, data: SymbolKind.Namespace, roles: SymbolKind.Namespace,
  services: SymbolKind.Namespace, controls: SymbolKind.Namespace, accept: SymbolKind.Array, include: SymbolKind.Array,
};
const ELEMENT_KIND: Record<string, SymbolKind> = {
  boundaries: SymbolKind.Package, data: SymbolKind.Struct, roles: SymbolKind.Key, services: SymbolKind.Class,
  controls: SymbolKind.Property,
};

const scalarText = (node: unknown): string | undefined =>
  isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;

export function documentSymbols(text: string): DocumentSymbol[] {
  const doc = parseYaml(text);
  const lines = new LineIndex(text);
  const range = (start: number, end: number) => ({ start: lines.position(start), end: lines.position(Math.max(start, end)) });
  const pairSymbol = (pair: Pair<YamlNode, YamlNode | null>, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined => {
    const name = scalarText(pair.key);
    if (name === undefined || !pair.key.range) return undefined;
    return {
      name, kind, detail, children,
      range: range(pair.key.range[0], pairEnd(pair, text)),
      selectionRange: range(pair.key.range[0], pair.key.range[1]),
    };
  };
  const get = (node: unknown, key: string) => (isMap(node) ? (node.items as Pair<YamlNode, YamlNode | null>[]).find((p) => scalarText(p.key) === key)?.value : undefined);

  const symbols: DocumentSymbol[] = [];
  if (!isMap(doc.contents)) return symbols;
  for (const pair of doc.contents.items as Pair<YamlNode, YamlNode | null>[]) {
    const section = scalarText(pair.key);
    if (section === undefined) continue;
    const children: DocumentSymbol[] = [];
    if (isMap(pair.value) && ELEMENT_KIND[section] !== undefined) {
      for (const el of pair.value.items as Pair<YamlNode, YamlNode | null>[]) {
        let detail: string | undefined;
        const flows: DocumentSymbol[] = [];
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
                name: `→ ${to}`, kind: SymbolKind.Event, detail: [id, scalarText(get(flow, 'protocol'))].filter(Boolean).join(' · ') || undefined,
                range: range(flow.range[0], trimTrailing(text, flow.range[1])),
                selectionRange: range(toNode.range![0], trimTrailing(text, toNode.range![1])),
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
        const r = range(item.range[0], trimTrailing(text, item.range[1]));
        children.push({ name: target ? `${rule}@${target}` : rule, kind: SymbolKind.Object, range: r, selectionRange: r });
      }
    }
    const s = pairSymbol(pair, SECTION_KIND[section] ?? SymbolKind.Property, SECTION_KIND[section] ? undefined : scalarText(pair.value), children.length > 0 ? children : undefined);
    if (s) symbols.push(s);
  }
  return symbols;
}
