// Where the engine spends its time. Runs loading and analysing a generated model under
// `node --cpu-prof`, each phase in its own process, and prints the modules and functions with
// the most self time; then times each rule alone.
//   node --import tsx bench/profile.ts [SERVICES=5000] [--dense] [--keep DIR]
//   node --import tsx bench/profile.ts --lsp [SERVICES=1000]   (the language server, over edits)
//   node --import tsx bench/profile.ts --keystroke [SERVICES=1000]   (CPU time of each step of a
//     keystroke in process: re-reading with the parse cache, then the incremental analysis)
//   node --import tsx bench/profile.ts --editor [SERVICES=1000]   (the dense model, CPU time of what
//     the language server does after an edit at the top, in the middle and at the bottom, in
//     process through the service: re-read, analysis, diagnostics, outline, folding, hover)
// The .cpuprofile files (kept with --keep) open in Chrome DevTools or VS Code.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDenseModel, generateModel } from './generate.js';
import { startLspServer } from './lsp.js';
import { loadModel } from '../server/src/model/load.js';
import { analyze } from '../server/src/analysis/analyze.js';
import { createParseCache, overlayHost } from '../server/src/engine.js';
import { IncrementalAnalyzer } from '../server/src/analysis/incremental.js';
import { keystrokeEdits } from './edits.js';
import { denseEdits } from './dense.js';
import { RULES } from '../server/src/rules/index.js';
import { createMoatService } from '../server/src/service/index.js';
import { fileDiagnostics } from '../server/src/lsp/diagnostics.js';
import { documentSymbols, foldingRanges, hover } from '../server/src/lsp/features.js';
import { UriMap, pathToUri } from '../server/src/lsp/uris.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const services = Number(args.find((a) => /^\d+$/.test(a)) ?? (['--lsp', '--keystroke', '--editor'].includes(args[0]) ? 1000 : 5000));
const file = path.resolve(`/virtual/shop-${services}.moat.yaml`);
const runs = services >= 5000 ? 4 : services >= 1000 ? 10 : 50;

function load() {
  return loadModel(file, overlayHost(new Map([[file, text]])));
}
// --dense: a model at about six findings per service (generateDenseModel: 5,994 at 1,000).
const text = args.includes('--dense') ? generateDenseModel(services) : generateModel(services);

if (args[0] === '--lsp') {
  void profileServer();
} else if (args[0] === '--keystroke') {
  keystrokeSteps();
} else if (args[0] === '--editor') {
  void editorSteps();
} else if (args[0] === '--child') {
  // Inside the profiled process: only the phase asked for runs after the warm-up.
  const phase = args[1];
  if (phase === 'parse') {
    load();
    const start = performance.now();
    for (let i = 0; i < runs; i++) load();
    console.log(((performance.now() - start) / runs).toFixed(1));
  } else {
    const models = Array.from({ length: runs + 1 }, load);
    analyze(models[runs], { today: '2026-01-01' });
    const start = performance.now();
    for (let i = 0; i < runs; i++) analyze(models[i], { today: '2026-01-01' });
    console.log(((performance.now() - start) / runs).toFixed(1));
  }
} else {
  const keepIndex = args.indexOf('--keep');
  const dir = keepIndex >= 0 ? path.resolve(args[keepIndex + 1]) : fs.mkdtempSync(path.join(os.tmpdir(), 'moat-prof-'));
  fs.mkdirSync(dir, { recursive: true });
  for (const phase of ['parse', 'analysis']) {
    const before = new Set(fs.readdirSync(dir));
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', '--import', 'tsx', __filename, '--child', phase, String(services)], { encoding: 'utf8' });
    const produced = fs.readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
    console.log(`\n## ${phase}: ${r.stdout.trim()} ms per run (${services} services, ${(text.length / 1024).toFixed(0)} KB)\n`);
    if (r.status !== 0 || !produced) {
      console.log(r.stderr);
      continue;
    }
    const renamed = path.join(dir, `${phase}-${services}.cpuprofile`);
    fs.renameSync(path.join(dir, produced), renamed);
    summarise(JSON.parse(fs.readFileSync(renamed, 'utf8')) as Profile, phase === 'analysis');
  }
  perRule();
  if (keepIndex < 0) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`\nprofiles in ${dir}`);
}

function summarise(p: Profile, skipSetup: boolean): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url } = byId.get(id)!.callFrame;
    // The analysis process also loads its models first; count the analysis only.
    if (skipSetup && (/node_modules\/yaml\//.test(url) || /server\/src\/model\//.test(url) || /bench\//.test(url))) continue;
    if (functionName === '(program)' || functionName === '(idle)') continue;
    total += us;
    const where = url.replace(/.*\/node_modules\//, '').replace(/.*\/work\/main\//, '').replace(/^file:\/\/.*\/(server|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'}  ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const module = url.includes('/node_modules/') ? url.replace(/.*\/node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : url ? where.replace(/\/[^/]*$/, '') : '(gc, native)';
    byModule.set(module, (byModule.get(module) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  console.log('by module (self time):');
  for (const [k, us] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${pct(us)}  ${k}`);
  console.log('by function (self time):');
  for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${k}`);
}

/** Each rule alone, over the fixed cost of an analysis with no rules: who is slow. */
function perRule(): void {
  const model = load();
  const time = (catalogue: typeof RULES) => {
    analyze(model, { today: '2026-01-01', catalogue });
    const start = performance.now();
    for (let k = 0; k < runs; k++) analyze(model, { today: '2026-01-01', catalogue });
    return (performance.now() - start) / runs;
  };
  const base = time([]);
  const all = time(RULES);
  const rows = RULES.map((r) => [r.meta.id, time([r]) - base] as const).sort((a, b) => b[1] - a[1]);
  console.log(`\n## per rule: the whole catalogue ${all.toFixed(1)} ms, an analysis with no rules ${base.toFixed(1)} ms; each rule alone, over that:`);
  for (const [id, ms] of rows.slice(0, 12)) console.log(`  ${ms.toFixed(2).padStart(8)} ms  ${id}`);
}

/** The language server (dist/server.js, debounce off) under --cpu-prof, over a series of edits. */
async function profileServer(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-prof-lsp-'));
  const model = path.join(dir, `shop-${services}.moat.yaml`);
  fs.writeFileSync(model, text);
  const server = path.resolve(__dirname, '..', 'dist', 'server.js');
  const client = await startLspServer('moat', process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', server, '--stdio'],
    pathToFileURL(dir).href, { moat: { diagnostics: { delay: 0 } } });
  const uri = pathToFileURL(model).href;
  await client.open(uri, text);
  const times: number[] = [];
  if (args.includes('--dense')) {
    // Edits at the top, in the middle and at the bottom in turn (bench/dense.ts).
    for (const edit of denseEdits(text, 30)) times.push(await client.change(uri, edit.text));
  } else {
    let current = text;
    const at = current.indexOf('description: A web shop') + 'description: A web shop'.length;
    for (let i = 0; i < 20; i++) {
      current = current.slice(0, at) + 'x' + current.slice(at);
      times.push(await client.change(uri, current));
    }
  }
  await client.stop();
  times.sort((a, b) => a - b);
  console.log(`## language server: median ${times[times.length >> 1].toFixed(1)} ms from didChange to diagnostics (${services} services, debounce 0)\n`);
  const produced = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!produced) {
    console.log('no profile was written (the server did not exit cleanly)');
    return;
  }
  summarise(JSON.parse(fs.readFileSync(path.join(dir, produced), 'utf8')) as Profile, false);
  if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`\nprofile in ${dir}`);
}

/** CPU time of the two steps of a keystroke, by kind of edit, as the language server runs them. */
function keystrokeSteps(): void {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const cache = createParseCache();
  const analyzer = new IncrementalAnalyzer();
  const options = { today: '2026-01-01' };
  const read = (t: string) => loadModel(file, overlayHost(new Map([[file, t]])), { cache });
  analyzer.analyze(read(text), options);
  const kinds = ['a letter typed', '`tls:` switched off', '`tls:` switched on'];
  const times = kinds.map(() => ({ read: [] as number[], analysis: [] as number[], how: new Set<string>() }));
  const edits = keystrokeEdits(text, 90);
  edits.forEach((edited, k) => {
    const a = cpu();
    const model = read(edited);
    const b = cpu();
    analyzer.analyze(model, options);
    const c = cpu();
    if (k < 9) return;
    const t = times[k % 3];
    t.read.push(b - a);
    t.analysis.push(c - b);
    t.how.add(analyzer.lastReused ? 'findings reused' : analyzer.lastReach ? `rules re-run on ${analyzer.lastReach.components.size} components` : 'every rule');
  });
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  console.log(`## a keystroke in process (${services} services): CPU time, medians of ${times[0].read.length} edits each\n`);
  kinds.forEach((kind, i) => {
    const t = times[i];
    console.log(`  ${kind.padEnd(22)} re-read ${median(t.read).toFixed(1).padStart(6)} ms   analysis ${median(t.analysis).toFixed(1).padStart(6)} ms   (${[...t.how].join(', ')})`);
  });
}

/**
 * CPU time of each step the language server takes after an edit of the dense model, in process
 * through the service and the LSP conversions (no JSON, no pipe): medians by place of the edit.
 */
async function editorSteps(): Promise<void> {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-editor-'));
  const model = path.join(dir, `dense-${services}.moat.yaml`);
  const base = generateDenseModel(services);
  fs.writeFileSync(model, base);
  const service = createMoatService();
  const uris = new UriMap();
  const uri = pathToUri(model);
  service.setDocument(model, base, 1);
  await service.analysesOf(model);
  documentSymbols(service, uris, uri);
  foldingRanges(service, uris, uri);
  const steps = ['re-read', 'analysis', 'diagnostics', 'outline', 'folding', 'hover'] as const;
  const times = new Map<string, number[][]>();
  for (const [k, edit] of denseEdits(base, 33).entries()) {
    const t = [cpu()];
    service.setDocument(model, edit.text, k + 2);
    await service.model(model);
    t.push(cpu());
    const results = await service.analysesOf(model);
    t.push(cpu());
    fileDiagnostics(model, results, 'info');
    t.push(cpu());
    documentSymbols(service, uris, uri);
    t.push(cpu());
    foldingRanges(service, uris, uri);
    t.push(cpu());
    const lines = edit.text.split('\n');
    const line = lines.findIndex((l) => /tls: none, auth: none/.test(l));
    await hover(service, uris, uri, { line, character: lines[line].indexOf('svc-') + 2 });
    t.push(cpu());
    if (k < 3) continue;
    const rows = times.get(edit.where) ?? times.set(edit.where, []).get(edit.where)!;
    rows.push(steps.map((_, i) => t[i + 1] - t[i]));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  console.log(`## after an edit of the dense model (${services} services): CPU time in process, medians of ${times.get('top')?.length} edits each\n`);
  console.log(`| edit | ${steps.join(' | ')} |`);
  console.log(`| --- |${steps.map(() => ' ---: |').join('')}`);
  for (const [where, rows] of times) console.log(`| ${where} | ${steps.map((_, i) => `${median(rows.map((r) => r[i])).toFixed(1)} ms`).join(' | ')} |`);
}
