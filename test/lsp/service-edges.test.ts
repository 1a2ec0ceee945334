// What the language server answers through the service that the editor could not see before:
// the diagram as the Problems panel sees it (config and settings applied), code actions that
// defer "fix all" to codeAction/resolve and stop when cancelled, and diagnostics that say how
// many are not shown (moat.diagnostics.minSeverity, VS Code's 1,000 per file).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, SnippetTextEdit, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { yaml } from '../helpers.js';
import { TestClient, expandSnippet } from './client.js';
import { withPlaceholder } from '../../server/src/lsp/actions.js';

const SHOP = yaml`
  moat: 1
  name: shop
  boundaries:
    cluster: { trust: internal }
  services:
    web:
      kind: service
      boundary: cluster
      calls:
        - { to: orders, protocol: http, auth: none }
        - { to: stock, protocol: http, auth: none }
        - { to: mail, protocol: http, auth: none }
    orders: { kind: service, boundary: cluster }
    stock: { kind: service, boundary: cluster }
    mail: { kind: service, boundary: cluster }
`;

/** `n` services, each calling the next over plain HTTP without authentication: many findings per file. */
function manyServices(n: number): string {
  const lines = ['moat: 1', 'name: big', 'boundaries:', '  cluster: { trust: internal }', 'services:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  s${i}:`, '    kind: service', '    boundary: cluster', '    calls:', `      - { to: s${(i + 1) % n}, protocol: http, auth: none }`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A language server over a new folder for one suite: `ready` gets the client and the folder
 * before the server starts (to write files or settings), and both go when the suite ends.
 */
function serveFolder(prefix: string, options: Parameters<TestClient['initialize']>[0], ready: (client: TestClient, dir: string) => void): void {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    client = new TestClient();
    ready(client, dir);
    await client.initialize({ folders: [dir], ...options });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

describe('language server: the diagram panel\'s requests', () => {
  let client: TestClient;
  let dir: string;
  serveFolder('moat-lsp-diagram-', {}, (c, d) => {
    client = c;
    dir = d;
    fs.writeFileSync(path.join(dir, '.moatrc.yaml'), 'rules:\n  unencrypted-flow: low\n');
    client.settings = { diagnostics: { delay: 0 }, rules: { 'unauthenticated-flow': 'off' } };
  });

  it('draws the findings the Problems panel shows: .moatrc.yaml and moat.rules applied', async () => {
    const uri = client.open(path.join(dir, 'shop.moat.yaml'), SHOP);
    const problems = (await client.diagnostics(uri)).items.filter((d) => d.code === 'unencrypted-flow' || d.code === 'unauthenticated-flow');
    assert.deepEqual(problems.map((d) => [d.code, d.severity]), [['unencrypted-flow', 3], ['unencrypted-flow', 3], ['unencrypted-flow', 3]]);
    const answer = await client.connection.sendRequest<any>('moat/diagram', { uri });
    assert.equal(answer.payload.fileName, 'shop.moat.yaml');
    const edge = answer.payload.diagram.edges.find((e: any) => e.from === 'web' && e.to === 'orders');
    assert.deepEqual(edge.findings.map((f: any) => [f.rule, f.severity]), [['unencrypted-flow', 'low']]);
  });

  it('says where an element is written and which elements a position is in, and gives the Mermaid text', async () => {
    const uri = client.open(path.join(dir, 'nav.moat.yaml'), SHOP);
    const line = SHOP.split('\n').findIndex((l) => l.includes('to: stock'));
    const elements = await client.connection.sendRequest('moat/diagramElements', { uri, position: { line, character: 12 } });
    assert.deepEqual(elements, [{ type: 'flow', id: 'web->stock' }, { type: 'service', id: 'web' }]);
    const source = await client.connection.sendRequest<any>('moat/diagramSource', { uri, element: { type: 'service', id: 'mail' } });
    assert.equal(source.uri, uri);
    assert.deepEqual(source.range.start, { line: SHOP.split('\n').findIndex((l) => l.startsWith('  mail:')), character: 2 });
    const md = await client.connection.sendRequest<any>('moat/diagram', { uri, format: 'markdown', view: { focus: 'mail' } });
    assert.match(md.markdown, /^```mermaid\n/);
    assert.doesNotMatch(md.markdown, /orders/, 'the focused view only');
  });

  it('keeps no diagram for a model that does not parse, and says why with the line', async () => {
    const uri = client.open(path.join(dir, 'broken.moat.yaml'), 'moat: 1\nservices:\n  a: [\n');
    const answer = await client.connection.sendRequest<any>('moat/diagram', { uri });
    assert.equal(answer.payload, undefined);
    assert.match(answer.stale, /^The model has a syntax error \(line \d+\): /);
  });
});

describe('language server: code actions', () => {
  let client: TestClient;
  let dir: string;
  serveFolder('moat-lsp-actions-', { resolveEdits: true }, (c, d) => {
    client = c;
    dir = d;
  });

  it('offers "fix all" without working it out, and works it out on codeAction/resolve', async () => {
    const uri = client.open(path.join(dir, 'shop.moat.yaml'), SHOP);
    const flows = (await client.diagnostics(uri)).items.filter((d) => d.code === 'unencrypted-flow');
    assert.equal(flows.length, 3);
    const actions = await client.codeActions(uri, [flows[0]]);
    const all = actions.find((a) => a.title === 'Fix all unencrypted-flow findings in this file');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(all.edit, undefined, 'no edit until chosen');
    const resolved = await client.connection.sendRequest<CodeAction>('codeAction/resolve', all);
    const text = client.apply(resolved.edit!).get(uri)!;
    assert.equal((text.match(/protocol: https/g) ?? []).length, 3, text);
    assert.equal(resolved.diagnostics?.length, 3);
  });

  it('"Accept …" to a client that takes no snippet edits: a plain text edit, no command', async () => {
    const uri = client.open(path.join(dir, 'accept.moat.yaml'), SHOP);
    const [flow] = (await client.diagnostics(uri)).items.filter((d) => d.code === 'unencrypted-flow');
    const accept = (await client.codeActions(uri, [flow])).find((a) => a.title.startsWith('Accept `unencrypted-flow`'));
    assert.ok(accept?.edit);
    assert.equal(accept.command, undefined);
    assert.ok((accept.edit.documentChanges as TextDocumentEdit[]).every((c) => c.edits.every((e) => 'newText' in e)));
    assert.match(client.apply(accept.edit).get(uri)!, /\n    reason: ""\n$/);
  });

  it('stops a request the editor cancelled while the model was analysed, with the cancelled error', async () => {
    const uri = client.open(path.join(dir, 'big.moat.yaml'), manyServices(300));
    const items = (await client.diagnostics(uri)).items;
    const range = items[1].range;
    for (const [method, params] of [
      ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: items.slice(1, 20) } }],
      ['textDocument/hover', { textDocument: { uri }, position: range.start }],
    ] as const) {
      // A new text to analyse (a few hundred milliseconds), the request, and its cancellation while the server works.
      client.change(uri, manyServices(300 + Math.floor(Math.random() * 50)));
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest(method, params, source.token);
      setTimeout(() => source.cancel(), 1);
      await assert.rejects(answer, (err: { code?: number }) => err.code === -32800, method);
    }
  });
});

describe('language server: findings the editor does not show', () => {
  let client: TestClient;
  let dir: string;
  serveFolder('moat-lsp-hidden-', {}, (c, d) => {
    client = c;
    dir = d;
  });

  const notice = (items: Diagnostic[]) => items.filter((d) => d.code === 'moat/hidden');

  it('shows at most 1,000 per file, the most serious, and says at the top how many more there are', async () => {
    const uri = client.open(path.join(dir, 'big.moat.yaml'), manyServices(600));
    const { items } = await client.diagnostics(uri);
    assert.equal(items.length, 1000);
    const [first] = items;
    assert.equal(first.code, 'moat/hidden');
    assert.deepEqual(first.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const status = client.statuses.filter((s) => s.uris.includes(uri)).at(-1)!;
    const total = Object.values(status.counts).reduce((a, b) => a + b, 0);
    const hidden = total - 999;
    assert.equal(first.message, `${hidden} more Moat findings are not shown in this file: ${hidden} of the least severe past the 1000 an editor shows per file. \`moat check\` lists them all.`);
    assert.equal(status.hidden?.[uri], hidden);
    // The most serious are kept: here more than 999 are warnings, the worst there is, and only they are shown.
    assert.ok(items.slice(1).every((d) => d.severity === 2), 'only warnings are shown');
  });

  it('moat.diagnostics.minSeverity leaves out what is below it and says how many', async () => {
    client.settings = { diagnostics: { delay: 0, minSeverity: 'medium' } };
    const uri = client.open(path.join(dir, 'shop.moat.yaml'), SHOP);
    const { items } = await client.diagnostics(uri);
    const shown = items.filter((d) => d.code !== 'moat/hidden');
    assert.ok(shown.length > 0);
    assert.ok(shown.every((d) => d.severity! <= 2), shown.map((d) => `${d.code} ${d.severity}`).join(', '));
    const status = client.statuses.filter((s) => s.uris.includes(uri)).at(-1)!;
    const total = Object.values(status.counts).reduce((a, b) => a + b, 0);
    assert.equal(total - shown.length, status.hidden?.[uri]);
    assert.equal(notice(items).length, 1);
    assert.match(String(notice(items)[0].message), new RegExp(`^${total - shown.length} more Moat findings are not shown in this file: ${total - shown.length} below medium \\(setting moat\\.diagnostics\\.minSeverity\\)\\.`));
    client.settings = { diagnostics: { delay: 0 } };
  });
});

describe('language server: the outline within moat.outline.maxSymbols', () => {
  let client: TestClient;
  let dir: string;
  serveFolder('moat-lsp-outline-', {}, (c, d) => {
    client = c;
    dir = d;
  });

  type Symbol = { name: string; detail?: string; range: unknown; children?: Symbol[] };
  const outline = (uri: string) => client.connection.sendRequest<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri } });

  it('lists every call under 2,000 symbols; past the setting, the services without their calls and a note first', async () => {
    const uri = client.open(path.join(dir, 'shop.moat.yaml'), SHOP);
    await client.diagnostics(uri);
    const whole = await outline(uri);
    const web = (s: Symbol[]) => s.find((x) => x.name === 'services')!.children!.find((x) => x.name === 'web')!;
    assert.deepEqual(web(whole).children!.map((c) => c.name), ['→ orders', '→ stock', '→ mail']);
    client.settings = { diagnostics: { delay: 0 }, outline: { maxSymbols: 11 } };
    const limited = await outline(uri);
    assert.equal(limited[0].name, '3 calls not listed');
    assert.equal(limited[0].detail, 'more than moat.outline.maxSymbols (11)');
    assert.deepEqual(limited[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(web(limited).children, undefined);
    assert.deepEqual(limited.slice(1).map((s) => s.name), whole.map((s) => s.name));
    client.settings = { diagnostics: { delay: 0 } };
    assert.deepEqual(await outline(uri), whole);
  });

  it('finds every element by name in Go to Symbol in Workspace (workspace/symbol), the ones the outline leaves out too', async () => {
    const big = path.join(dir, 'big.moat.yaml');
    const text = manyServices(30);
    fs.writeFileSync(big, text);
    client.settings = { diagnostics: { delay: 0 }, outline: { maxSymbols: 5 } };
    const uri = client.open(path.join(dir, 'shop.moat.yaml'), SHOP);
    await client.diagnostics(uri);
    type Found = { name: string; kind: number; containerName: string; location: { uri: string; range: { start: { line: number; character: number } } } };
    // s29 is in a file no editor holds, past any outline of it.
    const found = await client.connection.sendRequest<Found[]>('workspace/symbol', { query: 's29' });
    const line = text.split('\n').indexOf('  s29:');
    assert.deepEqual(found, [{
      name: 's29', kind: 5, containerName: 'services',
      location: { uri: pathToFileURL(big).href, range: { start: { line, character: 2 }, end: { line, character: 5 } } },
    }]);
    const mail = await client.connection.sendRequest<Found[]>('workspace/symbol', { query: 'mai' });
    assert.deepEqual(mail.map((f) => [f.name, f.location.uri, f.location.range.start]), [['mail', uri, { line: SHOP.split('\n').findIndex((l) => l.startsWith('  mail:')), character: 2 }]]);
    client.settings = { diagnostics: { delay: 0 } };
  });
});

describe('language server: "Accept …" for a client that applies snippet edits (LSP 3.18, VS Code)', () => {
  let client: TestClient;
  let dir: string;
  serveFolder('moat-lsp-snippet-', { snippetEdits: true }, (c, d) => {
    client = c;
    dir = d;
  });

  /** The one snippet edit of an action: its text as inserted, and where its placeholder is. */
  const snippetOf = (action: CodeAction) => {
    const edits = (action.edit!.documentChanges as TextDocumentEdit[]).flatMap((c) => c.edits);
    const snippets = edits.filter((e): e is SnippetTextEdit => 'snippet' in e);
    assert.equal(snippets.length, 1, JSON.stringify(edits));
    return { edit: snippets[0], ...expandSnippet(snippets[0].snippet.value) };
  };

  it('an `accept:` entry: the reason between its quotes is an empty placeholder, the only one; the edit starts its line', async () => {
    const uri = client.open(path.join(dir, 'accept.moat.yaml'), SHOP);
    const [d] = (await client.diagnostics(uri)).items.filter((x) => x.code === 'unencrypted-flow');
    const accept = (await client.codeActions(uri, [d])).find((a) => a.title === 'Accept `unencrypted-flow` on web->orders…')!;
    assert.equal(accept.command, undefined);
    const { edit, text, stops } = snippetOf(accept);
    // From the start of the last line, rewritten as it was: VS Code indents a snippet's lines by what precedes it on its line.
    assert.equal(edit.snippet.value, '  mail: { kind: service, boundary: cluster \\}\n\naccept:\n  - rule: unencrypted-flow\n    target: web->orders\n    reason: "${1}"');
    assert.equal(edit.range.start.character, 0);
    assert.deepEqual(stops, [{ index: 1, at: text.indexOf('reason: "') + 'reason: "'.length, text: '' }]);
    assert.equal(client.apply(accept.edit!).get(uri), `${SHOP}\naccept:\n  - rule: unencrypted-flow\n    target: web->orders\n    reason: ""\n`);
    client.close(uri);
  });

  it('a `# moat-accept` comment: the placeholder ends the comment', async () => {
    client.settings = { diagnostics: { delay: 0 }, accept: { style: 'comment' } };
    try {
      const text = SHOP;
      const uri = client.open(path.join(dir, 'inline.moat.yaml'), text);
      const [d] = (await client.diagnostics(uri)).items.filter((x) => x.code === 'unauthenticated-flow' && String(x.message).includes('orders'));
      const accept = (await client.codeActions(uri, [d])).find((a) => a.title.startsWith('Accept `unauthenticated-flow`'))!;
      const { edit, text: inserted, stops } = snippetOf(accept);
      assert.equal(edit.snippet.value, '      # moat-accept unauthenticated-flow: ${1}\n');
      assert.deepEqual(stops, [{ index: 1, at: inserted.length - 1, text: '' }]);
      assert.equal(client.apply(accept.edit!).get(uri), text.replace('      - { to: orders', '      # moat-accept unauthenticated-flow: \n      - { to: orders'));
      client.close(uri);
    } finally {
      client.settings = { diagnostics: { delay: 0 } };
    }
  });

  it('escapes the snippet syntax in the text around the placeholder, whichever edit holds it', () => {
    const edits = [
      { file: 'f', start: 0, end: 3, newText: 'a$' },
      { file: 'f', start: 10, end: 10, newText: 'x: "$HOME}\\" # ' },
    ];
    // In the edited text, the second edit starts at 10 - 1 = 9; its placeholder goes after `x: "`.
    const text = 'abcdef\n  gh: 1\n';
    const placed = withPlaceholder(text, edits, 9 + 'x: "'.length)!;
    // The second edit starts its line (7): `  g` before it is rewritten as it was, escaped too.
    assert.deepEqual(placed.map((e) => [e.start, e.snippet]), [[0, undefined], [7, '  gx: "${1}\\$HOME\\}\\\\" # ']]);
    assert.equal(expandSnippet(placed[1].snippet!).text, `  g${edits[1].newText}`);
    assert.equal(withPlaceholder(text, edits, 5), undefined, 'a place no edit writes');
    // An edit on the line before it: the snippet starts where its edit does.
    assert.equal(withPlaceholder(text, [{ file: 'f', start: 8, end: 9, newText: 'G' }, edits[1]], 11 + 4)![1].start, 10);
  });

  it('a malformed diagnostic in the request (null, a number) is ignored, not an error', async () => {
    const uri = client.open(path.join(dir, 'odd.moat.yaml'), SHOP);
    const [d] = (await client.diagnostics(uri)).items.filter((x) => x.code === 'unencrypted-flow');
    const titles = (await client.codeActions(uri, [null, 42, d] as unknown as Diagnostic[])).map((a) => a.title);
    assert.ok(titles.includes('Switch to `https`'), titles.join(' | '));
    client.close(uri);
  });

  it('other fixes stay plain text edits', async () => {
    const uri = client.open(path.join(dir, 'plain.moat.yaml'), SHOP);
    const [d] = (await client.diagnostics(uri)).items.filter((x) => x.code === 'unencrypted-flow');
    const fix = (await client.codeActions(uri, [d])).find((a) => a.title === 'Switch to `https`')!;
    assert.ok((fix.edit!.documentChanges as TextDocumentEdit[]).every((c) => c.edits.every((e) => 'newText' in e)));
    client.close(uri);
  });
});
