// `npm run bench`: how fast Moat reads and analyses models of 100, 1,000 and 5,000 services,
// end to end on the command line, and as you type in the editor, next to the bare `yaml`
// parser and yaml-language-server. Prints a table; `--write` also records it in bench/RESULTS.md.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { generateModel } from './generate.js';
import { keystrokeEdits } from './edits.js';
import { startLspServer } from './lsp.js';
import { benchPaths } from './paths.js';
import { benchDenseApart, formatDense } from './dense.js';
import type { LspClient } from './lsp.js';
import { loadModel } from '../server/src/model/load.js';
import { analyze } from '../server/src/analysis/analyze.js';
import { createParseCache, overlayHost } from '../server/src/engine.js';
import { benchImport } from './import.js';
import { benchDrift, benchDriftKeystroke } from './drift.js';

const ROOT = path.resolve(__dirname, '..');
const SIZES = [100, 1000, 5000];
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');

interface Row {
  what: string;
  services: number;
  ms: number;
  /** A second number to compare with (the baseline), and its label. */
  baseline?: { label: string; ms: number };
  target?: { ms: number; op: '<' | '<=' };
  note?: string;
}
const rows: Row[] = [];
const notes: string[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of `runs` timings of `fn`, after `warmup` untimed calls. */
function timeIt(fn: () => void, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function runsFor(n: number): number {
  if (quick) return 3;
  return n <= 100 ? 30 : n <= 1000 ? 10 : 5;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-'));
const files = new Map<number, string>();
const texts = new Map<number, string>();
for (const n of SIZES) {
  const text = generateModel(n);
  const file = path.join(tmp, `shop-${n}.moat.yaml`);
  fs.writeFileSync(file, text);
  files.set(n, file);
  texts.set(n, text);
}

// --- engine, in process --------------------------------------------------------------------
for (const n of SIZES) {
  const text = texts.get(n)!;
  const file = files.get(n)!;
  const host = overlayHost(new Map([[file, text]]));
  const runs = runsFor(n);
  const bare = timeIt(() => parseDocument(text), runs);
  const parse = timeIt(() => loadModel(file, host), runs);
  const models = Array.from({ length: runs + 2 }, () => loadModel(file, host));
  let i = 0;
  const analysis = timeIt(() => analyze(models[i++], { today: '2026-01-01' }), runs);
  const findings = analyze(loadModel(file, host), { today: '2026-01-01' }).findings.length;
  rows.push({ what: 'parse (YAML → model)', services: n, ms: parse, baseline: { label: 'yaml parseDocument', ms: bare }, note: `${(text.length / 1024).toFixed(0)} KB` });
  rows.push({ what: 'analysis (rules, acceptances)', services: n, ms: analysis, note: `${findings} findings` });

  // What the editor does on a keystroke: re-read with the parse cache, then analyse.
  const edits = keystrokeEdits(text, runs + 3);
  const cache = createParseCache();
  loadModel(file, host, { cache });
  let k = 0;
  const reread = timeIt(() => {
    const edited = edits[k++ % edits.length];
    loadModel(file, overlayHost(new Map([[file, edited]])), { cache });
  }, runs, 3);
  rows.push({ what: 're-read after a one-line edit (parse cache)', services: n, ms: reread, baseline: { label: 'cold parse', ms: parse } });
}

// Merge keys are common (`<<: *defaults`); every alias is resolved against the whole document.
for (const n of [100, 1000]) {
  const text = withMergeKeys(texts.get(n)!);
  const file = path.join(tmp, `merge-${n}.moat.yaml`);
  const host = overlayHost(new Map([[file, text]]));
  const merges = (text.match(/<<: \*runtime-defaults/g) ?? []).length;
  const plain = rows.find((r) => r.what.startsWith('parse') && r.services === n)!.ms;
  const ms = timeIt(() => loadModel(file, host), quick || n >= 1000 ? 1 : 5, 1);
  rows.push({ what: `parse with a merge key in ${merges} runtimes`, services: n, ms, baseline: { label: 'without', ms: plain } });
}

/** The generated model with shared runtime settings merged in through an anchor, as docker-compose users write it. */
function withMergeKeys(text: string): string {
  return text
    .replace('\ncontrols:\n', '\nx-runtime: &runtime-defaults\n  platform: kubernetes\n  read-only-fs: true\n\ncontrols:\n')
    .replace(/      platform: kubernetes\n/g, '      <<: *runtime-defaults\n');
}

// --- the CLI, end to end ---------------------------------------------------------------------
const built = build();
const cli = path.join(ROOT, 'bin', 'moat.js');
if (fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
  for (const n of [100, 5000]) {
    const file = files.get(n)!;
    const times: number[] = [];
    let failure: string | undefined;
    const runs = quick ? 2 : n <= 100 ? 10 : 5;
    for (let k = 0; k < runs + 1; k++) {
      const start = performance.now();
      const r = spawnSync(process.execPath, [cli, 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const ms = performance.now() - start;
      if (r.status !== 0 && r.status !== 1) failure = `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
      if (k > 0) times.push(ms);
    }
    rows.push({ what: '`moat check --format json` (process)', services: n, ms: median(times), target: { ms: n <= 100 ? 300 : 2000, op: '<' }, note: failure });
  }
} else notes.push('`moat check` not measured: dist/cli.js does not exist (server/src/cli is not written yet).');

// --- attack paths: the rules and the hover per keystroke, `moat paths` at 5,000 ----------------
rows.push(...benchPaths(files, { quick, cli: fs.existsSync(path.join(ROOT, 'dist', 'cli.js')) ? cli : undefined }));

// --- keystroke to diagnostics over LSP ------------------------------------------------------
const rssRows: Row[] = [];
async function keystrokes(): Promise<void> {
  const server = path.join(ROOT, 'dist', 'server.js');
  const yamlLs = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  const servers: { name: string; start: () => Promise<LspClient> }[] = [];
  const rootUri = pathToFileURL(tmp).href;
  // Moat as the extension starts it, with its default settings (no debounce).
  if (fs.existsSync(server)) servers.push({ name: 'moat', start: () => startLspServer('moat', process.execPath, [server, '--stdio'], rootUri) });
  else notes.push('Keystroke latency of Moat not measured: dist/server.js does not exist (server/src/lsp is not written yet).');
  servers.push({
    name: 'yaml-language-server',
    start: () => startLspServer('yaml-language-server', process.execPath, [yamlLs, '--stdio'], rootUri, {
      yaml: { validate: true, schemaStore: { enable: false }, format: { enable: false }, hover: false, completion: false },
    }),
  });
  const results = new Map<string, Map<number, number>>();
  for (const s of servers) results.set(s.name, new Map());
  const modes = new Map<string, Set<string>>();
  for (const n of [100, 1000]) {
    const file = files.get(n)!;
    const uri = pathToFileURL(file).href;
    const base = texts.get(n)!;
    const edits = keystrokeEdits(base, quick ? 6 : 30);
    for (const s of servers) {
      let client: LspClient | undefined;
      try {
        client = await s.start();
        await client.open(uri, base);
        const times: number[] = [];
        const byKind: number[][] = [[], [], []];
        for (let k = 0; k < edits.length; k++) {
          const ms = await client.change(uri, edits[k]);
          if (k < 3) continue;
          times.push(ms);
          byKind[k % 3].push(ms);
        }
        results.get(s.name)!.set(n, median(times));
        if (s.name === 'moat') {
          rows.push({ what: 'keystroke → diagnostics, a letter typed (findings reused, report `unchanged`)', services: n, ms: median(byKind[0]) });
          rows.push({ what: 'keystroke → diagnostics, `tls:` switched (rules re-run where the edit reached, full report)', services: n, ms: median([...byKind[1], ...byKind[2]]) });
        }
        if (n === 1000) {
          const target = s.name === 'moat' ? { ms: 150, op: '<' as const } : undefined;
          rssRows.push({ what: `server RSS right after the edits (${s.name}, MB)`, services: n, ms: client.rss() / (1024 * 1024) });
          // What the server settles at once the typist pauses (Moat collects after a second idle).
          await new Promise((resolve) => setTimeout(resolve, 2500));
          rssRows.push({ what: `server RSS 2.5 s after the edits (${s.name}, MB)`, services: n, ms: client.rss() / (1024 * 1024), target });
        }
        let seen = modes.get(s.name);
        if (!seen) modes.set(s.name, (seen = new Set()));
        seen.add(client.mode);
      } catch (err) {
        notes.push(`${s.name} at ${n} services failed: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        await client?.stop().catch(() => undefined);
      }
    }
  }
  for (const [name, seen] of modes) notes.push(`${name} gives diagnostics by ${[...seen].join(' and ')}.`);
  for (const n of [100, 1000]) {
    const yls = results.get('yaml-language-server')?.get(n);
    const moat = results.get('moat')?.get(n);
    if (moat !== undefined) {
      rows.push({
        what: 'keystroke → diagnostics (LSP, moat as shipped)', services: n, ms: moat,
        baseline: yls !== undefined ? { label: 'yaml-language-server', ms: yls } : undefined,
        target: { ms: n <= 100 ? 20 : 50, op: '<=' },
      });
    }
    if (yls !== undefined) rows.push({ what: 'keystroke → diagnostics (yaml-language-server, 200 ms debounce)', services: n, ms: yls });
  }
}

// --- the diagram ---------------------------------------------------------------------------
let diagramTable = '';
async function diagram(): Promise<void> {
  const file = path.join(ROOT, 'bench', 'diagram.ts');
  if (!fs.existsSync(file)) {
    notes.push('Diagram not measured: bench/diagram.ts does not exist yet.');
    return;
  }
  const mod = (await import(pathToFileURL(file).href)) as {
    benchDiagram?: (options?: { sizes?: number[] }) => Promise<unknown>;
    formatDiagramBench?: (bench: unknown) => string;
  };
  if (typeof mod.benchDiagram !== 'function' || typeof mod.formatDiagramBench !== 'function') {
    notes.push('Diagram not measured: bench/diagram.ts exports no `benchDiagram()` and `formatDiagramBench()`.');
    return;
  }
  try {
    diagramTable = mod.formatDiagramBench(await mod.benchDiagram(quick ? { sizes: [60] } : undefined));
  } catch (err) {
    notes.push(`Diagram not measured: ${(err as Error).message.split('\n')[0]}`);
  }
}

function build(): boolean {
  // Measure the code as it is now, not a stale bundle.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) notes.push(`The build failed (${(r.stderr || r.stdout).trim().split('\n')[0]}); the existing dist/ was measured.`);
  return r.status === 0;
}

function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  // Other work on the machine slows every number; the load average says how much there was.
  return `Node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.platform()} ${os.release()}; ` +
    `load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

function safeRead(f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function table(all: Row[]): string {
  const lines = ['| measure | services | median | compared with | ratio (this ÷ that) | target |', '| --- | ---: | ---: | --- | ---: | --- |'];
  for (const r of all) {
    const unit = r.what.includes('MB') ? ' MB' : ' ms';
    const ratio = r.baseline ? `${(r.ms / r.baseline.ms).toFixed(2)}×` : '';
    const cmp = r.baseline ? `${r.baseline.label}: ${fmt(r.baseline.ms)}${unit}` : '';
    const met = r.target ? (r.target.op === '<' ? r.ms < r.target.ms : r.ms <= r.target.ms) : undefined;
    const target = r.target ? `${r.target.op} ${r.target.ms}${unit} ${met ? 'met' : '**missed**'}` : '';
    lines.push(`| ${r.what}${r.note ? ` (${r.note})` : ''} | ${r.services.toLocaleString('en')} | ${fmt(r.ms)}${unit} | ${cmp} | ${ratio} | ${target} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  void built;
  await keystrokes();
  // At about six findings per service (bench/dense.ts): the editor's requests and every output format.
  let denseTable = '';
  try {
    denseTable = formatDense(benchDenseApart({ quick }));
  } catch (err) {
    notes.push(`The dense bench failed: ${(err as Error).message.split('\n')[0]}`);
  }
  await diagram();
  const imported = benchImport(70, quick ? 3 : 15);
  rows.push({ what: `\`moat import\` of a compose file (${imported.components} components, ${imported.flows} flows)`, services: 70, ms: imported.ms, target: { ms: 1000, op: '<' } });
  const drift = benchDrift(70, quick ? 3 : 15);
  rows.push({ what: 'drift added to `moat check` (read the deployment, map, match, eight drift rules)', services: 70, ms: drift.withDeployment - drift.without, target: { ms: 1000, op: '<' } });
  const ks = await benchDriftKeystroke(70, quick ? 3 : 15);
  rows.push({ what: 'keystroke in a model whose .moatrc.yaml names its deployment (service; the deployment is not read again)', services: 70, ms: ks.withDeployment, baseline: { label: 'no deployment', ms: ks.without } });
  const all = [...rows, ...rssRows];
  for (const r of rows.filter((x) => x.what.startsWith('keystroke → diagnostics (LSP, moat'))) {
    if (r.baseline) notes.push(`moat as shipped, ${r.services} services: ${(r.baseline.ms / r.ms).toFixed(1)}× as fast as yaml-language-server (target ≥ 10×: ${r.baseline.ms / r.ms >= 10 ? 'met' : '**missed**'}).`);
  }
  const out = [
    `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `Machine: ${machine()}`,
    '',
    table(all),
    '',
    ...(denseTable ? [denseTable, ''] : []),
    ...notes.map((n) => `- ${n}`),
    ...(diagramTable ? ['', 'Diagram (bench/diagram.ts: the panel\'s page in headless Chromium, the SVG in Node, and moat report):', '', diagramTable] : []),
  ].join('\n');
  console.log(out);
  if (args.has('--write')) fs.writeFileSync(path.join(ROOT, 'bench', 'last-run.md'), out + '\n');
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
