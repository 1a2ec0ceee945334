// Every kind of secret `hardcoded-secret` knows, written into a model and repeated in its free
// text (descriptions, owners, techs, a misspelt value, acceptance reasons): the rule reports each,
// and no output shows any (every `check` format, `moat diagram`, `moat report`, and the language
// server's diagnostics, hover, completion and code action titles).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { checkText } from '../../server/src/engine.js';
import { SECRET_VALUE_KINDS, literalSecret, maskSecrets, redactor } from '../../server/src/model/secrets.js';
import { TestClient } from '../lsp/client.js';
import { SECRET_CASES, VALUE_CASES, leakyModel, leaks, serviceIdOf } from './secret-kinds.js';
import { assertCleanExit, runCli, tempDir } from './support.js';

const MODEL = leakyModel();
const CASES = Object.keys(SECRET_CASES);
const analysis = () => checkText(MODEL, path.resolve('/virtual/leaky.moat.yaml'), { today: '2026-11-25' });

describe('every kind of secret the rule knows', () => {
  it('has a case for each kind of value (and the probe finds each in the model)', () => {
    assert.deepEqual(Object.keys(VALUE_CASES).sort(), SECRET_VALUE_KINDS.map((k) => k.id).sort());
    assert.deepEqual(leaks(MODEL), CASES);
  });

  for (const [label, c] of Object.entries(SECRET_CASES)) {
    it(`${label}: reported once, with message ${c.messageId}, on its value`, () => {
      const a = analysis();
      const id = serviceIdOf(label);
      const found = a.findings.filter((f) => f.rule === 'hardcoded-secret' && f.target === id);
      assert.equal(found.length, 1, `${id}: ${found.map((f) => f.message).join(' | ')}`);
      const text = MODEL.slice(found[0].range.start, found[0].range.end);
      assert.equal(text, JSON.stringify(c.value));
      assert.equal(literalSecret(c.place, c.name, c.value)?.because, { secret: 'place', envName: 'name', envValue: 'value' }[c.messageId]);
    });

    it(`${label}: masked in free text, whatever its case`, () => {
      const redact = redactor(analysis().model);
      for (const text of [`a ${c.secret} b`, `a ${c.secret.toLowerCase()} b`, `${c.secret}`]) {
        assert.deepEqual(leaks(redact(text)), [], redact(text));
        assert.match(redact(text), /••••••/);
      }
    });
  }

  it('masks what looks like a secret in any text, even one the model does not hold', () => {
    for (const [kind, c] of Object.entries(VALUE_CASES)) {
      const out = maskSecrets(`see ${c.value} here`);
      assert.ok(!out.includes(c.secret), `${kind}: ${out}`);
    }
    // Only the password of a URL or a connection string goes.
    assert.equal(maskSecrets('postgres://app:hunter22@db/orders'), 'postgres://app:••••••@db/orders');
    assert.equal(maskSecrets('Server=db;User Id=sa;Password=Pass@word;'), 'Server=db;User Id=sa;Password=••••••;');
    assert.equal(maskSecrets('postgres://app:${DB_PASSWORD}@db/orders'), 'postgres://app:${DB_PASSWORD}@db/orders');
  });

  it('no finding of the engine repeats one (messages, acceptance reasons)', () => {
    const a = analysis();
    assert.ok(a.findings.some((f) => f.accepted), 'an acceptance with a secret in its reason matched');
    assert.deepEqual(leaks(JSON.stringify(a.findings)), []);
  });

  describe('through the command line', { concurrency: 3 }, () => {
    let dir: string;
    let file: string;
    before(() => {
      dir = tempDir('moat-secret-kinds-');
      file = path.join(dir, 'leaky.moat.yaml');
      fs.writeFileSync(file, MODEL);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const commands: string[][] = [
      ...['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'].map((format) => ['check', 'FILE', '--format', format]),
      ...['mermaid', 'markdown', 'html'].map((format) => ['diagram', 'FILE', '--format', format]),
      ...['markdown', 'html'].map((format) => ['report', 'FILE', '--format', format]),
    ];
    for (const command of commands) {
      it(`moat ${command.join(' ')}`, { timeout: 90_000 }, async () => {
        const run = await runCli(command.map((a) => (a === 'FILE' ? file : a)), { cwd: dir });
        assertCleanExit(run, command.join(' '));
        assert.ok(run.stdout.length > 0, `${command.join(' ')} printed nothing; stderr: ${run.stderr.slice(0, 300)}`);
        if (command[0] === 'check') assert.match(run.stdout, /hardcoded-secret/);
        assert.deepEqual(leaks(run.stdout + run.stderr), [], `${command.join(' ')} shows a secret`);
      });
    }
  });

  describe('through the language server', () => {
    let client: TestClient;
    let dir: string;
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-secret-kinds-lsp-'));
      client = new TestClient();
      await client.initialize({ folders: [dir], initializationOptions: { clientCommands: ['moat.showRuleDocumentation', 'editor.action.triggerSuggest'] } });
    });
    after(async () => {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('diagnostics, hover and completion everywhere, and code action titles, hold none', { timeout: 240_000 }, async () => {
      const uri = client.open(path.join(dir, 'leaky.moat.yaml'), MODEL);
      const report = await client.diagnostics(uri);
      assert.equal(report.items.filter((d) => d.code === 'hardcoded-secret').length, CASES.length);
      const answers: unknown[] = [report];
      const lines = MODEL.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line].length; character += 3) {
          const position = { line, character };
          answers.push(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
          answers.push(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }));
        }
      }
      const hovers = answers.filter((a) => JSON.stringify(a ?? '').includes('holds ••••••'));
      assert.ok(hovers.length > 0, 'a hover shows a description, masked');
      for (const style of ['entry', 'comment'] as const) {
        client.settings = { diagnostics: { delay: 0 }, accept: { style } };
        for (const d of report.items as Diagnostic[]) {
          const actions = await client.codeActions(uri, [d]);
          answers.push(actions.map((a) => ({ title: a.title, command: a.command, diagnostics: a.diagnostics })));
        }
      }
      client.settings = { diagnostics: { delay: 0 } };
      assert.deepEqual(leaks(JSON.stringify(answers)), [], 'an answer holds a secret');
      client.close(uri);
    });
  });
});
