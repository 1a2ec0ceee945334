// The diagram panel comes back after a reload: VS Code activates the extension for the panel
// (`onWebviewPanel:moat.diagram`) and hands the serializer the state the page saved. The panel
// module runs here against a stand-in for `vscode` (fake-vscode.ts) and for the language client.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { restoredPanel } from '../../client/src/preview/restore.js';
import type { FakePanel, FakeVscode } from './fake-vscode.js';
import { fakePanel } from './fake-vscode.js';
import { analyzeYaml, yaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import type { DiagramParams, DiagramResult } from '../../server/src/service/protocol.js';

const ROOT = path.resolve(__dirname, '../..');
const MODEL_URI = 'file:///work/shop/shop.moat.yaml';
const MODEL = yaml`
  moat: 1
  name: shop
  services:
    web: { kind: frontend, calls: [{ to: api, protocol: https, auth: jwt }] }
    api: { kind: service }
`;

/** The page's state as client/webview/main.ts saves it. */
const SAVED = { view: { level: 'overview', boundary: 'cluster' }, zoom: { scale: 0.5, x: 10, y: 20 }, legend: true, paths: 'attack', document: MODEL_URI };

interface Loaded {
  vscode: FakeVscode;
  requests: DiagramParams[];
  context: { extensionUri: unknown; subscriptions: unknown[] };
}

/** panel.ts bundled with the stand-in for `vscode`, registered as the extension registers it. */
async function load(): Promise<Loaded> {
  const out = path.join(ROOT, 'test-output', 'client', 'panel.cjs');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'client/src/preview/panel.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent',
    plugins: [{ name: 'fake-vscode', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: path.join(ROOT, 'test/client/fake-vscode.ts') })) }],
  });
  delete require.cache[out];
  const panel = require(out) as { registerDiagramPreview(context: unknown, client: unknown): void };
  const vscode = (globalThis as unknown as { __vscode: FakeVscode }).__vscode;
  const requests: DiagramParams[] = [];
  const diagram = buildDiagram(analyzeYaml(MODEL));
  const client = {
    sendRequest: (method: string, params: DiagramParams): Promise<DiagramResult> => {
      assert.equal(method, 'moat/diagram');
      requests.push(params);
      return Promise.resolve({ payload: { diagram, fileName: 'shop.moat.yaml', view: params.view ?? {} } });
    },
  };
  const context = { extensionUri: { scheme: 'file', path: '/ext', toString: () => 'file:///ext' }, subscriptions: [] as unknown[] };
  panel.registerDiagramPreview(context, client);
  vscode.files.set(MODEL_URI, MODEL);
  return { vscode, requests, context };
}

/** The payload a page was given, from its HTML. */
function payloadOf(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="moat-payload">(.*?)<\/script>/s.exec(html)?.[1];
  assert.ok(json, 'the page embeds its payload');
  return JSON.parse(json) as Record<string, unknown>;
}

async function settled(panel: FakePanel): Promise<void> {
  for (let i = 0; i < 50 && panel.webview.html === '' && !panel.disposed; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('restoring the diagram panel after a reload', () => {
  let loaded: Loaded;
  before(async () => {
    loaded = await load();
  });

  it('is declared: the extension activates for a panel VS Code restores', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:moat.diagram'));
    assert.deepEqual([...loaded.vscode.serializers.keys()], ['moat.diagram']);
  });

  it('reads the model and the view from the page state, and nothing malformed', () => {
    assert.deepEqual(restoredPanel(SAVED), { document: MODEL_URI, view: { level: 'overview', boundary: 'cluster' } });
    assert.deepEqual(restoredPanel({ ...SAVED, view: { level: 'galaxy', focus: 42, boundary: '' } }), { document: MODEL_URI, view: {} });
    assert.deepEqual(restoredPanel({ ...SAVED, view: 'overview' }), { document: MODEL_URI, view: {} });
    for (const state of [undefined, null, 'x', {}, { document: '' }, { document: 7, view: {} }]) assert.equal(restoredPanel(state), undefined);
  });

  it('draws the saved model in the panel VS Code gives back, with the saved view, and keeps it as the model\'s panel', async () => {
    const panel = fakePanel('moat.diagram', 'Diagram: shop.moat.yaml');
    await loaded.vscode.serializers.get('moat.diagram')!.deserializeWebviewPanel(panel, SAVED);
    await settled(panel);
    assert.equal(panel.disposed, false);
    const options = panel.webview.options as { enableScripts: boolean; localResourceRoots: unknown[] };
    assert.deepEqual([options.enableScripts, options.localResourceRoots.map(String)], [true, ['file:///ext/dist/webview']]);
    assert.deepEqual(loaded.requests.at(-1), { uri: MODEL_URI, view: { level: 'overview', boundary: 'cluster' }, format: undefined, blastFrom: undefined });
    const payload = payloadOf(panel.webview.html);
    assert.deepEqual([payload.fileName, payload.document, payload.view], ['shop.moat.yaml', MODEL_URI, { level: 'overview', boundary: 'cluster' }]);
    assert.match(panel.webview.html, /src="file:\/\/\/ext\/dist\/webview\/main\.js"/);

    // Opening the diagram of the same model again shows the restored panel: no second one.
    await loaded.vscode.commands.get('moat.openDiagramToSide')!({ toString: () => MODEL_URI, scheme: 'file', path: '/work/shop/shop.moat.yaml' });
    assert.equal(loaded.vscode.created.length, 0);
    assert.equal(panel.revealed, 1);

    // A second panel restored for the same model is closed: one panel per model.
    const twin = fakePanel('moat.diagram', 'Diagram: shop.moat.yaml');
    await loaded.vscode.serializers.get('moat.diagram')!.deserializeWebviewPanel(twin, SAVED);
    assert.equal(twin.disposed, true);
    panel.dispose();
  });

  it('closes a restored panel whose model is gone, or whose state names none', async () => {
    const requests = loaded.requests.length;
    for (const state of [{ ...SAVED, document: 'file:///work/gone.moat.yaml' }, { view: {}, zoom: null, legend: false }, undefined]) {
      const panel = fakePanel('moat.diagram', 'Diagram');
      await loaded.vscode.serializers.get('moat.diagram')!.deserializeWebviewPanel(panel, state);
      assert.equal(panel.disposed, true, JSON.stringify(state));
    }
    assert.equal(loaded.requests.length, requests);
  });
});
