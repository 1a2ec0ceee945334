// Attack paths in `npm run bench`: the two path rules and the hover at 1,000 services (they run
// on every keystroke that changes the model), and `moat paths` at 5,000, in process and as a
// command. bench/run.ts adds these rows to its table.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { loadModel } from '../server/src/model/load.js';
import { nodeHost } from '../server/src/model/host.js';
import type { Model } from '../server/src/model/types.js';
import { ModelGraph } from '../server/src/analysis/graph.js';
import { runOneRule } from '../server/src/analysis/analyze.js';
import type { Analysis } from '../server/src/analysis/analyze.js';
import { ruleById } from '../server/src/rules/index.js';
import { pathsHover } from '../server/src/paths/hover.js';
import { isSensitiveStore } from '../server/src/paths/attack.js';
import { pathsJson, pathsReport } from '../server/src/paths/views.js';

export interface PathsRow {
  what: string;
  services: number;
  ms: number;
  baseline?: { label: string; ms: number };
  target?: { ms: number; op: '<' | '<=' };
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The CPU time of one call of `fn` (ms, the mean over `runs`), on a fresh copy of the model each
 * call: the path cache is per model, as on a keystroke. CPU time, not wall time: on a shared
 * machine a millisecond of work is often descheduled for tens of milliseconds, which says
 * nothing about the code.
 */
function timeFresh(model: Model, runs: number, fn: (m: Model) => void): number {
  for (let i = 0; i < 5; i++) fn({ ...model });
  const copies = Array.from({ length: runs }, () => ({ ...model }));
  const start = process.cpuUsage();
  for (const copy of copies) fn(copy);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

/** `files`: the generated models by size (bench/run.ts writes them); `cli`: bin/moat.js, when built. */
export function benchPaths(files: ReadonlyMap<number, string>, options: { quick?: boolean; cli?: string } = {}): PathsRow[] {
  const rows: PathsRow[] = [];
  const runs = options.quick ? 20 : 200;
  const rules = [ruleById('unauthenticated-path')!, ruleById('missing-defense-in-depth')!];
  for (const n of [1000, 5000]) {
    const file = files.get(n);
    if (!file) continue;
    const model = loadModel(file, nodeHost);
    const ms = timeFresh(model, runs, (m) => {
      const graph = new ModelGraph(m);
      for (const rule of rules) runOneRule(rule, m, graph, '2026-01-01');
    });
    rows.push({ what: 'attack-path rules, whole model (graph, one 0-1 search, d₂ of each judged component; CPU time)', services: n, ms, target: n === 1000 ? { ms: 5, op: '<=' } : undefined });
    if (n === 1000) {
      const store = [...model.services.values()].find((c) => isSensitiveStore(new ModelGraph(model), c))!;
      const hover = timeFresh(model, runs, (m) => {
        const analysis: Analysis = { model: m, graph: new ModelGraph(m), findings: [], acceptances: [] };
        pathsHover(analysis, store.id);
      });
      rows.push({ what: `hover on a sensitive store (weakest path and blast radius of \`${store.id}\`; CPU time)`, services: n, ms: hover, target: { ms: 5, op: '<=' } });
    }
    if (n === 5000) {
      const inProcess = timeFresh(model, options.quick ? 5 : 30, (m) => JSON.stringify(pathsJson(pathsReport(new ModelGraph(m)))));
      rows.push({ what: '`moat paths` after the model is read (graph, search, JSON; CPU time)', services: n, ms: inProcess });
      if (options.cli) {
        const times: number[] = [];
        let failure: string | undefined;
        const count = options.quick ? 2 : 5;
        for (let k = 0; k < count + 1; k++) {
          const start = performance.now();
          const r = spawnSync(process.execPath, [options.cli, 'paths', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
          if (r.status !== 0) failure = `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
          if (k > 0) times.push(performance.now() - start);
        }
        const parse = timeFresh(model, 2, () => loadModel(file, nodeHost));
        rows.push({
          what: '`moat paths --format json` (process)', services: n, ms: median(times), target: { ms: 1000, op: '<' },
          baseline: { label: 'reading the model alone (CPU time)', ms: parse }, note: failure ?? path.basename(file),
        });
      }
    }
  }
  return rows;
}

// `node --import tsx bench/paths.ts FILE-1000 FILE-5000`: these rows alone.
if (require.main === module) {
  const [f1000, f5000] = process.argv.slice(2);
  const files = new Map<number, string>();
  if (f1000) files.set(1000, f1000);
  if (f5000) files.set(5000, f5000);
  const cli = path.resolve(__dirname, '..', 'bin', 'moat.js');
  for (const r of benchPaths(files, { cli })) console.log(`${r.what} | ${r.services} | ${r.ms.toFixed(2)} ms${r.baseline ? ` | ${r.baseline.label}: ${r.baseline.ms.toFixed(0)} ms` : ''}${r.note ? ` (${r.note})` : ''}`);
}
