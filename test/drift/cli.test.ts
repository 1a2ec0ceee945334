// `moat check` with a deployment: `.moatrc.yaml`'s `deployment:` and `--deployment`, in every
// format, with baselines and exit codes as for every finding.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moat } from '../cli/run.js';
import type { JsonReport } from '../../server/src/format/json.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/drift/compose');

function folder(edit?: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-drift-cli-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  edit?.(dir);
  return dir;
}

const rootApi = (dir: string) => {
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('    user: "10001"\n', '    user: "0"\n'));
};
const drift = (r: JsonReport) => r.models.flatMap((m) => m.findings).filter((f) => f.rule.startsWith('drift/') || f.rule === 'model/deployment');

describe('moat check with a deployment', () => {
  it('reads `deployment:` from .moatrc.yaml: no drift when the two agree', () => {
    const run = moat(['check', 'shop.moat.yaml', '-f', 'json'], { cwd: folder() });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(drift(JSON.parse(run.stdout)), []);
  });

  it('reports drift beside the rules\' findings, with CWE 1068 and STRIDE, and fails the run on a high one', () => {
    const run = moat(['check', 'shop.moat.yaml', '-f', 'json'], { cwd: folder(rootApi) });
    assert.equal(run.code, 1);
    const [f] = drift(JSON.parse(run.stdout));
    assert.deepEqual({ rule: f.rule, severity: f.severity, file: f.file, range: f.range, target: f.target, cwe: f.cwe, stride: f.stride, fingerprint: f.fingerprint }, {
      rule: 'drift/runtime', severity: 'high', file: 'shop.moat.yaml', range: { start: { line: 27, column: 7 }, end: { line: 27, column: 11 } },
      target: 'api', cwe: 1068, stride: ['E', 'T'], fingerprint: 'drift/runtime@api',
    });
    assert.equal(f.message, '`api`\'s runtime differs from the deployment (docker-compose.yml:10: services.api): user: the model says `10001`, the deployment runs `0` (root).');
  });

  it('in every format', () => {
    const dir = folder(rootApi);
    const stylish = moat(['check', 'shop.moat.yaml'], { cwd: dir });
    assert.match(stylish.stdout, /27:7 +high +`api`'s runtime differs from the deployment .* drift\/runtime/);
    const sarif = JSON.parse(moat(['check', 'shop.moat.yaml', '-f', 'sarif'], { cwd: dir }).stdout);
    assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'drift/runtime'));
    assert.match(moat(['check', 'shop.moat.yaml', '-f', 'junit'], { cwd: dir }).stdout, /drift\/runtime/);
    assert.match(moat(['check', 'shop.moat.yaml', '-f', 'github'], { cwd: dir }).stdout, /::error file=shop\.moat\.yaml,line=27,.*drift\/runtime/);
  });

  it('a baseline knows a drift finding like any other', () => {
    const dir = folder(rootApi);
    assert.equal(moat(['check', 'shop.moat.yaml', '--write-baseline', 'baseline.json'], { cwd: dir }).code, 0);
    const run = moat(['check', 'shop.moat.yaml', '--baseline', 'baseline.json', '-f', 'json'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.equal(drift(JSON.parse(run.stdout))[0].known, true);
  });

  it('--deployment PATH checks against the files it names (repeatable), without a config', () => {
    const dir = folder((d) => { fs.rmSync(path.join(d, '.moatrc.yaml')); rootApi(d); });
    const run = moat(['check', 'shop.moat.yaml', '-f', 'json', '--deployment', 'docker-compose.yml'], { cwd: dir });
    assert.deepEqual(drift(JSON.parse(run.stdout)).map((f) => f.fingerprint), ['drift/runtime@api']);
    assert.deepEqual(drift(JSON.parse(moat(['check', 'shop.moat.yaml', '-f', 'json'], { cwd: dir }).stdout)), [], 'no deployment, no drift');
    const missing = moat(['check', 'shop.moat.yaml', '--deployment', 'nope.yml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim(), 'moat: --deployment `nope.yml` does not exist.');
  });

  it('an entry of deployment: that does not exist is a model/deployment finding at the entry; the rest of the check goes on', () => {
    const dir = folder((d) => fs.writeFileSync(path.join(d, '.moatrc.yaml'), 'deployment:\n  - docker-compose.yml\n  - k8s/\n'));
    rootApi(dir);
    const run = moat(['check', 'shop.moat.yaml', '-f', 'json'], { cwd: dir });
    assert.equal(run.code, 1);
    const found = drift(JSON.parse(run.stdout));
    assert.deepEqual(found.map((f) => [f.rule, f.file, f.range.start, f.message]), [
      ['model/deployment', '.moatrc.yaml', { line: 3, column: 5 }, 'The deployment file `k8s/` does not exist.'],
      ['drift/runtime', 'shop.moat.yaml', { line: 27, column: 7 }, found[1].message],
    ]);
  });

  it('moat rules drift/runtime prints its documentation', () => {
    const run = moat(['rules', 'drift/runtime']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Runtime differs from the deployment/);
    assert.match(run.stdout, /CWE-1068/);
  });
});
