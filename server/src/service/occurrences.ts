// Every place an id is written: where it is declared (a key under `services:`, a flow's `id:`)
// and where it is referred to (`to:`, `boundary:`, `data:`, `roles:`, grant targets, `within:`,
// `shared-with:`, acceptance targets). Read from the YAML of each file, so references that do not
// resolve are found too (renaming fixes them all at once).

import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { trimTrailing } from '../fix/text.js';
import { yamlTree } from '../model/block-yaml.js';
import { ruleById } from '../rules/index.js';

export type Namespace = 'service' | 'boundary' | 'data' | 'role' | 'flow' | 'rule';

export interface Occurrence {
  ns: Namespace;
  id: string;
  file: string;
  /** The id's own characters (inside quotes, when quoted). */
  start: number;
  end: number;
  declaration: boolean;
}

const RULE_TARGET_NS: Record<string, Namespace | undefined> = {
  flow: 'flow', service: 'service', role: 'role', data: 'data', boundary: 'boundary',
};

export function occurrencesIn(file: string, text: string): Occurrence[] {
  const out: Occurrence[] = [];
  const root = yamlTree(text);
  const add = (node: unknown, ns: Namespace, declaration = false) => {
    if (!isScalar(node) || !node.range || (typeof node.value !== 'string' && typeof node.value !== 'number')) return;
    let start = node.range[0];
    let end = trimTrailing(text, node.range[1]);
    if (text[start] === '"' || text[start] === "'") { start++; end--; }
    out.push({ ns, id: String(node.value), file, start, end, declaration });
  };
  const addList = (node: unknown, ns: Namespace) => {
    if (isSeq(node)) for (const item of node.items) add(item, ns);
    else add(node, ns);
  };
  const entries = (node: unknown): [YamlNode, YamlNode | null][] =>
    isMap(node) ? (node as YAMLMap<YamlNode, YamlNode | null>).items.filter((p) => isScalar(p.key)).map((p) => [p.key, p.value]) : [];
  const get = (node: unknown, key: string) => entries(node).find(([k]) => isScalar(k) && k.value === key)?.[1];

  for (const [key, value] of entries(root)) {
    const section = isScalar(key) ? key.value : undefined;
    if (section === 'boundaries') {
      for (const [id, b] of entries(value)) { add(id, 'boundary', true); add(get(b, 'within'), 'boundary'); }
    } else if (section === 'data') {
      for (const [id] of entries(value)) add(id, 'data', true);
    } else if (section === 'roles') {
      for (const [id, role] of entries(value)) {
        add(id, 'role', true);
        for (const [target] of entries(get(role, 'grants'))) if (isScalar(target) && target.value !== '*') add(target, 'service');
      }
    } else if (section === 'services') {
      for (const [id, s] of entries(value)) {
        add(id, 'service', true);
        add(get(s, 'boundary'), 'boundary');
        addList(get(s, 'stores'), 'data');
        addList(get(s, 'roles'), 'role');
        addList(get(get(s, 'runtime'), 'shared-with'), 'service');
        const calls = get(s, 'calls');
        if (isSeq(calls)) {
          for (const flow of calls.items) {
            add(get(flow, 'to'), 'service');
            add(get(flow, 'id'), 'flow', true);
            addList(get(flow, 'data'), 'data');
          }
        }
      }
    } else if (section === 'accept' && isSeq(value)) {
      for (const item of value.items) {
        const rule = get(item, 'rule');
        add(rule, 'rule');
        const kind = isScalar(rule) ? ruleById(String(rule.value))?.meta.target : undefined;
        const target = get(item, 'target');
        const ns = kind ? RULE_TARGET_NS[kind] : undefined;
        if (!ns || !isScalar(target) || typeof target.value !== 'string') continue;
        const m = /^(.+?)->(.+?)(#\d+)?$/.exec(target.value);
        if (ns === 'flow' && m) {
          // `FROM->TO#2` names a flow by its two ends: each is a service reference.
          const at = target.range![0] + (text[target.range![0]] === '"' || text[target.range![0]] === "'" ? 1 : 0);
          out.push({ ns: 'service', id: m[1], file, start: at, end: at + m[1].length, declaration: false });
          const toStart = at + m[1].length + 2;
          out.push({ ns: 'service', id: m[2], file, start: toStart, end: toStart + m[2].length, declaration: false });
        } else add(target, ns);
      }
    }
  }
  // `# moat-accept RULE: …` names a rule too.
  for (const m of text.matchAll(/#\s*moat-accept[ \t]+([^\s:]+)/g)) {
    const start = m.index! + m[0].length - m[1].length;
    out.push({ ns: 'rule', id: m[1], file, start, end: start + m[1].length, declaration: false });
  }
  return out;
}

/** The occurrences of every file of the models, by file. */
export function occurrencesOf(files: ReadonlyMap<string, { text: string }>): Occurrence[] {
  const out: Occurrence[] = [];
  for (const [file, { text }] of files) out.push(...occurrencesIn(file, text));
  return out;
}

export function occurrenceAt(occurrences: readonly Occurrence[], file: string, offset: number): Occurrence | undefined {
  return occurrences.find((o) => o.file === file && o.start <= offset && offset <= o.end);
}
