// The language server survives anything a client sends, over stdio as an editor drives it:
// malformed requests and notifications each get an answer (a result or an error) and the server
// keeps serving; a thousand rapid edits end with exactly the diagnostics of a fresh analysis; a
// handler that throws answers with an error. And a model's hardcoded secrets reach no message,
// hover, completion, action title or log.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateModel, prng } from '../../bench/generate.js';
import { createMoatService } from '../../server/src/service/index.js';
import { UriMap } from '../../server/src/lsp/uris.js';
import { diagnosticsFor } from '../../server/src/lsp/diagnostics.js';
import { TestClient, uriOf } from '../lsp/client.js';

const BOUND = { timeout: 120_000 };

const MODEL = `moat: 1
name: shop
boundaries:
  cluster: { trust: internal }
data:
  order: { classification: confidential }
services:
  web:
    kind: service
    boundary: cluster
    calls:
      - to: orders
        protocol: http
        auth: none
        data: [order]
  orders: { kind: service, boundary: cluster }
`;

/** The line of `web:`, an id every navigation request can act on. */
const WEB = MODEL.split('\n').indexOf('  web:');

type Answer = { result: unknown } | { error: { code: number; message: string } };

/** Sends a request and resolves with what came back, whichever it was. */
async function answerOf(client: TestClient, method: string, params: unknown): Promise<Answer> {
  try {
    return { result: await client.connection.sendRequest(method, params) };
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    assert.equal(typeof e.code, 'number', `${method}: not a JSON-RPC error: ${String(err)}`);
    return { error: { code: e.code as number, message: String(e.message) } };
  }
}

/** What a fresh server would say of `text` at `file`: the diagnostics of an analysis from scratch. */
async function freshDiagnostics(file: string, text: string): Promise<Diagnostic[]> {
  const uri = uriOf(file);
  const service = createMoatService();
  const uris = new UriMap();
  service.setDocument(uris.pathOf(uri), text, 1);
  return diagnosticsFor(uris.pathOf(uri), await service.analysesOf(uris.pathOf(uri)));
}

describe('the language server survives anything a client sends', () => {
  let client: TestClient;
  let dir: string;
  let probe: string;
  const logs: string[] = [];

  /** A valid request after each bad one: the hover of `web`'s key names it a service. */
  const stillServes = async (after: string) => {
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: probe }, position: { line: WEB, character: 3 } }) as Hover | null;
    assert.ok(hover, `after ${after}: no hover`);
    assert.match((hover.contents as { value: string }).value, /\*\*web\*\*: service in boundary `cluster`/, `after ${after}`);
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-lsp-robust-'));
    client = new TestClient();
    client.connection.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
    client.connection.onNotification('window/showMessage', (p: { message: string }) => { logs.push(p.message); });
    await client.initialize({ folders: [dir] });
    probe = client.open(path.join(dir, 'probe.moat.yaml'), MODEL);
    await stillServes('opening');
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const at = (line: number, character: number) => ({ line, character });
  const doc = () => ({ uri: probe });
  const bad: [string, string, () => unknown][] = [
    ['hover without a textDocument', 'textDocument/hover', () => ({ position: at(0, 0) })],
    ['hover without params', 'textDocument/hover', () => undefined],
    ['hover with params that are a list', 'textDocument/hover', () => [1, 2, 3]],
    ['hover past the end', 'textDocument/hover', () => ({ textDocument: doc(), position: at(1_000_000, 1_000_000) })],
    ['hover at negative numbers', 'textDocument/hover', () => ({ textDocument: doc(), position: at(-5, -1) })],
    ['hover at fractions and strings', 'textDocument/hover', () => ({ textDocument: doc(), position: { line: 1.5, character: 'x' } })],
    ['hover at a null position', 'textDocument/hover', () => ({ textDocument: doc(), position: null })],
    ['hover on an unknown URI', 'textDocument/hover', () => ({ textDocument: { uri: 'file:///nowhere/unknown.moat.yaml' }, position: at(0, 0) })],
    ['hover on a URI of a million characters', 'textDocument/hover', () => ({ textDocument: { uri: `file:///${'x'.repeat(1_000_000)}` }, position: at(0, 0) })],
    ['hover on a URI that is not one', 'textDocument/hover', () => ({ textDocument: { uri: '%E0%A4%A' }, position: at(0, 0) })],
    ['hover on a URI that is a number', 'textDocument/hover', () => ({ textDocument: { uri: 42 }, position: at(0, 0) })],
    ['completion without a position', 'textDocument/completion', () => ({ textDocument: doc() })],
    ['completion past the end of a line', 'textDocument/completion', () => ({ textDocument: doc(), position: at(3, 9999) })],
    ['completion at negative numbers', 'textDocument/completion', () => ({ textDocument: doc(), position: at(-1, -1) })],
    ['definition at negative numbers', 'textDocument/definition', () => ({ textDocument: doc(), position: at(-1, -1) })],
    ['references without a context', 'textDocument/references', () => ({ textDocument: doc(), position: at(WEB, 3) })],
    ['prepareRename past the end', 'textDocument/prepareRename', () => ({ textDocument: doc(), position: at(99, 99) })],
    ['rename to a name of a million characters', 'textDocument/rename', () => ({ textDocument: doc(), position: at(WEB, 3), newName: 'w'.repeat(1_000_000) })],
    ['rename to null', 'textDocument/rename', () => ({ textDocument: doc(), position: at(WEB, 3), newName: null })],
    ['rename to a number', 'textDocument/rename', () => ({ textDocument: doc(), position: at(WEB, 3), newName: 7 })],
    ['code actions with a null context', 'textDocument/codeAction', () => ({ textDocument: doc(), range: { start: at(0, 0), end: at(0, 0) }, context: null })],
    ['code actions for garbage diagnostics', 'textDocument/codeAction', () => ({
      textDocument: doc(), range: { start: at(0, 0), end: at(0, 0) },
      context: { diagnostics: [null, 7, { garbage: true }, { source: 'moat', data: { rule: 'x', fingerprint: 'y' }, range: { start: at(-1, 0), end: at(1e9, 0) }, message: '' }] },
    })],
    ['code actions with diagnostics that are a string', 'textDocument/codeAction', () => ({ textDocument: doc(), range: { start: at(0, 0), end: at(0, 0) }, context: { diagnostics: 'nope' } })],
    ['diagnostics without a textDocument', 'textDocument/diagnostic', () => ({})],
    ['diagnostics of an unknown URI', 'textDocument/diagnostic', () => ({ textDocument: { uri: 'untitled:nothing' } })],
    ['symbols of a number', 'textDocument/documentSymbol', () => ({ textDocument: { uri: 42 } })],
    ['folding without params', 'textDocument/foldingRange', () => ({})],
    ['a method no one knows', 'moat/nothing', () => ({})],
  ];

  for (const [what, method, params] of bad) {
    it(`${what}: answers, and the server keeps serving`, BOUND, async () => {
      const answer = await answerOf(client, method, params());
      if ('error' in answer) assert.ok(answer.error.message.length > 0);
      await stillServes(what);
    });
  }

  it('a rename never answers with an edit whose text is not a string', BOUND, async () => {
    for (const newName of [null, 7, { x: 1 }, ['a']]) {
      const answer = await answerOf(client, 'textDocument/rename', { textDocument: doc(), position: at(WEB, 3), newName });
      if ('error' in answer) continue;
      const edit = answer.result as { documentChanges?: { edits: { newText: unknown }[] }[] } | null;
      for (const change of edit?.documentChanges ?? []) {
        for (const e of change.edits) assert.equal(typeof e.newText, 'string', `rename to ${JSON.stringify(newName)} sends ${JSON.stringify(e.newText)}`);
      }
    }
  });

  it('a refused rename answers with invalid params, and is no failure to log', BOUND, async () => {
    const before = logs.length;
    const answer = await answerOf(client, 'textDocument/rename', { textDocument: doc(), position: at(WEB, 3), newName: 'Not Valid' });
    assert.ok('error' in answer);
    assert.equal(answer.error.code, -32602);
    assert.match(answer.error.message, /^`Not Valid` is not a valid id/);
    await stillServes('a refused rename');
    assert.deepEqual(logs.slice(before), []);
  });

  it('malformed notifications are survived', BOUND, async () => {
    const damaged = client.open(path.join(dir, 'damaged.moat.yaml'), MODEL);
    const notes: [string, unknown][] = [
      ['textDocument/didOpen', {}],
      ['textDocument/didOpen', { textDocument: { uri: uriOf(path.join(dir, 'no-text.moat.yaml')), languageId: 'moat', version: 1 } }],
      ['textDocument/didChange', { textDocument: { uri: 'file:///nowhere/x.moat.yaml', version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri: damaged, version: 2 }, contentChanges: [{ range: { start: at(1e6, 0), end: at(1e6, 5) }, text: 'x: 1\n' }] }],
      ['textDocument/didChange', { textDocument: { uri: damaged, version: 3 }, contentChanges: [{ range: { start: at(-3, -3), end: at(-1, 0) }, text: '# top\n' }] }],
      ['textDocument/didChange', { textDocument: { uri: damaged, version: 1 }, contentChanges: null }],
      ['textDocument/didChange', { textDocument: { uri: damaged } }],
      ['textDocument/didClose', { textDocument: { uri: 'file:///never/opened.moat.yaml' } }],
      ['workspace/didChangeConfiguration', { settings: 'garbage' }],
      ['workspace/didChangeWatchedFiles', { changes: 'garbage' }],
      ['$/cancelRequest', { id: 'no-such-request' }],
      ['moat/nothing', { x: 1 }],
    ];
    for (const [method, params] of notes) {
      await client.connection.sendNotification(method, params);
      await stillServes(`${method} ${JSON.stringify(params).slice(0, 80)}`);
    }
    const report = await client.diagnostics(damaged);
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((d) => d.code === 'unencrypted-flow'), 'the damaged document is still analysed');
    client.close(damaged);
  });

  it('a thousand rapid edits, then a pull: exactly the diagnostics of a fresh analysis of the final text', BOUND, async () => {
    const file = path.join(dir, 'rapid.moat.yaml');
    let text = generateModel(20, { seed: 4242 });
    const uri = client.open(file, text);
    const rand = prng(99);
    const pieces = [' ', ':', '- ', '\n', '{', '}', '[', ']', '#', '"', "'", 'x', 'to: orders', '\n  ', 'http', 'auth: none', '\t', '&a', '*a'];
    for (let i = 0; i < 1000; i++) {
      const at = Math.floor(rand() * (text.length + 1));
      const r = rand();
      if (r < 0.45) text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
      else if (r < 0.9) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 8)));
      else text = text.slice(0, at) + text.slice(Math.max(0, at - 40), at) + text.slice(at);
      client.change(uri, text);
    }
    const report = await client.diagnostics(uri);
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items, await freshDiagnostics(file, text));
    // And once more on a text that is a valid model again.
    const valid = generateModel(12, { seed: 5 });
    client.change(uri, valid);
    assert.deepEqual((await client.diagnostics(uri)).items, await freshDiagnostics(file, valid));
    client.close(uri);
  });

  it('a request whose handler throws answers with an error, says why in the log, and the server goes on', BOUND, async () => {
    const before = logs.length;
    const answer = await answerOf(client, 'textDocument/codeAction', { textDocument: doc(), range: { start: at(0, 0), end: at(0, 0) }, context: null });
    assert.ok('error' in answer, 'an error, not a result');
    assert.equal(answer.error.code, -32603);
    assert.match(answer.error.message, /^Moat could not answer code actions: /);
    await client.until(() => logs.length > before);
    assert.match(logs.slice(before).join('\n'), /moat: code actions failed: TypeError/);
    await stillServes('a handler that threw');
  });

  it('a document whose URI holds a malformed escape is analysed like any other', BOUND, async () => {
    const uri = 'untitled:Untitled-%E0%A4%A.moat.yaml';
    client.texts.set(uri, { text: MODEL, version: 1 });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moat', version: 1, text: MODEL } });
    const report = await client.diagnostics(uri);
    assert.ok(report.items.some((d) => d.code === 'unencrypted-flow'), JSON.stringify(report.items.map((d) => d.code)));
    client.close(uri);
    await stillServes('a malformed URI');
  });

  it('nothing reached the server\'s standard error', () => {
    assert.equal(client.stderr, '');
  });
});
