// What `moat paths` shows, as data first (the JSON document), then as text, Markdown and
// Mermaid. Pure: the CLI loads the model and writes the result.

import type { Flow, Model } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';
import { allPathsTo, attackPaths, byWeakness, controlsInTheWay, judgedTarget } from './attack.js';
import type { JudgedTarget } from './attack.js';
import type { BlastRadius } from './blast-radius.js';
import { isLock } from './weakest.js';
import type { AttackPath } from './weakest.js';
import { locksText, pathText } from './describe.js';
import type { PathMarks } from './highlight.js';

export interface HopJson {
  from: string;
  to: string;
  flow: string;
  protocol: string;
  tls: string | null;
  auth: string | null;
  lock: boolean;
}

export interface TargetJson {
  target: string;
  data: string[];
  reachable: boolean;
  depth: number | null;
  path?: HopJson[];
  paths?: HopJson[][];
}

/** The targets of `moat paths`, and how each is reached. */
export interface PathsReport {
  targets: { id: string; data: string[]; reachable: boolean; depth?: number; paths: AttackPath[] }[];
  all: boolean;
  /** With `--all`: false when a target's enumeration stopped at its step budget. */
  complete: boolean;
}

export type PathsSelection = { to?: { component: string } | { data: string }; all?: boolean };

/**
 * The judged components (or those `--to` names), weakest first, unreachable last: the weakest
 * path of each, or with `all` every path up to 12 flows (at most 20 each).
 */
export function pathsReport(graph: ModelGraph, selection: PathsSelection = {}): PathsReport {
  const model = graph.model;
  const attack = attackPaths(graph);
  let targets: JudgedTarget[];
  const to = selection.to;
  if (to && 'component' in to) {
    const c = model.services.get(to.component)!;
    targets = [judgedTarget(c, attack.search, attack.longPathTo)];
  } else if (to && 'data' in to) {
    targets = [...graph.components()].filter((c) => c.stores.includes(to.data))
      .map((c) => judgedTarget(c, attack.search, attack.longPathTo));
  } else {
    targets = attack.judged;
  }
  let complete = true;
  const rows = byWeakness(targets).map((t) => {
    const id = t.component.id;
    const reachable = attack.search.reaches(id);
    let paths: AttackPath[] = t.weakest ? [t.weakest] : [];
    if (selection.all && reachable) {
      const found = allPathsTo(graph, attack.search, id);
      paths = found.paths;
      complete &&= found.complete;
    }
    return { id, data: [...t.component.stores], reachable, depth: reachable ? attack.search.depth(id) : undefined, paths };
  });
  return { targets: rows, all: selection.all === true, complete };
}

function hopJson(flow: Flow): HopJson {
  return { from: flow.from, to: flow.to, flow: flow.target, protocol: flow.protocol, tls: flow.effectiveTls ?? null, auth: flow.auth ?? null, lock: isLock(flow) };
}

export function pathsJson(report: PathsReport): { targets: TargetJson[] } {
  return { targets: report.targets.map((t) => targetJson(report, t)) };
}

function targetJson(report: PathsReport, t: PathsReport['targets'][number]): TargetJson {
  const base = { target: t.id, data: t.data, reachable: t.reachable, depth: t.depth ?? null };
  if (report.all) return { ...base, paths: t.paths.map((p) => p.flows.map(hopJson)) };
  return { ...base, path: (t.paths[0]?.flows ?? []).map(hopJson) };
}

/** The JSON document of pathsJson, written as JSON.stringify(…, null, 2) writes it, a target at a time. */
export function* pathsJsonPieces(report: PathsReport): Generator<string> {
  const { targets } = report;
  if (targets.length === 0) {
    yield '{\n  "targets": []\n}\n';
    return;
  }
  yield '{\n  "targets": [\n';
  for (let i = 0; i < targets.length; i++) {
    yield `    ${JSON.stringify(targetJson(report, targets[i]), null, 2).replace(/\n/g, '\n    ')}${i < targets.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}

export function blastJson(radius: BlastRadius): { from: string; exposed: BlastRadius['exposed']; takenOver: string[]; reach: BlastRadius['reach'] } {
  return { from: radius.from, exposed: radius.exposed, takenOver: radius.takenOver, reach: radius.reach };
}

/** `https, tls, auth oidc`; `auth ?` when the model leaves it out. */
function hopFacts(flow: Flow): string {
  return `${flow.protocol}, ${flow.effectiveTls ?? 'tls ?'}, auth ${flow.auth ?? '?'}`;
}

/** The controls in the way of each hop, worked out once per callee: long paths share their hops. */
function controlsOnce(graph: ModelGraph): (flow: Flow) => string[] {
  const known = new Map<string, string[]>();
  return (flow) => {
    let controls = known.get(flow.to);
    if (!controls) known.set(flow.to, (controls = controlsInTheWay(graph, flow)));
    return controls;
  };
}

function hopLines(inTheWay: (flow: Flow) => string[], path: AttackPath, indent: string): string[] {
  return path.flows.map((f, i) => {
    const controls = inTheWay(f);
    const lock = isLock(f) ? 'lock' : 'open';
    return `${indent}${i + 1}. ${f.from} → ${f.to} (${hopFacts(f)}; ${lock})${controls.length > 0 ? `; in the way: ${controls.join(', ')}` : ''}`;
  });
}

function dataNote(model: Model, ids: readonly string[]): string {
  if (ids.length === 0) return '';
  return ` — stores ${ids.map((id) => `${id} (${model.data.get(id)?.classification ?? '?'})`).join(', ')}`;
}

/**
 * The text view, a piece at a time: the weakest paths of a large model run to hundreds of hops
 * each, and the whole view to hundreds of megabytes, more than one string may hold.
 */
export function* pathsTextPieces(graph: ModelGraph, report: PathsReport): Generator<string> {
  const model = graph.model;
  const origins = [...attackPaths(graph).search.origins];
  const lines = new LineWriter();
  yield* lines.write(`Attack paths from the internet (origins: ${origins.length > 0 ? origins.join(', ') : 'none'})`, '');
  const inTheWay = controlsOnce(graph);
  const unreachable: string[] = [];
  for (const t of report.targets) {
    if (!t.reachable) {
      unreachable.push(t.id);
      continue;
    }
    if (t.paths.length === 0) {
      yield* lines.write(`${t.id}: an origin itself${dataNote(model, t.data)}`, '');
      continue;
    }
    const target = [`${t.id}: ${locksText(t.depth!)}${dataNote(model, t.data)}`];
    t.paths.forEach((p, i) => {
      target.push(report.all ? `  path ${i + 1}: ${pathText(p)} (${locksText(p.depth)})` : `  ${pathText(p)}`, ...hopLines(inTheWay, p, '    '));
    });
    yield* lines.write(...target, '');
  }
  if (unreachable.length > 0) yield* lines.write(`Unreachable from the internet: ${unreachable.join(', ')}`, '');
  if (report.targets.length === 0) yield* lines.write('Nothing to reach: no component stores sensitive data, and there is no secrets manager or monitoring.', '');
  if (!report.complete) yield* lines.write('(--all stopped early on some targets: the model has too many paths to list them all)', '');
  yield* lines.end();
}

export function pathsText(graph: ModelGraph, report: PathsReport): string {
  return [...pathsTextPieces(graph, report)].join('');
}

/**
 * Lines written out as they come, one piece per call, as `lines.join('\n')` with the blank
 * lines at the end dropped and one newline after the last: blank lines are held until a line
 * follows them.
 */
class LineWriter {
  private started = false;
  private blanks = 0;

  *write(...lines: string[]): Generator<string> {
    let piece = '';
    for (const line of lines) {
      if (line === '') {
        this.blanks++;
        continue;
      }
      piece += `${this.started ? '\n' : ''}${'\n'.repeat(this.blanks)}${line}`;
      this.started = true;
      this.blanks = 0;
    }
    if (piece !== '') yield piece;
  }

  *end(): Generator<string> {
    yield '\n';
  }
}

const cell = (t: string) => t.replace(/\|/g, '\\|');

/** The Markdown view, a piece at a time (see pathsTextPieces). */
export function* pathsMarkdownPieces(graph: ModelGraph, report: PathsReport): Generator<string> {
  const model = graph.model;
  const lines = new LineWriter();
  let out: string[] = ['# Attack paths to sensitive data', ''];
  const origins = [...attackPaths(graph).search.origins];
  const inTheWay = controlsOnce(graph);
  out.push(`Origins (components in untrusted boundaries): ${origins.length > 0 ? origins.map((o) => `\`${o}\``).join(', ') : 'none'}. A lock is a flow that authenticates its caller; \`?\` marks an \`auth\` the model leaves out, counted as a lock.`, '');
  for (const t of report.targets) {
    yield* lines.write(...out);
    out = [];
    out.push(`## \`${t.id}\``, '');
    if (t.data.length > 0) out.push(`Stores ${t.data.map((id) => `\`${id}\` (${model.data.get(id)?.classification ?? '?'})`).join(', ')}.`, '');
    if (!t.reachable) {
      out.push('Unreachable from the internet.', '');
      continue;
    }
    t.paths.forEach((p, i) => {
      out.push(`${report.all ? `Path ${i + 1}: ` : 'Weakest path: '}${pathText(p)}, ${locksText(p.depth)}.`, '');
      out.push('| # | From | To | Protocol | TLS | Auth | Lock | In the way |', '| ---: | --- | --- | --- | --- | --- | --- | --- |');
      p.flows.forEach((f, k) => {
        out.push(`| ${k + 1} | \`${cell(f.from)}\` | \`${cell(f.to)}\` | ${cell(f.protocol)} | ${f.effectiveTls ?? '?'} | ${f.auth ?? '?'} | ${isLock(f) ? 'yes' : '**no**'} | ${inTheWay(f).join(', ')} |`);
      });
      out.push('');
    });
  }
  yield* lines.write(...out);
  yield* lines.end();
}

export function pathsMarkdown(graph: ModelGraph, report: PathsReport): string {
  return [...pathsMarkdownPieces(graph, report)].join('');
}

export function blastText(radius: BlastRadius): string {
  const out: string[] = [`Blast radius of ${radius.from}`, ''];
  if (radius.escape) out.push(`The container escapes to the host: ${radius.escape}.`, '');
  out.push(radius.takenOver.length > 0 ? `Taken over with it: ${radius.takenOver.join(', ')}` : 'Taken over with it: nothing else', '');
  if (radius.exposed.length === 0) out.push('Data exposed: none');
  else {
    out.push('Data exposed:');
    for (const e of radius.exposed) out.push(`  ${e.data} (${e.classification}): ${e.how.join('; ')}`);
  }
  out.push('');
  if (radius.reach.length === 0) out.push('Within reach: nothing');
  else {
    out.push('Within reach:');
    for (const r of radius.reach) out.push(`  ${r.id}: ${locksText(r.locks)}`);
  }
  return `${out.join('\n')}\n`;
}

export function blastMarkdown(radius: BlastRadius): string {
  const out: string[] = [`# Blast radius of \`${radius.from}\``, ''];
  if (radius.escape) out.push(`The container escapes to the host: ${radius.escape}.`, '');
  out.push(`Taken over with it: ${radius.takenOver.length > 0 ? radius.takenOver.map((t) => `\`${t}\``).join(', ') : 'nothing else'}.`, '');
  out.push('## Data exposed', '');
  if (radius.exposed.length === 0) out.push('None.', '');
  else {
    out.push('| Data | Classification | How |', '| --- | --- | --- |');
    for (const e of radius.exposed) out.push(`| \`${cell(e.data)}\` | ${e.classification} | ${cell(e.how.join('; '))} |`);
    out.push('');
  }
  out.push('## Within reach', '');
  if (radius.reach.length === 0) out.push('Nothing.', '');
  else {
    out.push('| Component | Locks in the way |', '| --- | ---: |');
    for (const r of radius.reach) out.push(`| \`${cell(r.id)}\` | ${r.locks} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The weakest paths listed, as marks over the diagram. */
export function pathsMarks(report: PathsReport): PathMarks {
  const marks: PathMarks = { components: {}, flows: [] };
  for (const t of report.targets) {
    for (const p of t.paths) {
      marks.components[p.origin] = 'on';
      for (const f of p.flows) {
        marks.components[f.to] = 'on';
        marks.flows.push(f.target);
      }
    }
  }
  return marks;
}

/** A blast radius as marks: where it starts, what falls with it, what is in reach, and the flows between them. */
export function blastMarks(graph: ModelGraph, radius: BlastRadius): PathMarks {
  const marks: PathMarks = { components: { [radius.from]: 'on' }, flows: [] };
  for (const id of radius.takenOver) marks.components[id] = 'taken';
  for (const r of radius.reach) marks.components[r.id] = 'reach';
  marks.flows = graph.model.flows.filter((f) => f.from in marks.components && f.to in marks.components).map((f) => f.target);
  return marks;
}
