// The other commands: --version, --help, rules, init, lsp; and bin/moat.js itself.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, cleanEnv, cliBundle, moat, scratch } from './run.js';
import type { JsonReport } from '../../server/src/format/json.js';
import { ruleCatalogue } from '../../server/src/format/catalogue.js';
import { RULES } from '../../server/src/rules/index.js';
import { MODEL_RULES } from '../../server/src/model/problems.js';
import { STARTER_MODEL } from '../../server/src/cli/starter.js';

const VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

describe('moat --version and --help', () => {
  it('prints the version', () => {
    assert.deepEqual(moat(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.deepEqual(moat(['-v']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('prints help on standard output and exits 0; without a command, help on standard error and exit 2', () => {
    const help = moat(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: moat \[options\] \[command\]\n/);
    for (const command of ['check', 'init', 'rules', 'lsp']) assert.match(help.stdout, new RegExp(`\n  ${command} `));
    const checkHelp = moat(['check', '--help']);
    assert.equal(checkHelp.code, 0);
    for (const flag of ['--format', '--output', '--fail-on', '--rule', '--config', '--baseline', '--write-baseline', '--no-color', '--quiet']) {
      assert.ok(checkHelp.stdout.includes(flag), flag);
    }
    const bare = moat([]);
    assert.deepEqual([bare.code, bare.stdout], [2, '']);
    assert.match(bare.stderr, /^Usage: moat/);
  });

  it('runs as bin/moat.js from the build that npm install makes', () => {
    assert.ok(fs.existsSync(path.join(REPO, 'dist/cli.js')), 'dist/cli.js is built by `npm install` / `npm run build`');
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/moat.js'), '--version'], { encoding: 'utf8', env: cleanEnv() });
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, `${VERSION}\n`, '']);
  });
});

describe('moat rules', () => {
  it('lists every rule: id, severity, category, title', () => {
    const run = moat(['rules']);
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^RULE +SEVERITY +CATEGORY +TITLE$/);
    const catalogue = ruleCatalogue();
    assert.equal(catalogue.length, RULES.length + MODEL_RULES.length);
    catalogue.forEach((rule, i) => {
      assert.deepEqual(lines[i + 1].split(/ {2,}/), [rule.id, rule.severity, rule.category, rule.title]);
    });
    assert.deepEqual(lines.slice(catalogue.length + 1), ['', `${catalogue.length} rules. \`moat rules RULE\` prints one rule's documentation.`, '']);
    const flow = lines.find((l) => l.startsWith('unencrypted-flow '))!;
    assert.equal(flow.indexOf('high'), lines[0].indexOf('SEVERITY'));
  });

  it('prints one rule\'s documentation, model rules included', () => {
    const run = moat(['rules', 'unencrypted-flow']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^# unencrypted-flow\n\n\*\*Unencrypted flow\*\*\n/);
    assert.match(run.stdout, /CWE-319/);
    assert.match(moat(['rules', 'model/syntax']).stdout, /^# model\/syntax\n/);
  });

  it('names the closest rule for an unknown one, exit 2', () => {
    assert.deepEqual(moat(['rules', 'unencrypted-flows']), {
      code: 2, stdout: '', stderr: 'moat: unknown rule `unencrypted-flows`; did you mean `unencrypted-flow`?\n',
    });
  });

  it('suggests nothing unrelated for an id far from every rule: it lists the families', () => {
    assert.deepEqual(moat(['rules', 'nope-rule']), {
      code: 2, stdout: '',
      stderr: `moat: unknown rule \`nope-rule\`; \`moat rules\` lists them all, with their categories: ${[...new Set(RULES.map((r) => r.meta.category))].sort().join(', ')}, model/…\n`,
    });
  });
});

describe('moat init', () => {
  it('writes a commented starter moat.yaml into DIR (made if missing)', () => {
    const dir = scratch();
    const npx = { npm_command: 'exec', PATH: path.join(dir, 'no-such-dir') };
    const run = moat(['init', 'threat-model'], { cwd: dir, env: npx });
    assert.deepEqual(run, { code: 0, stdout: 'Wrote threat-model/moat.yaml. Edit it to describe your system, then run: npx moat check threat-model\n', stderr: '' });
    assert.equal(fs.readFileSync(path.join(dir, 'threat-model/moat.yaml'), 'utf8'), STARTER_MODEL);
    assert.deepEqual(moat(['init'], { cwd: dir, env: npx }).stdout, 'Wrote moat.yaml. Edit it to describe your system, then run: npx moat check\n');
  });

  it('names the next step as the user can run it: paths from where they stand, moat on the PATH, else node with bin/moat.js', () => {
    const dir = scratch();
    fs.mkdirSync(path.join(dir, 'work'));
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'moat'), '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(moat(['init', '../models/./shop/'], { cwd: path.join(dir, 'work'), env: { PATH: bin, npm_command: undefined } }).stdout,
      'Wrote ../models/shop/moat.yaml. Edit it to describe your system, then run: moat check ../models/shop\n');
    // The tests run a bundle in a temporary folder, with no bin/moat.js beside it: node runs the bundle itself.
    const installed = cliBundle().split(path.sep).join('/');
    assert.equal(moat(['init', 'other'], { cwd: dir, env: { PATH: path.join(dir, 'work'), npm_command: undefined } }).stdout,
      `Wrote other/moat.yaml. Edit it to describe your system, then run: node ${installed} check other\n`);
  });

  it('never overwrites a model', () => {
    const dir = scratch();
    for (const name of ['moat.yaml', 'moat.yml']) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, name), 'mine: true\n');
      assert.deepEqual(moat(['init', name], { cwd: dir }), {
        code: 2, stdout: '', stderr: `moat: ${name}/${name} already exists; moat init does not overwrite a model\n`,
      });
      assert.equal(fs.readFileSync(path.join(dir, name, name), 'utf8'), 'mine: true\n');
    }
  });

  it('describes a system that checks clean but for info findings', () => {
    const dir = scratch();
    moat(['init'], { cwd: dir });
    const run = moat(['check', '--format', 'json', '--fail-on', 'low'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.models[0].findings.filter((f) => f.severity !== 'info').map((f) => `${f.fingerprint}: ${f.message}`), []);
    assert.equal(run.code, 0);
  });
});

describe('moat lsp', () => {
  it('runs the language server over standard input and output, as an editor starts it', async () => {
    const child = spawn(process.execPath, [cliBundle(), 'lsp', '--stdio'], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const init = await connection.sendRequest<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
    });
    assert.ok(init.capabilities.textDocumentSync !== undefined, JSON.stringify(init));
    await connection.sendNotification('initialized', {});
    assert.equal(await connection.sendRequest('shutdown'), null);
    await connection.sendNotification('exit');
    assert.equal(await exited, 0, stderr);
    connection.dispose();
  });
});
