// The GitHub Action and the pre-commit hook, run as their hosts would run them: the Action's
// `run:` scripts taken from action.yml and executed with bash, in order, with the environment
// the Action gives them; the hook's `entry` on the files its `files` pattern selects.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO, cleanEnv, cliBundle, scratch } from './run.js';

interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;

/** The Action's checkout, as GitHub lays it out: bin/moat.js and the built dist/cli.js. */
function actionPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-action-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.copyFileSync(path.join(REPO, 'bin/moat.js'), path.join(dir, 'bin/moat.js'));
  fs.copyFileSync(cliBundle(), path.join(dir, 'dist/cli.js'));
  return dir;
}

interface StepRun {
  step: Step;
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  skipped?: boolean;
}

/** Runs the composite Action's steps in `workspace` with these inputs. */
function runAction(workspace: string, given: Record<string, string> = {}): { steps: StepRun[]; outputs: Record<string, string> } {
  const inputs = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  const action = actionPath();
  const outputs: Record<string, Record<string, string>> = {};
  // GitHub's expressions, as far as action.yml uses them.
  const evaluate = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expr: string) => {
    let m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m) return inputs[m[1]];
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (m) return outputs[m[1]]?.[m[2]] ?? '';
    if (expr === 'github.action_path') return action;
    throw new Error(`unknown expression ${expr}`);
  });
  const steps: StepRun[] = [];
  for (const step of ACTION.runs.steps) {
    if (step.uses) {
      // The one `uses:` step is the SARIF upload; its condition, evaluated as GitHub would.
      assert.equal(step.if, "${{ inputs.sarif-upload == 'true' && steps.check.outputs.sarif-file != '' }}");
      const runs = inputs['sarif-upload'] === 'true' && (outputs.check?.['sarif-file'] ?? '') !== '';
      steps.push({ step, code: null, stdout: '', outputs: {}, skipped: !runs });
      continue;
    }
    assert.equal(step.shell, 'bash');
    const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'moat-gh-')), 'output');
    fs.writeFileSync(outputFile, '');
    const env = cleanEnv({
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
      GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true', CI: 'true',
    });
    const cwd = path.resolve(workspace, evaluate(step['working-directory'] ?? '.'));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    const stepOutputs = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    if (step.id) outputs[step.id] = stepOutputs;
    steps.push({ step, code: result.status, stdout: result.stdout + result.stderr, outputs: stepOutputs });
    if (result.status !== 0) break;
  }
  return { steps, outputs: Object.fromEntries(Object.entries(ACTION.outputs).map(([k, v]) => [k, evaluate(v.value)])) };
}

describe('action.yml', () => {
  it('is a composite action whose inputs are path, format, fail-on, sarif-upload and the like', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.deepEqual(Object.keys(ACTION.inputs), ['path', 'format', 'fail-on', 'sarif-upload', 'sarif-file', 'baseline', 'config', 'deployment', 'working-directory']);
    assert.deepEqual([ACTION.inputs.format.default, ACTION.inputs['fail-on'].default, ACTION.inputs['sarif-upload'].default], ['github', 'high', 'false']);
    const upload = ACTION.runs.steps.find((s) => s.uses)!;
    assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@v\d+$/);
  });

  it('annotates the findings and fails the job on a finding at or above fail-on, after the report', () => {
    const workspace = scratch('shop');
    const { steps, outputs } = runAction(workspace);
    const [install, check, upload, verdict] = steps;
    assert.equal(install.code, 0, install.stdout);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /^::notice file=shop\/shop\.moat\.yaml,line=18,col=5,endLine=18,endColumn=13,title=missing-waf::/m);
    assert.match(check.stdout, /^::error file=shop\/shop\.moat\.yaml,line=27,col=70,endLine=27,endColumn=74,title=unencrypted-flow::/m);
    assert.equal(upload.skipped, true);
    assert.equal(verdict.code, 1);
    assert.deepEqual(outputs, { 'exit-code': '1', 'sarif-file': '' });
  });

  it('checks drift against the deployment input: a manifest changed, the check fails on the drift', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-action-drift-'));
    fs.cpSync(path.join(REPO, 'test/fixtures/drift/compose'), workspace, { recursive: true });
    fs.rmSync(path.join(workspace, '.moatrc.yaml'));
    let run = runAction(workspace, { path: 'shop.moat.yaml', deployment: 'docker-compose.yml' });
    assert.equal(run.outputs['exit-code'], '0', run.steps[1].stdout);
    const compose = path.join(workspace, 'docker-compose.yml');
    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('    user: "10001"\n', '    user: "0"\n'));
    run = runAction(workspace, { path: 'shop.moat.yaml', deployment: 'docker-compose.yml' });
    assert.match(run.steps[1].stdout, /^::error file=shop\.moat\.yaml,line=27,col=7,endLine=27,endColumn=11,title=drift\/runtime::/m);
    assert.equal(run.outputs['exit-code'], '1');
  });

  it('passes below the threshold', () => {
    const { steps, outputs } = runAction(scratch('shop'), { 'fail-on': 'critical', format: 'stylish' });
    assert.match(steps[1].stdout, /\u2716 2 problems/);
    assert.equal(steps.at(-1)!.code, 0);
    assert.equal(outputs['exit-code'], '0');
  });

  it('writes SARIF with every finding for code scanning and uploads it, whatever the threshold', () => {
    const workspace = scratch('shop', 'clean');
    const { steps, outputs } = runAction(workspace, { 'sarif-upload': 'true', path: 'shop clean', 'fail-on': 'none' });
    assert.deepEqual(outputs, { 'exit-code': '0', 'sarif-file': 'moat.sarif' });
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'moat.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['missing-waf', 'unencrypted-flow']);
    const upload = steps.find((s) => s.step.uses)!;
    assert.equal(upload.skipped, false);
    assert.equal(upload.step.with!.sarif_file, '${{ inputs.working-directory }}/${{ steps.check.outputs.sarif-file }}');
    assert.equal(steps.at(-1)!.code, 0);
  });

  it('runs in working-directory with a baseline and a config, and fails with 2 when a model does not parse', () => {
    const workspace = scratch('shop', 'broken');
    fs.writeFileSync(path.join(workspace, 'shop/baseline.json'), JSON.stringify({ version: 1, models: { 'shop.moat.yaml': ['unencrypted-flow@api->db'] } }));
    fs.writeFileSync(path.join(workspace, 'shop/strict.yaml'), 'rules:\n  missing-waf: high\n');
    let run = runAction(workspace, { 'working-directory': 'shop', baseline: 'baseline.json', format: 'json' });
    assert.equal(run.outputs['exit-code'], '0');
    run = runAction(workspace, { 'working-directory': 'shop', baseline: 'baseline.json', config: 'strict.yaml', format: 'json' });
    assert.equal(run.outputs['exit-code'], '1');
    run = runAction(workspace, { path: 'broken', 'sarif-upload': 'true' });
    assert.deepEqual(run.outputs, { 'exit-code': '2', 'sarif-file': 'moat.sarif' });
    assert.equal(run.steps.at(-1)!.code, 2);
    assert.match(run.steps.at(-1)!.stdout, /could not be done \(exit 2\)/);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; language: string }[];
  const hook = hooks.find((h) => h.id === 'moat')!;
  // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
  const selects = (file: string) => new RegExp(hook.files).test(file);

  it('selects model files and no other YAML', () => {
    assert.equal(hook.entry, 'moat check');
    for (const file of ['moat.yaml', 'moat.yml', 'shop.moat.yaml', 'a/b/orders.moat.yml', 'docs/moat.yaml', 'my.shop.moat.yaml']) assert.ok(selects(file), file);
    for (const file of ['config.yaml', 'notmoat.yaml', '.moatrc.yaml', 'moat.yaml.bak', 'moat.json', '.github/workflows/ci.yml', 'a/moat.yaml/readme.md', 'moat-yaml']) {
      assert.ok(!selects(file), file);
    }
  });

  it('runs its entry on the files of a commit', () => {
    const workspace = scratch('shop', 'clean');
    fs.mkdirSync(path.join(workspace, '.github/workflows'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.github/workflows/ci.yml'), 'on: push\n');
    const commit = ['.github/workflows/ci.yml', 'clean/moat.yaml', 'shop/shop.moat.yaml'];
    const run = (files: string[]) => {
      const [command, ...args] = hook.entry.split(' ');
      assert.equal(command, 'moat');
      return spawnSync(process.execPath, [cliBundle(), ...args, ...files.filter(selects)], { cwd: workspace, env: cleanEnv(), encoding: 'utf8' });
    };
    const failing = run(commit);
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /^\nshop\/shop\.moat\.yaml\n/);
    assert.doesNotMatch(failing.stdout, /ci\.yml/);
    assert.equal(run(commit.slice(0, 2)).status, 0);
  });
});
