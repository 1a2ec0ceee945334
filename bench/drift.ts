// What the drift check adds to `moat check`: a compose file of N services (bench/import.ts's
// generator, train-ticket's size by default), the model `moat import` writes from it, checked
// without and with the deployment (read + import mapping + match + the eight drift rules).
// Run alone with `node --import tsx bench/drift.ts [N]`, or as part of `npm run bench`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCompose } from './import.js';
import { runImport } from '../server/src/import/run.js';
import { checkText } from '../server/src/engine.js';
import { loadDeployment } from '../server/src/drift/load.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median milliseconds of checking the imported model without and with its deployment. */
export function benchDrift(n: number, runs = 15): { without: number; withDeployment: number; findings: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-drift-'));
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), generateCompose(n));
  const model = runImport(['docker-compose.yml'], { cwd: dir }).text;
  const file = path.join(dir, 'bench.moat.yaml');
  const without: number[] = [];
  const withDeployment: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs + 2; i++) {
    let start = performance.now();
    checkText(model, file);
    const a = performance.now() - start;
    start = performance.now();
    const view = loadDeployment({ dir, paths: [{ path: 'docker-compose.yml' }] }).view;
    findings = checkText(model, file, { deployment: view }).findings.filter((f) => f.rule.startsWith('drift/')).length;
    const b = performance.now() - start;
    if (i >= 2) { without.push(a); withDeployment.push(b); }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { without: median(without), withDeployment: median(withDeployment), findings };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 70);
  const r = benchDrift(n);
  console.log(`moat check of the imported model, ${n} compose services: ${r.without.toFixed(1)} ms; with its deployment: ${r.withDeployment.toFixed(1)} ms (+${(r.withDeployment - r.without).toFixed(1)} ms, ${r.findings} drift findings)`);
}
