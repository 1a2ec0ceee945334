// "Moat: Import from Deployment Files…" runs `moat import` in the language server through the
// custom request `moat/importDeployment`; the client only picks files and opens the result.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from 'yaml';
import { TestClient } from './client.js';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/import');

describe('language server: moat/importDeployment', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize({ folders: [FIXTURES] });
  });
  after(async () => {
    await client.shutdown();
  });

  it('imports the picked folder, naming files relative to it, and returns the summary', async () => {
    const folder = path.join(FIXTURES, 'k8s');
    const result: { text: string; summary: string[] } = await client.connection.sendRequest('moat/importDeployment', { paths: [folder], cwd: folder });
    const model = parse(result.text) as { name: string; services: Record<string, { kind: string }> };
    assert.equal(model.name, 'k8s');
    assert.equal(model.services.reviews.kind, 'service');
    assert.match(result.text, /^ {2}# shop\.yaml:44: Deployment api$/m);
    assert.deepEqual(result.summary.slice(0, 2), ['moat import: 10 components, 8 flows, 4 boundaries', '  reachable from outside: api, ingress']);
  });

  it('answers with the one line that says why nothing could be imported', async () => {
    const bad = path.join(FIXTURES, 'bad/neither.yaml');
    const result = await client.connection.sendRequest('moat/importDeployment', { paths: [bad], cwd: path.dirname(bad) });
    assert.deepEqual(result, { error: 'neither.yaml:1: neither a docker-compose file (no top-level services:) nor Kubernetes manifests (no apiVersion and kind)' });
    assert.deepEqual(await client.connection.sendRequest('moat/importDeployment', { paths: [], cwd: FIXTURES }), { error: 'no files or folders were picked' });
  });
});
