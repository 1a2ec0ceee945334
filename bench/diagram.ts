// How long the diagram takes to draw for 50, 150 and 300 services: the model → Mermaid text in
// Node, and Mermaid's layout and rendering in headless Chromium, with dagre (Mermaid's default)
// and with ELK, each the median of a few renderings in a fresh page (Mermaid and ELK start cold,
// as when the panel opens). `node --import tsx bench/diagram.ts [--runs N] [SIZES...]` prints the
// table; bench/run.ts may call benchDiagram().

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { webviewBuildOptions } from '../scripts/webview-build.mjs';
import { chromium } from 'playwright-core';
import { generateModel } from './generate.js';
import { checkText } from '../server/src/engine.js';
import { buildDiagram } from '../server/src/render/diagram.js';
import { toMermaid } from '../server/src/render/mermaid.js';
import { diagramPage } from '../server/src/render/page.js';

const ROOT = path.resolve(__dirname, '..');
export const DIAGRAM_SIZES = [50, 150, 300];

export interface DiagramBenchRow {
  services: number;
  /** Components and flows drawn. */
  nodes: number;
  edges: number;
  /** Bytes of Mermaid text. */
  textBytes: number;
  /** Model text → analysis → Mermaid text, in Node. */
  textMs: number;
  /** Mermaid's parse, layout and SVG in Chromium, by layout: the median of the runs; undefined when it failed or timed out. */
  renderMs: { dagre?: number; elk?: number };
  /** Every run's time, by layout, in the order measured. */
  runsMs: { dagre: number[]; elk: number[] };
  /** Why a layout failed, if one did. */
  errors: { dagre?: string; elk?: string };
}

export interface DiagramBenchOptions {
  sizes?: readonly number[];
  chromium?: string;
  /** Give up on one rendering after this long. */
  timeoutMs?: number;
  /** A folder to keep a screenshot of each rendering in (of the first run). */
  screenshots?: string;
  /** Renderings per size and layout; the table gives the median. */
  runs?: number;
}

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function benchDiagram(options: DiagramBenchOptions = {}): Promise<DiagramBenchRow[]> {
  const sizes = options.sizes ?? DIAGRAM_SIZES;
  const timeout = options.timeoutMs ?? 120_000;
  const runs = Math.max(1, options.runs ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-diagram-'));
  const bundle = path.join(dir, 'webview.js');
  await esbuild.build({ ...webviewBuildOptions(bundle), absWorkingDir: ROOT });
  const browser = await chromium.launch({
    executablePath: options.chromium ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const rows: DiagramBenchRow[] = [];
  try {
    for (const services of sizes) {
      const text = generateModel(services);
      const t0 = performance.now();
      const analysis = checkText(text, path.join(dir, `m${services}.moat.yaml`));
      const diagram = buildDiagram(analysis);
      const mermaid = toMermaid(diagram);
      const textMs = performance.now() - t0;
      const row: DiagramBenchRow = {
        services, nodes: mermaid.nodes.size, edges: mermaid.edges.length, textBytes: Buffer.byteLength(mermaid.text), textMs,
        renderMs: {}, runsMs: { dagre: [], elk: [] }, errors: {},
      };
      for (const layout of ['dagre', 'elk'] as const) {
        fs.writeFileSync(path.join(dir, `m${services}-${layout}.html`), diagramPage({
          payload: { diagram, fileName: 'bench', layout }, nonce: 'YmVuY2g=', script: { uri: `file://${bundle}` }, title: 'bench',
        }));
      }
      // Layouts alternate run by run, so that a busy moment of the machine falls on both.
      for (let run = 0; run < runs; run++) {
        for (const layout of ['dagre', 'elk'] as const) {
          if (row.errors[layout]) continue;
          const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
          try {
            await page.goto(`file://${path.join(dir, `m${services}-${layout}.html`)}`);
            await page.waitForFunction(() => document.body.dataset.rendered !== undefined, undefined, { timeout });
            const result = await page.evaluate(() => ({ ms: document.body.dataset.renderMs, error: document.body.dataset.error }));
            if (result.error) row.errors[layout] = result.error;
            else row.runsMs[layout].push(Number(result.ms));
            if (options.screenshots && run === 0) {
              fs.mkdirSync(options.screenshots, { recursive: true });
              await page.screenshot({ path: path.join(options.screenshots, `diagram-${services}-${layout}.png`) });
            }
          } catch (err) {
            row.errors[layout] = `gave up after ${timeout / 1000} s (${(err as Error).message.split('\n')[0]})`;
          } finally {
            await page.close();
          }
        }
      }
      for (const layout of ['dagre', 'elk'] as const) {
        if (!row.errors[layout]) row.renderMs[layout] = median(row.runsMs[layout]);
      }
      rows.push(row);
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function formatDiagramBench(rows: readonly DiagramBenchRow[]): string {
  const ms = (n?: number) => (n === undefined ? '—' : n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
  const lines = [
    '| services | components | flows | Mermaid text | model → text | render, dagre | render, ELK |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.services} | ${r.nodes} | ${r.edges} | ${(r.textBytes / 1024).toFixed(0)} KB | ${ms(r.textMs)} | ${r.errors.dagre ? `failed: ${r.errors.dagre}` : ms(r.renderMs.dagre)} | ${r.errors.elk ? `failed: ${r.errors.elk}` : ms(r.renderMs.elk)} |`),
  ];
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : undefined;
  const sizes = args.filter((a, i) => i !== runsAt && i !== runsAt + 1).map(Number).filter((n) => n > 0);
  benchDiagram({ sizes: sizes.length ? sizes : undefined, runs, screenshots: path.join(ROOT, 'test-output', 'bench') }).then((rows) => {
    process.stdout.write(formatDiagramBench(rows));
    for (const r of rows) process.stdout.write(`${r.services} services, runs (ms): dagre ${r.runsMs.dagre.join(' ')}; ELK ${r.runsMs.elk.join(' ')}\n`);
  }, (err) => {
    process.stderr.write(`bench/diagram: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
