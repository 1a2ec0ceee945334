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
import { createMoatService } from '../server/src/service/index.js';

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

/**
 * Median milliseconds of a keystroke in the model (an env value typed: the rules run again) through the engine
 * service, as the language server runs it: without a deployment, and with `.moatrc.yaml` naming it.
 */
export async function benchDriftKeystroke(n: number, runs = 15): Promise<{ without: number; withDeployment: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-drift-ks-'));
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), generateCompose(n));
  const model = runImport(['docker-compose.yml'], { cwd: dir }).text;
  const file = path.join(dir, 'bench.moat.yaml');
  const time = async (config: boolean) => {
    if (config) fs.writeFileSync(path.join(dir, '.moatrc.yaml'), 'deployment:\n  - docker-compose.yml\n');
    else fs.rmSync(path.join(dir, '.moatrc.yaml'), { force: true });
    const service = createMoatService();
    let version = 1;
    service.setDocument(file, model, version);
    await service.analyze(file);
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      // A value the rules read (an env value of the first service): every whole-model rule runs again.
      const text = model.replace('LOG_LEVEL: info', `LOG_LEVEL: info${'x'.repeat(i + 1)}`);
      const start = performance.now();
      service.setDocument(file, text, ++version);
      await service.findings(file);
      if (i >= 2) times.push(performance.now() - start);
    }
    return median(times);
  };
  const without = await time(false);
  const withDeployment = await time(true);
  fs.rmSync(dir, { recursive: true, force: true });
  return { without, withDeployment };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 70);
  const r = benchDrift(n);
  console.log(`moat check of the imported model, ${n} compose services: ${r.without.toFixed(1)} ms; with its deployment: ${r.withDeployment.toFixed(1)} ms (+${(r.withDeployment - r.without).toFixed(1)} ms, ${r.findings} drift findings)`);
  void benchDriftKeystroke(n).then((k) => console.log(`keystroke in the model, ${n} services: ${k.without.toFixed(1)} ms; with the deployment named: ${k.withDeployment.toFixed(1)} ms`));
}
