// The diagram panel's "Attack paths" view and "Blast radius from here", in headless Chromium
// with a stand-in for the VS Code API (as test/webview/page.test.ts drives the panel).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { analyzeYaml, yaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import { diagramPage } from '../../server/src/render/page.js';
import type { DiagramPayload } from '../../server/src/render/page.js';
import { diagramHtml } from '../../server/src/render/html.js';
import { pathsOverlay } from '../../server/src/paths/overlay.js';
import { chromiumAvailable, launch, open, outputFile, rendered, webviewBundle } from '../webview/browser.js';

const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)';

const MODEL = yaml`
  moat: 1
  name: shop
  boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
  data: { card: { classification: restricted }, order: { classification: confidential } }
  services:
    shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
    web: { kind: frontend, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
    orders:
      kind: service
      boundary: cluster
      runtime: { image: orders:1, privileged: true, shared-with: [billing] }
      calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }]
    billing: { kind: service, boundary: cluster, calls: [{ to: cards, protocol: postgres, tls: tls, auth: password }] }
    orders-db: { kind: database, boundary: cluster, stores: [order] }
    cards: { kind: database, boundary: cluster, stores: [card] }
    reports: { kind: service, boundary: cluster }
`;

const VSCODE_STUB = `
  window.__sent = [];
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__sent.push(m),
    getState: () => state,
    setState: (s) => { state = s; },
  });
`;

let browser: Browser;

async function classesOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const n of document.querySelectorAll('#moat-canvas g.node')) {
      const c = (n.getAttribute('class') ?? '').split(/\s+/).find((x) => x.startsWith('path'));
      out[n.getAttribute('data-moat-id')!] = c ?? '';
    }
    return out;
  });
}

async function boldFlows(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('#moat-canvas path[data-moat-flow]')]
    .filter((p) => (p.getAttribute('style') ?? '').includes('stroke-width:4px')).map((p) => p.getAttribute('data-moat-flow')!).sort());
}

describe('diagram panel: attack paths and blast radius', { skip }, () => {
  let script: string;
  before(async () => {
    script = fs.readFileSync(await webviewBundle(), 'utf8');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('draws the weakest paths over the dimmed diagram, then the blast radius of the component clicked', async () => {
    const analysis = analyzeYaml(MODEL);
    const payload: DiagramPayload = { diagram: buildDiagram(analysis), fileName: 'shop.moat.yaml', paths: pathsOverlay(analysis) };
    const bundle = await webviewBundle();
    const file = outputFile('pages', 'webview-paths.html');
    fs.writeFileSync(file, diagramPage({ payload, nonce: 'cGF0aHNub25jZQ==', cspSource: 'file:', script: { uri: `file://${bundle}` }, title: 'Diagram' }));
    const { page, problems } = await open(browser, file, { init: VSCODE_STUB });
    await rendered(page);
    assert.equal(await page.locator('#moat-paths-label').isVisible(), true);

    await page.selectOption('#moat-paths', 'attack');
    await rendered(page, 2);
    assert.deepEqual(await classesOf(page), {
      shopper: 'pathOn', web: 'pathOn', orders: 'pathOn', 'orders-db': 'pathOn',
      billing: 'pathDim', cards: 'pathDim', reports: 'pathDim',
    });
    assert.deepEqual(await boldFlows(page), ['orders->orders-db', 'shopper->web', 'web->orders']);
    assert.equal(await page.locator('#moat-notice').textContent(), 'Attack paths: weakest path to orders-db (3 locks); unreachable from the internet: cards.');
    await page.screenshot({ path: outputFile('screenshots', 'webview-attack-paths.png') });

    await page.selectOption('#moat-paths', 'blast');
    await rendered(page, 3);
    assert.match((await page.locator('#moat-notice').textContent())!, /^Blast radius: select a component/);
    await page.locator('g.node[data-moat-id="orders"]').click();
    const sent = await page.evaluate(() => (window as unknown as { __sent: unknown[] }).__sent);
    assert.deepEqual(sent.filter((m) => (m as { type: string }).type === 'blastFrom'), [{ type: 'blastFrom' }, { type: 'blastFrom', id: 'orders' }]);

    // The extension answers with the diagram and the blast radius of orders.
    const answer: DiagramPayload = { ...payload, paths: pathsOverlay(analysis, 'orders') };
    await page.evaluate((p) => window.postMessage({ type: 'diagram', payload: p }, '*'), answer as unknown as Record<string, unknown>);
    await rendered(page, 4);
    assert.deepEqual(await classesOf(page), {
      orders: 'pathOn', billing: 'pathTaken', 'orders-db': 'pathReach', cards: 'pathReach',
      shopper: 'pathDim', web: 'pathDim', reports: 'pathDim',
    });
    assert.deepEqual(await boldFlows(page), ['billing->cards', 'orders->orders-db']);
    assert.equal(await page.locator('#moat-notice').textContent(),
      'Blast radius of orders: exposes 1 restricted, 1 confidential (restricted: card); takes over billing (it runs privileged); within reach: cards (no lock), orders-db (no lock).');
    assert.deepEqual(problems, []);
    await page.screenshot({ path: outputFile('screenshots', 'webview-blast-radius.png') });
  });

  it('offers no Paths menu on an offline page, where no engine runs', async () => {
    const file = outputFile('pages', 'offline-paths.html');
    fs.writeFileSync(file, diagramHtml(buildDiagram(analyzeYaml(MODEL)), { script, fileName: 'shop.moat.yaml' }));
    const { page, problems } = await open(browser, file);
    await rendered(page);
    assert.equal(await page.locator('#moat-paths-label').isVisible(), false);
    assert.deepEqual(problems, []);
  });
});
