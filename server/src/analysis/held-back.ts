// When a file of the model does not parse, part of the model is missing, and some findings are
// then false: a system-wide control written below a broken line reads as absent, a component
// whose flows were lost looks orphaned, a reference to a service that could not be read does not
// resolve. Those findings are held back until the file parses, and the first syntax error says
// how many; every other finding still stands.

import type { Finding, Model } from '../model/types.js';
import type { Rule } from '../rules/rule.js';
import { LineIndex } from '../util/lines.js';

/**
 * Rules whose findings a half-read model makes false: those about the system as a whole, those
 * about what the model leaves out (completeness, unused grants), and the pipeline practices,
 * which rely on the system-wide `controls:`.
 */
export function judgesTheWholeModel(rule: Rule): boolean {
  const { target, category, id } = rule.meta;
  if (id === 'expired-acceptance') return false;
  return target === 'system' || category === 'completeness' || category === 'pipeline' || id === 'unused-grant';
}

export interface HeldBack {
  kept: Finding[];
  held: Finding[];
}

/** Splits the findings of a model with syntax errors into those that stand and those held back. */
export function holdBack(findings: readonly Finding[], catalogue: readonly Rule[], model: Model): HeldBack {
  const texts = model.files;
  const syntax = findings.filter((f) => f.rule === 'model/syntax');
  if (syntax.length === 0) return { kept: [...findings], held: [] };
  const whole = new Set(catalogue.filter(judgesTheWholeModel).map((r) => r.meta.id));
  // A finding on the very line of a syntax error is about what the parser made of that line.
  const brokenLines = new Map<string, Set<number>>();
  const indexes = new Map<string, LineIndex>();
  const lineOf = (file: string, offset: number) => {
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex(texts.get(file)?.text ?? '')));
    return index.position(offset).line;
  };
  for (const s of syntax) {
    const lines = brokenLines.get(s.file) ?? new Set<number>();
    brokenLines.set(s.file, lines);
    lines.add(lineOf(s.file, s.range.start));
  }
  const broken = brokenElements(model, syntax);
  const kept: Finding[] = [];
  const held: Finding[] = [];
  for (const f of findings) {
    const hold = f.rule !== 'model/syntax' && (
      whole.has(f.rule) || f.rule === 'model/unresolved-reference' || broken.targets.has(f.target) ||
      broken.keys.some((k) => k.file === f.file && f.range.start >= k.start && f.range.end <= k.end) ||
      (brokenLines.get(f.file)?.has(lineOf(f.file, f.range.start)) ?? false));
    (hold ? held : kept).push(f);
  }
  const shown = held.filter((f) => !f.accepted).length;
  if (shown > 0) {
    const first = kept.findIndex((f) => f.rule === 'model/syntax');
    const f = kept[first];
    kept[first] = {
      ...f,
      message: `${f.message} (${shown === 1 ? '1 other finding is' : `${shown} other findings are`} held back until the file parses: with part of the model unread, ${shown === 1 ? 'it' : 'they'} could be false.)`,
    };
  }
  return { kept, held };
}

/**
 * The elements being written where a syntax error is (the last element of the file that starts
 * before the error): their targets, those of the flows in and out of them, and where their keys are. What the parser made of the rest of that
 * element (a control lost, a key read as a value) is not what the user wrote.
 */
function brokenElements(model: Model, syntax: readonly Finding[]): { targets: Set<string>; keys: { file: string; start: number; end: number }[] } {
  const targets = new Set<string>();
  const keys: { file: string; start: number; end: number }[] = [];
  const elements = [...model.boundaries.values(), ...model.data.values(), ...model.roles.values(), ...model.services.values()];
  for (const error of syntax) {
    let last: { id: string; start: number; end: number } | undefined;
    for (const e of elements) {
      if (!e.src || e.src.file !== error.file) continue;
      const { start, end } = e.src.key;
      if (start <= error.range.start && (!last || start > last.start)) last = { id: e.id, start, end };
    }
    if (!last) continue;
    // Only when the error is inside it: indented deeper than its key (a tab counts as deeper).
    const text = model.files.get(error.file)?.text ?? '';
    const lineStart = text.lastIndexOf('\n', error.range.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, error.range.start + 1))![0];
    const column = indent.includes('\t') ? Infinity : indent.length;
    if (column <= last.start - (text.lastIndexOf('\n', last.start - 1) + 1)) continue;
    targets.add(last.id);
    keys.push({ file: error.file, start: last.start, end: last.end });
    for (const flow of model.flows) if (flow.from === last.id || flow.to === last.id) targets.add(flow.target);
  }
  return { targets, keys };
}
