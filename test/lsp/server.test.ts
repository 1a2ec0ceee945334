// The language server over stdio, driven as an editor drives it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { yaml } from '../helpers.js';
import { TestClient, textAt, uriOf } from './client.js';
import { KINDS, KIND_MEANINGS } from '../../server/src/model/vocabulary.js';

const SHOP = yaml`
  moat: 1
  name: shop
  boundaries:
    cluster: { trust: internal }
  data:
    order: { classification: confidential }
  services:
    web:
      kind: service   # the storefront
      boundary: cluster
      calls:
        - to: orders
          protocol: http
          auth: none
          data: [order]
    orders: { kind: service, boundary: cluster }
`;

function only(items: Diagnostic[], ...rules: string[]): Diagnostic[] {
  return items.filter((d) => rules.includes(String(d.code)));
}

describe('language server over stdio', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-lsp-'));
    client = new TestClient();
    const init = await client.initialize({ folders: [dir], snippetEdits: true, initializationOptions: { clientCommands: ['moat.showRuleDocumentation'] } });
    assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics are offered');
    assert.equal(init.capabilities.diagnosticProvider.interFileDependencies, true);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports findings on the exact value, with the rule as the code and its documentation', async () => {
    const uri = client.open(path.join(dir, 'diag.moat.yaml'), SHOP);
    const report = await client.diagnostics(uri);
    assert.equal(report.kind, 'full');
    const got = only(report.items, 'unencrypted-flow', 'unauthenticated-flow');
    assert.deepEqual(got.map((d) => ({ code: d.code, text: textAt(SHOP, d), line: d.range.start.line, severity: d.severity, source: d.source })), [
      { code: 'unencrypted-flow', text: 'http', line: 12, severity: 1, source: 'moat' },
      { code: 'unauthenticated-flow', text: 'none', line: 13, severity: 1, source: 'moat' },
    ]);
    assert.equal(got[0].codeDescription?.href, 'https://github.com/moat-security/moat/blob/main/docs/rules/unencrypted-flow.md');
    // Only the target rides along: a quick fix finds its finding by code, range and target.
    assert.deepEqual(got.map((d) => d.data), got.map(() => ({ target: 'web->orders' })));
    client.close(uri);
  });

  it('switches the protocol as the quick fix, keeping comments and layout', async () => {
    const uri = client.open(path.join(dir, 'fix.moat.yaml'), SHOP);
    const [d] = only((await client.diagnostics(uri)).items, 'unencrypted-flow');
    const actions = await client.codeActions(uri, [d]);
    const fix = actions.find((a) => a.title === 'Switch to `https`')!;
    assert.ok(fix, `titles: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(client.apply(fix.edit!).get(uri), SHOP.replace('protocol: http\n', 'protocol: https\n'));
    assert.ok(actions.some((a) => a.command?.command === 'moat.showRuleDocumentation'));
    client.close(uri);
  });

  it('finds the finding of a diagnostic from an older text by its rule and target, whatever its message says', async () => {
    const uri = client.open(path.join(dir, 'stale.moat.yaml'), SHOP);
    const [d] = only((await client.diagnostics(uri)).items, 'unencrypted-flow');
    // A line typed above it: the diagnostic the editor still holds points a line too high.
    const moved = `# a comment\n${SHOP}`;
    client.change(uri, moved);
    // The editor may show a message of its own (translated, shortened): the message plays no part.
    const fix = (await client.codeActions(uri, [{ ...d, message: 'x' }])).find((a) => a.title === 'Switch to `https`')!;
    assert.ok(fix);
    assert.equal(client.apply(fix.edit!).get(uri), moved.replace('protocol: http\n', 'protocol: https\n'));
    // Another target, or another rule's code with no target, names nothing.
    assert.deepEqual((await client.codeActions(uri, [{ ...d, data: { target: 'orders->web' } }])).map((a) => a.title), []);
    assert.deepEqual((await client.codeActions(uri, [{ ...d, code: 'unauthenticated-flow', data: undefined }])).map((a) => a.title), []);
    client.close(uri);
  });

  it('sets auth on the flow', async () => {
    const uri = client.open(path.join(dir, 'auth.moat.yaml'), SHOP);
    const [d] = only((await client.diagnostics(uri)).items, 'unauthenticated-flow');
    // The flow is `http`: `mtls` cannot run over it, so a token is suggested.
    const fix = (await client.codeActions(uri, [d])).find((a) => a.title === 'Set `auth: jwt`')!;
    assert.equal(client.apply(fix.edit!).get(uri), SHOP.replace('auth: none', 'auth: jwt'));
    client.close(uri);
  });

  it('accepts a finding with an `accept:` entry whose reason is left to write', async () => {
    const uri = client.open(path.join(dir, 'accept.moat.yaml'), SHOP);
    const [d] = only((await client.diagnostics(uri)).items, 'unencrypted-flow');
    const accept = (await client.codeActions(uri, [d])).find((a) => a.title === 'Accept `unencrypted-flow` on web->orders…')!;
    // The reason, between its quotes, is a snippet placeholder (| here): the editor puts the cursor there.
    assert.equal(client.apply(accept.edit!, '|').get(uri), `${SHOP}\naccept:\n  - rule: unencrypted-flow\n    target: web->orders\n    reason: "|"\n`);
    assert.equal(accept.command, undefined);
    const after = client.apply(accept.edit!).get(uri)!;
    const line = after.split('\n').length - 2;
    // Until the reason is written, the model says so, once and gently, at the reason, and the finding stays.
    client.change(uri, after);
    const items = (await client.diagnostics(uri)).items;
    assert.deepEqual(only(items, 'model/type').map((x) => [x.severity, x.range.start.line, x.range.start.character, x.range.end.character]),
      [[3, line, 12, 14]]);
    assert.equal(only(items, 'unencrypted-flow').length, 1);
    client.change(uri, after.replace('reason: ""', 'reason: the sidecar encrypts it'));
    assert.equal(only((await client.diagnostics(uri)).items, 'unencrypted-flow').length, 0);
    client.close(uri);
  });

  it('accepts with an inline comment when the settings say so', async () => {
    client.settings = { diagnostics: { delay: 0 }, accept: { style: 'comment' } };
    try {
      const uri = client.open(path.join(dir, 'inline.moat.yaml'), SHOP);
      const [d] = only((await client.diagnostics(uri)).items, 'unauthenticated-flow');
      const accept = (await client.codeActions(uri, [d])).find((a) => a.title === 'Accept `unauthenticated-flow` on web->orders…')!;
      const after = SHOP.replace('      - to: orders', '      # moat-accept unauthenticated-flow: \n      - to: orders');
      assert.equal(client.apply(accept.edit!).get(uri), after);
      assert.equal(client.apply(accept.edit!, '|').get(uri), after.replace('unauthenticated-flow: ', 'unauthenticated-flow: |'));
      client.close(uri);
    } finally {
      client.settings = { diagnostics: { delay: 0 } };
    }
  });

  it('fixes an unresolved reference and an unknown key with the suggestion', async () => {
    const text = SHOP.replace('- to: orders', '- to: ordrs').replace('boundary: cluster\n    calls', 'boundray: cluster\n    calls');
    const uri = client.open(path.join(dir, 'typos.moat.yaml'), text);
    const items = (await client.diagnostics(uri)).items;
    const ref = only(items, 'model/unresolved-reference');
    const key = only(items, 'model/unknown-key');
    assert.deepEqual(ref.map((d) => textAt(text, d)), ['ordrs']);
    assert.deepEqual(key.map((d) => textAt(text, d)), ['boundray']);
    const refFix = (await client.codeActions(uri, ref)).find((a) => a.title === 'Change `ordrs` to `orders`')!;
    assert.equal(client.apply(refFix.edit!).get(uri), text.replace('ordrs', 'orders'));
    const keyFix = (await client.codeActions(uri, key)).find((a) => a.title === 'Change `boundray` to `boundary`')!;
    assert.equal(client.apply(keyFix.edit!).get(uri), text.replace('boundray', 'boundary'));
    client.close(uri);
  });

  it('marks every edit with the document version, so a stale fix is refused', async () => {
    const uri = client.open(path.join(dir, 'stale.moat.yaml'), SHOP);
    const [d] = only((await client.diagnostics(uri)).items, 'unencrypted-flow');
    const [fix] = await client.codeActions(uri, [d]);
    const change = (fix.edit!.documentChanges as { textDocument: { version: number } }[])[0];
    assert.equal(change.textDocument.version, 1);
    client.change(uri, `${SHOP}# edited\n`);
    assert.throws(() => client.apply(fix.edit!), /stale edit/);
    client.close(uri);
  });

  it('fixes all findings of a rule in the file at once', async () => {
    const text = SHOP.replace('  orders: { kind: service, boundary: cluster }',
      '  orders: { kind: service, boundary: cluster, calls: [{ to: web, protocol: http }] }');
    const uri = client.open(path.join(dir, 'all.moat.yaml'), text);
    const ds = only((await client.diagnostics(uri)).items, 'unencrypted-flow');
    assert.equal(ds.length, 2);
    const all = (await client.codeActions(uri, [ds[0]])).find((a) => a.title === 'Fix all unencrypted-flow findings in this file')!;
    assert.equal(client.apply(all.edit!).get(uri), text.replace('protocol: http\n', 'protocol: https\n').replace('protocol: http }', 'protocol: https }'));
    client.close(uri);
  });

  it('answers `unchanged` when an edit leaves every diagnostic where it was, and only to the report it names', async () => {
    const uri = client.open(path.join(dir, 'unchanged.moat.yaml'), SHOP);
    const first = await client.diagnostics(uri);
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId);
    // A comment typed at the end of a line without findings moves no diagnostic.
    client.change(uri, SHOP.replace('name: shop', 'name: shop # a comment'));
    const same = await client.diagnostics(uri, first.resultId);
    assert.deepEqual([same.kind, same.resultId], ['unchanged', first.resultId]);
    // A client that names no report, or another one, gets the full report.
    assert.equal((await client.diagnostics(uri)).kind, 'full');
    // An edit that changes the findings gets a new full report.
    client.change(uri, SHOP.replace('protocol: http', 'protocol: https'));
    const changed = await client.diagnostics(uri, first.resultId);
    assert.equal(changed.kind, 'full');
    assert.notEqual(changed.resultId, first.resultId);
    assert.deepEqual(only(changed.items, 'unencrypted-flow'), []);
    client.close(uri);
  });

  it('while the file does not parse: the syntax error, and the last good findings marked as kept', async () => {
    const uri = client.open(path.join(dir, 'broken.moat.yaml'), SHOP);
    const good = (await client.diagnostics(uri)).items;
    assert.ok(good.some((d) => d.code === 'unencrypted-flow'));
    // A tab typed before `boundary:` of `web`: the parser loses the rest of `web`.
    const broken = SHOP.replace('    boundary: cluster\n    calls', '\tboundary: cluster\n    calls');
    assert.notEqual(broken, SHOP);
    client.change(uri, broken);
    const items = (await client.diagnostics(uri)).items;
    assert.deepEqual(items[0].code, 'model/syntax');
    assert.equal(textAt(broken, items[0]), '\t');
    assert.equal(items[0].range.start.line, 9);
    const kept = items.slice(1);
    assert.deepEqual(kept.map((d) => [d.code, d.range, d.message]), good.map((d) => [d.code, d.range, `${d.message} (From the last analysis before the syntax error; checked again once the file parses.)`]));
    // Once it parses again, the findings are its own.
    client.change(uri, SHOP);
    assert.deepEqual((await client.diagnostics(uri)).items, good);
    client.close(uri);
  });

  it('completion: no list after a finished value and a space, and a service is not offered as its own `to:`', async () => {
    const text = SHOP.replace('    kind: service   # the storefront\n', '    kind: external \n').replace('      - to: orders\n', '      - to: \n');
    assert.ok(text.includes('      - to: \n'));
    const uri = client.open(path.join(dir, 'complete.moat.yaml'), text);
    const lines = text.split('\n');
    const complete = (line: number, character: number) =>
      client.connection.sendRequest<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const kindLine = lines.indexOf('    kind: external ');
    assert.deepEqual(await complete(kindLine, '    kind: external '.length), []);
    assert.ok((await complete(kindLine, '    kind: '.length)).some((c) => c.label === 'external'), 'inside the value the list is offered');
    const toLine = lines.indexOf('      - to: ');
    assert.deepEqual((await complete(toLine, '      - to: '.length)).map((c) => c.label), ['orders']);
    client.close(uri);
  });

  it('highlights an id where it is written, not inside longer ids', async () => {
    const text = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        catalog: { kind: service, boundary: cluster, calls: [{ to: catalog-db, protocol: postgres, tls: tls, auth: password }] }
        catalog-db: { kind: database, boundary: cluster }
        web: { kind: frontend, boundary: cluster, calls: [{ to: catalog, protocol: https, auth: jwt }] }
    `;
    const uri = client.open(path.join(dir, 'highlight.moat.yaml'), text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('  catalog:'));
    const highlights = await client.connection.sendRequest<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; kind: number }[]>(
      'textDocument/documentHighlight', { textDocument: { uri }, position: { line, character: 3 } });
    assert.deepEqual(highlights.map((h) => [h.range.start.line, lines[h.range.start.line].slice(h.range.start.character, h.range.end.character), h.kind]), [
      [line, 'catalog', 3],
      [lines.findIndex((l) => l.startsWith('  web:')), 'catalog', 2],
    ]);
    // Not on an id: nothing (the editor's word highlighting would mark every `kind`).
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri }, position: { line, character: 14 } }), []);
    client.close(uri);
  });

  it('cancels a diagnostics request whose document changed while it waited', async () => {
    client.settings = { diagnostics: { delay: 10_000 } };
    try {
      const uri = client.open(path.join(dir, 'cancel.moat.yaml'), SHOP);
      const pending = client.diagnostics(uri);
      client.change(uri, `${SHOP}# typing\n`);
      await assert.rejects(pending, (err: { code: number; data: unknown }) => {
        assert.equal(err.code, -32802);
        assert.deepEqual(err.data, { retriggerRequest: true });
        return true;
      });
      client.close(uri);
    } finally {
      client.settings = { diagnostics: { delay: 0 } };
    }
  });

  it('applies severity settings per resource, and the .moatrc.yaml next to the model', async () => {
    const sub = path.join(dir, 'configured');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, '.moatrc.yaml'), 'rules:\n  unauthenticated-flow: off\n  unencrypted-flow: low\n');
    const uri = client.open(path.join(sub, 'conf.moat.yaml'), SHOP);
    let items = (await client.diagnostics(uri)).items;
    assert.deepEqual(only(items, 'unencrypted-flow', 'unauthenticated-flow').map((d) => [d.code, d.severity]), [['unencrypted-flow', 3]]);
    client.settings = { diagnostics: { delay: 0 }, rules: { 'unencrypted-flow': 'medium' } };
    try {
      items = (await client.diagnostics(uri)).items;
      assert.deepEqual(only(items, 'unencrypted-flow', 'unauthenticated-flow').map((d) => [d.code, d.severity]), [['unencrypted-flow', 2]]);
    } finally {
      client.settings = { diagnostics: { delay: 0 } };
    }
    client.close(uri);
  });

  it('hovers a rule id in an acceptance with its documentation', async () => {
    const text = `${SHOP}accept:\n  - rule: unencrypted-flow\n    target: web->orders\n    reason: sidecar\n`;
    const uri = client.open(path.join(dir, 'rulehover.moat.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('rule: unencrypted-flow'));
    const hover: { contents: { value: string } } = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 14 } });
    assert.match(hover.contents.value, /^### Unencrypted flow \(`unencrypted-flow`\)/);
    client.close(uri);
  });

  it('completes grant targets and actions', async () => {
    const text = `${SHOP}roles:\n  writer:\n    grants:\n      \n      orders: [read, ]\n`;
    const uri = client.open(path.join(dir, 'grants.moat.yaml'), text);
    const lines = text.split('\n');
    const targetLine = lines.indexOf('      ');
    const targets: { label: string }[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: targetLine, character: 6 } });
    assert.deepEqual(targets.map((t) => t.label), ['web', '*'], 'orders already has a grant');
    const actionLine = lines.indexOf('      orders: [read, ]');
    const actions: { label: string }[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: actionLine, character: 21 } });
    assert.deepEqual(actions.map((a) => a.label), ['write', 'delete', 'execute', 'admin', '*']);
    client.close(uri);
  });

  it('keeps serving after a request fails', async () => {
    const uri = client.open(path.join(dir, 'robust.moat.yaml'), SHOP);
    await assert.rejects(client.connection.sendRequest('textDocument/hover', { textDocument: { uri } }));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 5 } });
    assert.ok(hover);
    client.close(uri);
  });
});

describe('models across files', () => {
  let client: TestClient;
  let dir: string;
  let rootFile: string;
  let partFile: string;
  const ROOT_TEXT = yaml`
    moat: 1
    name: shop
    include: [parts/backend.moat.yaml]
    boundaries:
      cluster: { trust: internal }
    services:
      web:
        kind: service
        boundary: cluster
        calls:
          - { to: orders, protocol: grpc, tls: mtls, auth: jwt }
  `;
  const PART_TEXT = yaml`
    moat: 1
    services:
      orders:
        kind: service
        boundary: cluster
        calls:
          - { to: orders-db, protocol: postgres, tls: tls, auth: none }
      orders-db: { kind: database, boundary: cluster }
  `;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-lsp-inc-'));
    fs.mkdirSync(path.join(dir, 'parts'));
    rootFile = path.join(dir, 'shop.moat.yaml');
    partFile = path.join(dir, 'parts/backend.moat.yaml');
    fs.writeFileSync(rootFile, ROOT_TEXT);
    fs.writeFileSync(partFile, PART_TEXT);
    client = new TestClient();
    await client.initialize({ folders: [dir] });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the findings of an included file in that file, read from disk', async () => {
    const uri = client.open(rootFile, ROOT_TEXT);
    const report = await client.diagnostics(uri);
    assert.deepEqual(only(report.items, 'unauthenticated-flow'), []);
    await client.until(() => only(client.pushed.get(uriOf(partFile)) ?? [], 'unauthenticated-flow').length === 1);
    const [d] = only(client.pushed.get(uriOf(partFile))!, 'unauthenticated-flow');
    assert.equal(textAt(PART_TEXT, d), 'none');
    assert.equal(d.range.start.line, 6);
  });

  it('analyses an included file as part of the model that includes it', async () => {
    const uri = client.open(partFile, PART_TEXT);
    const items = (await client.diagnostics(uri)).items;
    // No "needs a name" and no unresolved `cluster`: the boundary is declared in the root.
    assert.deepEqual(items.filter((d) => String(d.code).startsWith('model/')).map((d) => d.message), []);
    assert.deepEqual(only(items, 'unauthenticated-flow').map((d) => textAt(PART_TEXT, d)), ['none']);
    // While open, its findings come by pull, and what was pushed for it is cleared.
    await client.until(() => (client.pushed.get(uri) ?? []).length === 0);
  });

  it('completes ids from every file of the model', async () => {
    const text = ROOT_TEXT.replace('- { to: orders,', '- { to: ord,');
    const uri = uriOf(rootFile);
    client.change(uri, text);
    const line = text.split('\n').findIndex((l) => l.includes('to: ord,'));
    const character = text.split('\n')[line].indexOf('ord,') + 3;
    const items: { label: string; detail?: string; textEdit?: { newText: string } }[] =
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    // `web` writes this flow: it is not offered as its own `to:`.
    assert.deepEqual(items.map((i) => i.label).sort(), ['orders', 'orders-db']);
    assert.equal(items.find((i) => i.label === 'orders-db')!.detail, 'database in cluster');
    client.change(uri, ROOT_TEXT);
  });

  it('completes keys and enum values', async () => {
    const uri = uriOf(rootFile);
    const text = ROOT_TEXT.replace('    kind: service\n', '    kind: \n    \n');
    client.change(uri, text);
    const lines = text.split('\n');
    const kindLine = lines.findIndex((l) => l === '    kind: ');
    const kinds: { label: string; detail?: string }[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: kindLine, character: 10 } });
    assert.deepEqual(kinds.map((k) => k.label), KINDS, 'every kind of the vocabulary, in its order');
    assert.equal(kinds.find((k) => k.label === 'queue')!.detail, KIND_MEANINGS.queue);
    const keys: { label: string }[] = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: kindLine + 1, character: 4 } });
    const labels = keys.map((k) => k.label);
    assert.ok(labels.includes('runtime') && labels.includes('controls'));
    assert.ok(!labels.includes('kind') && !labels.includes('boundary') && !labels.includes('calls'), 'keys already written are not offered');
    client.change(uri, ROOT_TEXT);
  });

  it('goes to the definition in the included file, and finds every reference', async () => {
    const uri = uriOf(rootFile);
    const line = ROOT_TEXT.split('\n').findIndex((l) => l.includes('to: orders'));
    const character = ROOT_TEXT.split('\n')[line].indexOf('orders') + 2;
    const defs: { uri: string; range: { start: { line: number; character: number } } }[] =
      await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start]), [[uriOf(partFile), { line: 2, character: 2 }]]);
    const refs: { uri: string }[] = await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri }, position: { line, character }, context: { includeDeclaration: true },
    });
    assert.deepEqual(refs.map((r) => r.uri).sort(), [uriOf(partFile), uriOf(rootFile)].sort());
  });

  it('renames an id in every file, with versions', async () => {
    const uri = uriOf(partFile);
    const position = { line: 2, character: 4 };
    const prepared: { placeholder: string } = await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prepared.placeholder, 'orders');
    const edit = await client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName: 'order-service' });
    const texts = client.apply(edit as never);
    assert.equal(texts.get(uriOf(rootFile)), ROOT_TEXT.replace('to: orders,', 'to: order-service,'));
    assert.equal(texts.get(uri), PART_TEXT.replace('  orders:\n', '  order-service:\n'));
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName: 'Not Valid' }), /not a valid id/);
  });

  it('hovers an element with its kind, boundary, flows and findings', async () => {
    const uri = uriOf(partFile);
    const hover: { contents: { value: string } } = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 4 } });
    const md = hover.contents.value;
    assert.match(md, /\*\*orders\*\*: service in boundary `cluster` \(internal\)/);
    assert.match(md, /Flows in:\n- ← `web` \(grpc, mtls, auth jwt\)/);
    assert.match(md, /Flows out:\n- → `orders-db` \(postgres, tls, auth none\)/);
    assert.match(md, /\*\*high\*\* \[`unauthenticated-flow`\]\(https:\/\/github\.com\/moat-security\/moat\/blob\/main\/docs\/rules\/unauthenticated-flow\.md\): orders → orders-db has `auth: none`/);
    // The element once; no rule documentation stacked under it.
    assert.equal(md.match(/\*\*orders\*\*: service/g)?.length, 1);
    assert.doesNotMatch(md, /Why it matters/);
  });

  it('hovers a finding with its rule in one line and a link, not the whole documentation', async () => {
    const uri = uriOf(partFile);
    const line = PART_TEXT.split('\n').findIndex((l) => l.includes('auth: none'));
    const character = PART_TEXT.split('\n')[line].indexOf('none') + 1;
    const hover: { contents: { value: string } } = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.match(hover.contents.value, /^\*\*Unauthenticated flow\*\* \(\[`unauthenticated-flow`\]\(https:\/\/github\.com\/moat-security\/moat\/blob\/main\/docs\/rules\/unauthenticated-flow\.md\)\): /);
    assert.doesNotMatch(hover.contents.value, /Why it matters/);
  });

  it('outlines sections, elements and flows', async () => {
    const symbols: { name: string; children?: { name: string; detail?: string; children?: { name: string }[] }[] }[] =
      await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uriOf(partFile) } });
    const services = symbols.find((s) => s.name === 'services')!;
    assert.deepEqual(services.children!.map((c) => [c.name, c.detail, (c.children ?? []).map((x) => x.name)]), [
      ['orders', 'service in cluster', ['→ orders-db']],
      ['orders-db', 'database in cluster', []],
    ]);
  });

  it('folds blocks', async () => {
    const ranges: { startLine: number; endLine: number }[] = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: uriOf(partFile) } });
    assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine]), [[1, 7], [2, 6], [5, 6]]);
  });
});

describe('language server without pull diagnostics', () => {
  it('pushes diagnostics after the pause', async () => {
    const client = new TestClient();
    try {
      await client.initialize({ pull: false });
      const file = path.join(os.tmpdir(), 'moat-push-test.moat.yaml');
      const uri = client.open(file, SHOP);
      await client.until(() => only(client.pushed.get(uri) ?? [], 'unencrypted-flow').length === 1);
      client.change(uri, SHOP.replace('protocol: http', 'protocol: https'));
      await client.until(() => (client.pushed.get(uri) ?? []).length > 0 && only(client.pushed.get(uri)!, 'unencrypted-flow').length === 0);
    } finally {
      await client.shutdown();
    }
  });
});

export type { CodeAction };
