// Analysis for the editor, where most keystrokes leave the model's meaning as it was: typing a
// description, a comment, whitespace, or a value that is not valid yet. When the model means what
// it meant last time, the rules' findings are reused with their ranges moved past the edit; only
// overrides, acceptances and the acceptance rules run again. Anything else runs in full.

import type { Finding, Model, TextRange } from '../model/types.js';
import { ModelGraph } from './graph.js';
import { finishAnalysis, runRules, todayUtc } from './analyze.js';
import type { Analysis, AnalysisOptions } from './analyze.js';

interface Previous {
  signature: string[];
  optionsKey: string;
  texts: Map<string, string>;
  ruleFindings: Finding[];
}

export class IncrementalAnalyzer {
  private previous?: Previous;
  /** How the last call went, for the benchmark and the tests. */
  lastReused = false;

  analyze(model: Model, options: AnalysisOptions = {}): Analysis {
    const graph = new ModelGraph(model);
    const { signature } = model;
    const optionsKey = JSON.stringify([[...(options.rules ?? [])], options.catalogue?.map((r) => r.meta.id) ?? null]);
    const texts = new Map([...model.files].map(([file, f]) => [file, f.text]));
    let ruleFindings: Finding[] | undefined;
    const prev = this.previous;
    if (prev && sameList(prev.signature, signature) && prev.optionsKey === optionsKey) {
      ruleFindings = moveFindings(prev.ruleFindings, prev.texts, texts);
    }
    this.lastReused = ruleFindings !== undefined;
    ruleFindings ??= runRules(model, graph, options);
    this.previous = { signature, optionsKey, texts, ruleFindings };
    // Acceptances mark the findings they match; the kept ones must stay unmarked.
    const fresh = model.acceptances.length === 0 ? ruleFindings : ruleFindings.map((f) => ({ ...f }));
    return finishAnalysis(model, graph, fresh, { ...options, today: options.today ?? todayUtc() });
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Where the edit between two texts is: the common prefix and suffix bound it. */
function editOf(before: string, after: string): { start: number; oldEnd: number; delta: number } | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, delta: after.length - before.length };
}

/** The findings moved past each file's edit; undefined when one of them touches an edit. */
function moveFindings(findings: Finding[], before: Map<string, string>, after: Map<string, string>): Finding[] | undefined {
  if (before.size !== after.size) return undefined;
  const edits = new Map<string, ReturnType<typeof editOf>>();
  for (const [file, text] of after) {
    const old = before.get(file);
    if (old === undefined) return undefined;
    edits.set(file, editOf(old, text));
  }
  const moved: Finding[] = [];
  for (const f of findings) {
    const edit = edits.get(f.file);
    if (!edit) {
      moved.push(f);
      continue;
    }
    const range = move(f.range, edit);
    const elementRange = f.elementRange && move(f.elementRange, edit);
    if (!range || (f.elementRange && !elementRange)) return undefined;
    moved.push({ ...f, range, elementRange });
  }
  return moved;
}

function move(r: TextRange, edit: { start: number; oldEnd: number; delta: number }): TextRange | undefined {
  if (r.end < edit.start || (r.end === edit.start && r.start < r.end)) return r;
  if (r.start >= edit.oldEnd && r.start > edit.start) return { start: r.start + edit.delta, end: r.end + edit.delta };
  return undefined;
}

