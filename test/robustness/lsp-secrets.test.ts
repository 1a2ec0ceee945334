// Hardcoded secrets in a model never leave the language server: not in a diagnostic, a hover, a
// completion item, a code action's title, a symbol, a status, nor anything it logs
// (window/logMessage, window/showMessage, standard error). Every position of the file is asked.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/client.js';

const BOUND = { timeout: 180_000 };

/** Distinctive values: finding one of them (or half of one) in an answer is never a coincidence. */
const SECRETS = {
  literal: 'Tr0ub4dor-and-3-LSP-LITERAL-1a7c',
  password: 'hunter2-LSP-PASSWORD-0b3e',
  aws: 'AKIAZQ3DRSXLSPLE7Q2L',
  github: 'ghp_L5pK2mQ9vL4nT8wZ1yB5cD3fG6hJ0kP2sU4x',
  stripe: 'sk_live_51LspQ2eR8vT3mK9pL4nW7yZ0',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsc3AtdGVzdCJ9.c2lnbmF0dXJlLWxzcC00Mg',
  flowStyle: 'flow-STYLE-lsp-secret-77d1',
};

const MODEL = `moat: 1
name: Leaky shop
boundaries:
  cluster: { trust: internal }
data:
  order: { classification: confidential, pii: true }
services:
  shopper:
    kind: user
    calls:
      - { to: api, protocol: https, auth: oidc, data: [order] }
  api:
    kind: gateway
    boundary: cluster
    controls: { rate-limit: 100/min, waf: true }
    secrets:
      SIGNING_KEY: ${SECRETS.literal}
      DB_PASSWORD: "${SECRETS.password}"
    env:
      AWS_ACCESS_KEY_ID: ${SECRETS.aws}
      GH_TOKEN: ${SECRETS.github}
      PAYMENTS: ${SECRETS.stripe}
      SESSION: ${SECRETS.jwt}
    calls:
      - { to: orders, protocol: http, data: [order] }
  orders:
    kind: service
    boundary: cluster
    secrets: { API_SECRET: ${SECRETS.flowStyle} }
`;

/** The same secrets where the model is broken around them: a syntax error, a wrong type, a typo. */
const BROKEN = MODEL
  .replace(`DB_PASSWORD: "${SECRETS.password}"`, `DB_PASSWORD: "${SECRETS.password}`)
  .replace(`GH_TOKEN: ${SECRETS.github}`, `GH_TOKEN: [${SECRETS.github}]`)
  .replace(`secrets: { API_SECRET: ${SECRETS.flowStyle} }`, `secret: { API_SECRET: ${SECRETS.flowStyle} }`);

function leaks(output: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(SECRETS)) {
    const probes = [value, value.slice(0, Math.ceil(value.length / 2)), value.slice(Math.floor(value.length / 2))];
    if (probes.some((p) => output.includes(p) || output.includes(JSON.stringify(p).slice(1, -1)))) found.push(name);
  }
  return found;
}

describe('hardcoded secrets never leave the language server', () => {
  let client: TestClient;
  let dir: string;
  const heard: unknown[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-lsp-secrets-'));
    client = new TestClient();
    client.connection.onNotification('window/logMessage', (p) => { heard.push(p); });
    client.connection.onNotification('window/showMessage', (p) => { heard.push(p); });
    client.connection.onNotification('moat/status', (p) => { heard.push(p); });
    client.connection.onNotification('textDocument/publishDiagnostics', (p) => { heard.push(p); });
    await client.initialize({ folders: [dir], initializationOptions: { clientCommands: ['moat.showRuleDocumentation', 'editor.action.triggerSuggest'] } });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the probe finds every secret in the models themselves', () => {
    assert.deepEqual(leaks(MODEL), Object.keys(SECRETS));
    assert.deepEqual(leaks(BROKEN), Object.keys(SECRETS));
  });

  for (const [name, text] of [['a valid model', MODEL], ['a model broken around its secrets', BROKEN]] as const) {
    it(`${name}: no answer to any request at any position holds a secret`, BOUND, async () => {
      const answers: unknown[] = [];
      const uri = client.open(path.join(dir, `${name.replace(/\W+/g, '-')}.moat.yaml`), text);
      const report = await client.diagnostics(uri);
      answers.push(report);
      const secretFindings = report.items.filter((d) => d.code === 'hardcoded-secret');
      if (text === MODEL) assert.equal(secretFindings.length, 7, JSON.stringify(report.items.map((d) => d.code)));
      else assert.ok(report.items.some((d) => d.code === 'model/syntax'));

      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line].length; character += 2) {
          const position = { line, character };
          answers.push(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
          answers.push(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }));
        }
        const position = { line, character: lines[line].length };
        answers.push(await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position }));
        answers.push(await client.connection.sendRequest('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }));
      }
      for (const style of ['entry', 'comment'] as const) {
        client.settings = { diagnostics: { delay: 0 }, accept: { style } };
        for (const d of report.items as Diagnostic[]) {
          const actions = await client.codeActions(uri, [d]);
          // Titles and commands: the edits themselves may hold the text they keep.
          answers.push(actions.map((a) => ({ title: a.title, command: a.command, diagnostics: a.diagnostics })));
        }
      }
      client.settings = { diagnostics: { delay: 0 } };
      answers.push(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));
      answers.push(await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }));

      assert.deepEqual(leaks(JSON.stringify(answers)), [], 'an answer holds a secret');
      client.close(uri);
    });
  }

  it('a failing request logs no secret either', BOUND, async () => {
    const uri = client.open(path.join(dir, 'failing.moat.yaml'), MODEL);
    await assert.rejects(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 17, character: 20 }, end: { line: 17, character: 30 } }, context: null }));
    await assert.rejects(client.connection.sendRequest('textDocument/completion', { textDocument: { uri } }));
    client.close(uri);
  });

  it('nothing the server sent unasked, logged or wrote to standard error holds a secret', () => {
    assert.ok(heard.length > 0);
    assert.deepEqual(leaks(JSON.stringify(heard)), [], 'a notification holds a secret');
    assert.deepEqual(leaks(client.stderr), [], 'standard error holds a secret');
  });
});
