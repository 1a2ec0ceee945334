// Virtual workspaces (non-`file` URIs): the server has no disk to read a model's includes from,
// so it asks the client (`moat/readFile`), when the client says it answers. Over stdio, with a
// fake client serving an in-memory file system.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../lsp/client.js';
import { READ_FILE_REQUEST } from '../../server/src/lsp/server.js';
import type { ReadFileResult } from '../../server/src/lsp/server.js';

const BOUND = { timeout: 60_000 };
const ROOT = 'memfs://shop/models';

const MAIN = `moat: 1
name: shop
include: [parts/services.moat.yaml]
boundaries:
  cluster: { trust: internal }
`;
const SERVICES = `include: [../data.moat.yaml]
services:
  web:
    kind: service
    boundary: cluster
    calls:
      - { to: orders, protocol: http, tls: none, auth: mtls, data: [order] }
  orders: { kind: service, boundary: cluster }
`;
const DATA = 'data:\n  order: { classification: confidential }\n';

async function openVirtual(client: TestClient, uri: string, text: string): Promise<void> {
  client.texts.set(uri, { text, version: 1 });
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moat', version: 1, text } });
}

const codes = (items: Diagnostic[]) => items.map((d) => `${d.code}: ${d.message}`);

describe('virtual workspaces: includes read through the client', () => {
  let client: TestClient;
  const files = new Map<string, string>([
    [`${ROOT}/parts/services.moat.yaml`, SERVICES],
    [`${ROOT}/data.moat.yaml`, DATA],
  ]);
  const asked: string[] = [];
  before(async () => {
    client = new TestClient();
    client.connection.onRequest<ReadFileResult, unknown>(READ_FILE_REQUEST, (params: { uri: string }): ReadFileResult => {
      asked.push(params.uri);
      if (params.uri.endsWith('/failing.moat.yaml')) throw new Error('the remote is down');
      const text = files.get(params.uri);
      return text === undefined ? { error: 'no such file' } : { text };
    });
    await client.initialize({ initializationOptions: { readFile: true } });
  });
  after(() => client.shutdown());

  it('includes two levels deep are read through moat/readFile, never from disk', BOUND, async () => {
    const uri = `${ROOT}/main.moat.yaml`;
    await openVirtual(client, uri, MAIN);
    const report = await client.diagnostics(uri);
    assert.deepEqual(codes(report.items).filter((c) => c.startsWith('model/')), []);
    assert.deepEqual([...new Set(asked)].sort(), [`${ROOT}/data.moat.yaml`, `${ROOT}/parts/services.moat.yaml`]);
    // The included file's findings are pushed under its own virtual URI.
    const part = `${ROOT}/parts/services.moat.yaml`;
    await client.until(() => (client.pushed.get(part) ?? []).some((d) => d.code === 'unencrypted-flow'));
    client.close(uri);
  });

  it('a file the client cannot find is reported as unreadable, with the client\'s reason', BOUND, async () => {
    const uri = `${ROOT}/missing.moat.yaml`;
    const text = `${MAIN.replace('parts/services.moat.yaml', 'nowhere.moat.yaml')}services:\n  web: { kind: service, boundary: cluster }\n`;
    await openVirtual(client, uri, text);
    const report = await client.diagnostics(uri);
    assert.deepEqual(codes(report.items).filter((c) => c.startsWith('model/')), ['model/include: Cannot include `nowhere.moat.yaml`: no such file.']);
    client.close(uri);
  });

  it('a request the client fails is an unreadable include, and the server goes on', BOUND, async () => {
    const uri = `${ROOT}/fails.moat.yaml`;
    await openVirtual(client, uri, MAIN.replace('parts/services.moat.yaml', 'failing.moat.yaml'));
    const report = await client.diagnostics(uri);
    const include = report.items.filter((d) => d.code === 'model/include');
    assert.equal(include.length, 1);
    assert.match(String(include[0].message), /^Cannot include `failing.moat.yaml`: the editor could not read it \(.*the remote is down.*\)\.$/);
    client.close(uri);
  });

  it('a binary answer is refused like a binary file on disk', BOUND, async () => {
    files.set(`${ROOT}/binary.moat.yaml`, 'moat: 1\u0000\u0001');
    const uri = `${ROOT}/bin.moat.yaml`;
    await openVirtual(client, uri, MAIN.replace('parts/services.moat.yaml', 'binary.moat.yaml'));
    const report = await client.diagnostics(uri);
    assert.deepEqual(codes(report.items).filter((c) => c.startsWith('model/')), ['model/include: Cannot include `binary.moat.yaml`: it is a binary file, not YAML.']);
    client.close(uri);
  });

  it('a file changed in the client is read again after the change is announced', BOUND, async () => {
    const uri = `${ROOT}/main.moat.yaml`;
    await openVirtual(client, uri, MAIN);
    assert.ok(!(await client.diagnostics(uri)).items.some((d) => d.code === 'model/unresolved-reference'));
    files.set(`${ROOT}/data.moat.yaml`, 'data:\n  invoice: { classification: confidential }\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${ROOT}/data.moat.yaml`, type: 2 }] });
    const report = await client.diagnostics(uri);
    // `order` is gone from the data: the flow in services.moat.yaml names an unknown asset (pushed there).
    const part = `${ROOT}/parts/services.moat.yaml`;
    await client.until(() => (client.pushed.get(part) ?? []).some((d) => d.code === 'model/unresolved-reference'));
    assert.ok(report.kind === 'full');
    files.set(`${ROOT}/data.moat.yaml`, DATA);
    client.close(uri);
  });
});

describe('virtual workspaces: a client that does not read files', () => {
  let client: TestClient;
  let asked = 0;
  before(async () => {
    client = new TestClient();
    client.connection.onRequest(READ_FILE_REQUEST, () => { asked++; return { text: DATA }; });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('is never asked; an include that is not open is reported as unreadable', BOUND, async () => {
    const uri = `${ROOT}/main.moat.yaml`;
    await openVirtual(client, uri, MAIN);
    const report = await client.diagnostics(uri);
    assert.deepEqual(codes(report.items).filter((c) => c.startsWith('model/include')),
      ['model/include: Cannot include `parts/services.moat.yaml`: it is not open in the editor (a virtual workspace has no disk to read it from).']);
    assert.equal(asked, 0);
    client.close(uri);
  });

  it('an include that is open is read from the editor', BOUND, async () => {
    const part = `${ROOT}/parts/services.moat.yaml`;
    const data = `${ROOT}/data.moat.yaml`;
    await openVirtual(client, part, SERVICES);
    await openVirtual(client, data, DATA);
    const uri = `${ROOT}/main.moat.yaml`;
    await openVirtual(client, uri, MAIN);
    assert.deepEqual(codes((await client.diagnostics(uri)).items).filter((c) => c.startsWith('model/')), []);
    assert.ok((await client.diagnostics(part)).items.some((d) => d.code === 'unencrypted-flow'));
    assert.equal(asked, 0);
    for (const u of [uri, part, data]) client.close(u);
  });
});
