// The bench at a realistic density of findings (about six per service, generateDenseModel): what
// a keystroke costs in the editor at 1,000 services with edits near the top, in the middle and
// at the bottom; hover, definition, references, code actions on a line with several findings,
// outline and folding, each asked for right after an edit as the editor asks; and `moat check`
// at 5,000 services in every output format. Run alone with `node --import tsx bench/dense.ts
// [--quick] [--json]`, or as part of `npm run bench` (in a process of its own).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDenseModel } from './generate.js';
import { startLspServer } from './lsp.js';
import { countOf } from '../server/src/service/symbols.js';

const ROOT = path.resolve(__dirname, '..');

export interface DenseRow {
  what: string;
  services: number;
  ms: number;
  target?: { ms: number; op: '<' | '<=' };
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Edits in turn near the top (a letter in the description), in the middle and at the bottom (a call's `tls:` switched). */
export function denseEdits(text: string, count: number): { text: string; where: 'top' | 'middle' | 'bottom' }[] {
  const out: { text: string; where: 'top' | 'middle' | 'bottom' }[] = [];
  let current = text;
  const desc = 'description: Every service owns a database';
  const toggle = (from: number) => {
    const i = current.indexOf('tls: mtls', from);
    const j = current.indexOf('tls: none', from);
    // Whichever comes first after `from`: switched off, then back on.
    if (i >= 0 && (j < 0 || i < j)) current = current.slice(0, i) + 'tls: none' + current.slice(i + 9);
    else if (j >= 0) current = current.slice(0, j) + 'tls: mtls' + current.slice(j + 9);
  };
  for (let k = 0; k < count; k++) {
    const where = (['top', 'middle', 'bottom'] as const)[k % 3];
    if (where === 'top') {
      const at = current.indexOf(desc) + desc.length;
      current = current.slice(0, at) + 'x' + current.slice(at);
    } else if (where === 'middle') toggle(Math.floor(current.length / 2));
    else toggle(current.length - 2000);
    out.push({ text: current, where });
  }
  return out;
}

export async function benchDense(options: { quick?: boolean } = {}): Promise<DenseRow[]> {
  const rows: DenseRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-dense-'));
  try {
    await editor(tmp, options.quick ? 9 : 30, rows);
    check(tmp, options.quick ? 1 : 3, rows);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

async function editor(tmp: string, edits: number, rows: DenseRow[]): Promise<void> {
  const n = 1000;
  const server = path.join(ROOT, 'dist', 'server.js');
  const file = path.join(tmp, `dense-${n}.moat.yaml`);
  const base = generateDenseModel(n);
  fs.writeFileSync(file, base);
  const uri = pathToFileURL(file).href;
  const client = await startLspServer('moat', process.execPath, [server, '--stdio'], pathToFileURL(tmp).href);
  try {
    await client.open(uri, base);
    const byWhere = new Map<string, number[]>();
    const asked = new Map<string, number[]>();
    let listed = 0;
    let fixAllEdits = 0;
    let fixAllTitle = '';
    const time = (what: string, ms: number) => (asked.get(what) ?? asked.set(what, []).get(what)!).push(ms);
    for (const [k, edit] of denseEdits(base, edits + 3).entries()) {
      const ms = await client.change(uri, edit.text);
      if (k < 3) continue;
      (byWhere.get(edit.where) ?? byWhere.set(edit.where, []).get(edit.where)!).push(ms);
      // What the editor asks for after an edit, on the new text.
      const lines = edit.text.split('\n');
      // A reference on a call with findings, among those the editor is shown (the most serious thousand).
      const line = lines.findIndex((l) => /tls: none, auth: none/.test(l));
      const character = lines[line].indexOf('svc-') + 2;
      const position = { line, character };
      const textDocument = { uri };
      const outline = await client.request('textDocument/documentSymbol', { textDocument });
      time('outline (documentSymbol)', outline.ms);
      listed = countOf(outline.result as Parameters<typeof countOf>[0]);
      time('folding ranges', (await client.request('textDocument/foldingRange', { textDocument })).ms);
      time('hover on a reference', (await client.request('textDocument/hover', { textDocument, position })).ms);
      time('go to definition', (await client.request('textDocument/definition', { textDocument, position })).ms);
      time('find references', (await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } })).ms);
      // Code actions on the line with the most findings the editor shows (three on this model).
      const shown = client.lastDiagnostics(uri) as { range: { start: { line: number } } }[];
      const perLine = new Map<number, number>();
      for (const d of shown) perLine.set(d.range.start.line, (perLine.get(d.range.start.line) ?? 0) + 1);
      const busiest = [...perLine].reduce((a, b) => (b[1] > a[1] ? b : a), [line, 0])[0];
      const diagnostics = shown.filter((d) => d.range.start.line === busiest);
      const range = { start: { line: busiest, character: 0 }, end: { line: busiest, character: lines[busiest].length } };
      const actions = await client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics } });
      time(`code actions on a line with ${diagnostics.length} findings`, actions.ms);
      // "Fix all" is worked out when chosen (codeAction/resolve): the rule's every safe fix in the file.
      if (k % 3 === 0) {
        const fixAll = (actions.result as { title: string; edit?: unknown }[]).filter((a) => a.title.startsWith('Fix all ') && !a.edit);
        for (const action of fixAll.slice(0, 1)) {
          const resolved = await client.request('codeAction/resolve', action);
          const edits = ((resolved.result as { edit?: { documentChanges?: { edits: unknown[] }[]; changes?: Record<string, unknown[]> } }).edit);
          fixAllEdits = edits?.documentChanges?.reduce((m, d) => m + d.edits.length, 0) ?? Object.values(edits?.changes ?? {}).reduce((m, e) => m + e.length, 0);
          fixAllTitle = action.title;
          time('fix all, worked out when chosen (codeAction/resolve)', resolved.ms);
        }
      }
    }
    const all = [...byWhere.values()].flat();
    rows.push({ what: 'keystroke → diagnostics, edits at the top, middle and bottom in turn (LSP)', services: n, ms: median(all), target: { ms: 50, op: '<=' } });
    for (const [where, times] of byWhere) rows.push({ what: `keystroke → diagnostics, edit at the ${where}`, services: n, ms: median(times) });
    for (const [what, times] of asked) {
      if (what.startsWith('fix all')) {
        // No target: the editor shows progress while it applies a chosen action.
        rows.push({ what: `${what}, right after an edit`, services: n, ms: median(times), note: `${fixAllTitle}: ${fixAllEdits} edit${fixAllEdits === 1 ? '' : 's'}` });
        continue;
      }
      const target = what.startsWith('code actions') ? 50 : 20;
      const note = what.startsWith('outline') ? `${listed.toLocaleString('en-US')} symbols listed, moat.outline.maxSymbols at its default` : undefined;
      rows.push({ what: `${what}, right after an edit`, services: n, ms: median(times), target: { ms: target, op: '<=' }, note });
    }
  } finally {
    await client.stop();
  }
}

function check(tmp: string, runs: number, rows: DenseRow[]): void {
  const n = 5000;
  const file = path.join(tmp, `dense-${n}.moat.yaml`);
  fs.writeFileSync(file, generateDenseModel(n));
  const cli = path.join(ROOT, 'bin', 'moat.js');
  for (const format of ['json', 'sarif', 'stylish', 'junit', 'github', 'markdown']) {
    const times: number[] = [];
    let note: string | undefined;
    for (let k = 0; k < runs; k++) {
      const start = performance.now();
      const r = spawnSync(process.execPath, [cli, 'check', file, '--format', format, '-o', path.join(tmp, `out.${format}`)], { encoding: 'utf8' });
      times.push(performance.now() - start);
      if (r.status !== 0 && r.status !== 1) note = `exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`;
    }
    const findings = format === 'json' ? countJsonFindings(path.join(tmp, 'out.json')) : undefined;
    rows.push({ what: `\`moat check --format ${format}\` (process)`, services: n, ms: median(times), target: { ms: 2000, op: '<' }, note: note ?? (findings ? `${findings} findings` : undefined) });
  }
}

function countJsonFindings(file: string): number | undefined {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { models?: { findings?: unknown[] }[] };
    return report.models?.reduce((a, m) => a + (m.findings?.length ?? 0), 0);
  } catch {
    return undefined;
  }
}

export function formatDense(rows: DenseRow[]): string {
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const lines = ['| measure (dense model: about six findings per service) | services | median | target |', '| --- | ---: | ---: | --- |'];
  for (const r of rows) {
    const met = r.target ? (r.target.op === '<' ? r.ms < r.target.ms : r.ms <= r.target.ms) : undefined;
    lines.push(`| ${r.what}${r.note ? ` (${r.note})` : ''} | ${r.services.toLocaleString('en')} | ${fmt(r.ms)} ms | ${r.target ? `${r.target.op} ${r.target.ms} ms ${met ? 'met' : '**missed**'}` : ''} |`);
  }
  return lines.join('\n');
}

/**
 * The dense bench in a process of its own (`npm run bench` runs it so): the client's times are
 * its own, not those of a driver whose heap holds the models of every bench before.
 */
export function benchDenseApart(options: { quick?: boolean } = {}): DenseRow[] {
  const args = ['--import', 'tsx', __filename, '--json', ...(options.quick ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bench/dense.ts exited with ${r.status}: ${r.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(r.stdout) as DenseRow[];
}

if (require.main === module) {
  const json = process.argv.includes('--json');
  benchDense({ quick: process.argv.includes('--quick') }).then((rows) => console.log(json ? JSON.stringify(rows) : formatDense(rows)), (err) => {
    console.error(err);
    process.exit(1);
  });
}
