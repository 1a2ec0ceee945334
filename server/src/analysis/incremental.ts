// Analysis for the editor, where most keystrokes leave the model's meaning as it was: typing a
// description, a comment, whitespace, or a value that is not valid yet. When the model means what
// it meant last time, the rules' findings are reused with their ranges moved past the edit; only
// overrides, acceptances and the acceptance rules run again. Anything else runs in full.

import type { Component, Controls, Finding, Flow, Model, PropSource, Source, TextRange } from '../model/types.js';
import { ModelGraph } from './graph.js';
import { finishAnalysis, runRules, todayUtc } from './analyze.js';
import type { Analysis, AnalysisOptions } from './analyze.js';

interface Previous {
  signature: string;
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
    const signature = modelSignature(model);
    const optionsKey = JSON.stringify([[...(options.rules ?? [])], options.catalogue?.map((r) => r.meta.id) ?? null]);
    const texts = new Map([...model.files].map(([file, f]) => [file, f.text]));
    let ruleFindings: Finding[] | undefined;
    const prev = this.previous;
    if (prev && prev.signature === signature && prev.optionsKey === optionsKey) {
      ruleFindings = moveFindings(prev.ruleFindings, prev.texts, texts);
    }
    this.lastReused = ruleFindings !== undefined;
    ruleFindings ??= runRules(model, graph, options);
    this.previous = { signature, optionsKey, texts, ruleFindings };
    // Acceptances mark findings; the kept copies stay unmarked.
    const fresh = ruleFindings.map((f) => ({ ...f }));
    return finishAnalysis(model, graph, fresh, { ...options, today: options.today ?? todayUtc() });
  }
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

/**
 * Everything rules read, without where it is written: two models with the same signature get
 * the same findings, up to their ranges.
 */
export function modelSignature(model: Model): string {
  const out: string[] = [String(model.analyzable), ...model.files.keys()];
  for (const b of model.boundaries.values()) out.push(`B${b.id}|${b.trust}|${b.within ?? ''}|${b.implicit}|${b.src ? src(b.src) : ''}`);
  for (const d of model.data.values()) out.push(`D${d.id}|${d.classification}|${d.pii}|${src(d.src)}`);
  for (const r of model.roles.values()) {
    out.push(`R${r.id}|${src(r.src)}|${r.grants.map((g) => `${g.target}:${g.actions.join(',')}:${shape(g.src)}`).join(';')}`);
  }
  for (const s of model.services.values()) out.push(service(s));
  out.push(`C${controls(model.controls)}`);
  return out.join('\n');
}

function service(s: Component): string {
  const rt = s.runtime;
  const runtime = rt
    ? [rt.image, rt.user, rt.privileged, rt.readOnlyFs, rt.limits?.cpu, rt.limits?.memory, rt.hostNetwork, rt.hostPid,
      rt.mounts.join(','), rt.platform, rt.sharedWith.join(','), shape(rt.src)].join('|')
    : '';
  return [
    `S${s.id}`, s.kind, s.boundary, src(s.src), s.stores.join(','), s.roles.join(','), controls(s.controls), runtime,
    s.secrets.map((v) => `${v.name}=${v.value}`).join(';'), s.env.map((v) => `${v.name}=${v.value}`).join(';'),
    ...s.calls.map(flow),
  ].join('|');
}

function flow(f: Flow): string {
  return `F${f.to}|${f.id ?? ''}|${f.target}|${f.protocol}|${f.port ?? ''}|${f.tls ?? ''}|${f.effectiveTls ?? ''}|${f.auth ?? ''}|${f.access}|${f.data.join(',')}|${f.async}|${controls(f.controls)}|${[...f.src.props.keys()].join(',')}`;
}

function controls(c: Controls): string {
  let out = '';
  for (const [name, v] of c) out += `${name}=${v.enabled}:${v.detail ?? ''};`;
  return out;
}

/** Which properties are written (rules point at a property when it is there). */
function src(s: Source): string {
  let out = s.file;
  for (const [k, p] of s.props) out += `,${k}${p.entries ? `{${[...p.entries.keys()].join(',')}}` : ''}${p.items ? `[${p.items.length}]` : ''}`;
  return out;
}

function shape(p: PropSource): string {
  return `${p.entries ? [...p.entries.keys()].join(',') : ''}[${p.items?.length ?? 0}]`;
}
