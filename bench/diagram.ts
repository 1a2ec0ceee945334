// How long the drawings take (docs/diagrams.md): the panel's first drawing in headless Chromium
// (the page script as the webview runs it, ELK cold in a fresh page), the same drawing in Node
// (`moat diagram --format svg`), and `moat report --format html` as a user runs it. Each time is
// the median of a few runs. `node --import tsx bench/diagram.ts [--runs N] [SIZES...]` prints the
// table; bench/run.ts calls benchDiagram() and formatDiagramBench().
//
// The targets (issue 14): the overview of 300 services in the panel under 1 s, a drawing of 60
// components under 2 s, `moat report` of 300 services under 3 s.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { webviewBuildOptions } from '../scripts/webview-build.mjs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { generateModel } from './generate.js';
import { checkText } from '../server/src/engine.js';
import { buildDiagram } from '../server/src/render/diagram.js';
import type { Diagram } from '../server/src/render/diagram.js';
import type { DiagramView } from '../server/src/render/mermaid.js';
import { diagramPage } from '../server/src/render/page.js';
import { renderDiagram } from '../server/src/render/svg.js';

const ROOT = path.resolve(__dirname, '..');
export const DIAGRAM_SIZES = [60, 300];

export interface DiagramBenchRow {
  /** What is drawn. */
  what: string;
  services: number;
  /** Boxes (components and collapsed boundaries) and edges drawn. */
  boxes: number;
  edges: number;
  /** In the panel's page: median, and every run. */
  pageMs?: number;
  pageRuns: number[];
  /** In Node, ELK already loaded: median. */
  nodeMs: number;
  /** The goal this row is held to, in ms. */
  targetMs?: number;
  error?: string;
}

export interface ReportBenchRow {
  services: number;
  /** Wall time of `moat report --format html`, process start to exit: median and runs. */
  ms: number;
  runs: number[];
  bytes: number;
  drawings: number;
  targetMs?: number;
  /** CPU time (user + system) of the process: median. The fairer number on a shared machine. */
  cpuMs: number;
}

/** Preloaded into the report's process: prints its CPU time as it exits. */
const CPU_AT_EXIT = "data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('moat-bench-cpu-ms '+Math.round((u.user+u.system)/1000)+'\\n')})";

export interface DiagramBench {
  drawings: DiagramBenchRow[];
  reports: ReportBenchRow[];
}

export interface DiagramBenchOptions {
  sizes?: readonly number[];
  chromium?: string;
  runs?: number;
  timeoutMs?: number;
}

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The views measured for a model of `services` components. */
function views(services: number): { what: string; view: DiagramView; targetMs?: number }[] {
  const out: { what: string; view: DiagramView; targetMs?: number }[] = [{ what: 'overview', view: { level: 'overview' }, targetMs: services >= 300 ? 1000 : undefined }];
  if (services <= 60) out.push({ what: `all ${services} components`, view: { level: 'full' }, targetMs: 2000 });
  out.push({ what: 'boundary ns-0', view: { boundary: 'ns-0' } });
  return out;
}

async function inPage(browser: Browser, dir: string, bundle: string, diagram: Diagram, view: DiagramView, name: string, timeout: number): Promise<number> {
  const file = path.join(dir, `${name}.html`);
  fs.writeFileSync(file, diagramPage({ payload: { diagram, fileName: 'bench', view }, nonce: 'YmVuY2g=', script: { uri: `file://${bundle}` }, title: 'bench' }));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1, null, { timeout });
    const error = await page.evaluate(() => document.body.dataset.error);
    if (error) throw new Error(error);
    return Number(await page.evaluate(() => document.body.dataset.renderMs));
  } finally {
    await page.close();
  }
}

export async function benchDiagram(options: DiagramBenchOptions = {}): Promise<DiagramBench> {
  const sizes = options.sizes ?? DIAGRAM_SIZES;
  const runs = Math.max(1, options.runs ?? 3);
  const timeout = options.timeoutMs ?? 60_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-diagram-'));
  const bundle = path.join(dir, 'webview.js');
  await esbuild.build({ ...webviewBuildOptions(bundle), absWorkingDir: ROOT });
  const browser = await chromium.launch({
    executablePath: options.chromium ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const drawings: DiagramBenchRow[] = [];
  const reports: ReportBenchRow[] = [];
  try {
    for (const services of sizes) {
      const text = generateModel(services);
      const modelFile = path.join(dir, `m${services}`, 'moat.yaml');
      fs.mkdirSync(path.dirname(modelFile), { recursive: true });
      fs.writeFileSync(modelFile, text);
      const diagram = buildDiagram(checkText(text, modelFile));
      for (const { what, view, targetMs } of views(services)) {
        await renderDiagram(diagram, view); // ELK loaded and warm in Node
        const nodeRuns: number[] = [];
        let drawn = { boxes: 0, edges: 0 };
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const r = await renderDiagram(diagram, view);
          nodeRuns.push(performance.now() - t0);
          drawn = { boxes: r.layout.nodes.length, edges: r.layout.edges.length };
        }
        const row: DiagramBenchRow = { what, services, ...drawn, pageRuns: [], nodeMs: median(nodeRuns)!, targetMs };
        try {
          for (let i = 0; i < runs; i++) row.pageRuns.push(await inPage(browser, dir, bundle, diagram, view, `m${services}-${i}`, timeout));
          row.pageMs = median(row.pageRuns);
        } catch (err) {
          row.error = (err as Error).message.split('\n')[0];
        }
        drawings.push(row);
      }
      // `moat report` as a user runs it: the built CLI, a fresh process each time.
      const cli = path.join(ROOT, 'dist', 'cli.js');
      if (fs.existsSync(cli)) {
        const out = path.join(dir, `report-${services}.html`);
        const reportRuns: number[] = [];
        const cpuRuns: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const result = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, cli, 'report', modelFile, '--format', 'html', '-o', out], { encoding: 'utf8' });
          reportRuns.push(performance.now() - t0);
          if (result.status !== 0) throw new Error(`moat report failed: ${result.stderr}`);
          cpuRuns.push(Number(/moat-bench-cpu-ms (\d+)/.exec(result.stderr)?.[1] ?? NaN));
        }
        const html = fs.readFileSync(out, 'utf8');
        reports.push({ services, ms: median(reportRuns)!, cpuMs: median(cpuRuns)!, runs: reportRuns, bytes: Buffer.byteLength(html), drawings: (html.match(/<figure class="diagram[ "]/g) ?? []).length,
          targetMs: services >= 300 ? 3000 : undefined });
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { drawings, reports };
}

export function formatDiagramBench(bench: DiagramBench): string {
  const ms = (n?: number) => (n === undefined ? '—' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
  const goal = (n: number | undefined, target?: number) => (target === undefined || n === undefined ? '' : n <= target ? ` (goal ${ms(target)}: met)` : ` (goal ${ms(target)}: **missed**)`);
  const lines = [
    '| services | drawing | boxes | edges | panel (Chromium, cold page) | Node (warm) |',
    '| ---: | --- | ---: | ---: | ---: | ---: |',
    ...bench.drawings.map((r) => `| ${r.services} | ${r.what} | ${r.boxes} | ${r.edges} | ${r.error ? `failed: ${r.error}` : `${ms(r.pageMs)}${goal(r.pageMs, r.targetMs)}`} | ${ms(r.nodeMs)} |`),
    '',
    '| services | `moat report --format html` (whole process), wall | CPU | size | drawings |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...bench.reports.map((r) => `| ${r.services} | ${ms(r.ms)}${goal(r.ms, r.targetMs)} | ${ms(r.cpuMs)}${goal(r.cpuMs, r.targetMs)} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.drawings} |`),
  ];
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : undefined;
  const sizes = args.filter((a, i) => i !== runsAt && i !== runsAt + 1).map(Number).filter((n) => n > 0);
  benchDiagram({ sizes: sizes.length ? sizes : undefined, runs }).then((bench) => {
    process.stdout.write(formatDiagramBench(bench));
    for (const r of bench.drawings) process.stdout.write(`${r.services} ${r.what}: panel runs (ms) ${r.pageRuns.join(' ')}\n`);
    for (const r of bench.reports) process.stdout.write(`${r.services} report runs (ms) ${r.runs.map(Math.round).join(' ')}\n`);
  }, (err) => {
    process.stderr.write(`bench/diagram: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
