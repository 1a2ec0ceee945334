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
  boundaries: { edge: { trust: dmz }, cluster: { trust: internal }, ops: { trust: internal } }
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
    reports: { kind: service, boundary: ops, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
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

/** Each drawn component's (or collapsed boundary's) mark: on, taken, reach or dim; '' for none. */
async function marksOf(page: Page, role: 'component' | 'boundary' = 'component'): Promise<Record<string, string>> {
  return page.evaluate((r) => {
    const out: Record<string, string> = {};
    for (const n of document.querySelectorAll(`#moat-canvas [data-moat-role="${r}"]${r === 'boundary' ? '.moat-collapsed' : ''}`)) {
      const c = [...n.classList].find((x) => x.startsWith('moat-path-'));
      out[n.getAttribute('data-moat-id')!] = c ? c.slice('moat-path-'.length) : '';
    }
    return out;
  }, role);
}

/** The drawn flows (edge ids) marked on a path, and those dimmed. */
async function flowMarks(page: Page): Promise<{ on: string[]; dim: string[]; labelsDim: string[] }> {
  const ids = (selector: string) => page.evaluate((sel) => [...document.querySelectorAll(sel)].map((p) => p.getAttribute('data-moat-id')!).sort(), selector);
  return {
    on: await ids('#moat-canvas [data-moat-role="flow"].moat-path-on'),
    dim: await ids('#moat-canvas [data-moat-role="flow"].moat-path-dim'),
    labelsDim: await ids('#moat-canvas [data-moat-role="label"].moat-path-dim'),
  };
}

/** The computed style that shows a mark: opacity of the element, stroke of its shape or path. */
async function looks(page: Page, selector: string): Promise<{ opacity: string; stroke: string; fill: string }> {
  return page.locator(selector).first().evaluate((el) => {
    const shape = el.matches('path') ? el : el.querySelector('.moat-shape')!;
    const s = getComputedStyle(shape);
    return { opacity: getComputedStyle(el).opacity, stroke: s.stroke, fill: s.fill };
  });
}

async function sentOf(page: Page): Promise<{ type: string; id?: string }[]> {
  return page.evaluate(() => (window as unknown as { __sent: { type: string; id?: string }[] }).__sent);
}

async function postPayload(page: Page, payload: DiagramPayload): Promise<void> {
  await page.evaluate((p) => window.postMessage({ type: 'diagram', payload: p }, '*'), payload as unknown as Record<string, unknown>);
}

function panelPage(name: string, payload: DiagramPayload, bundle: string): string {
  const file = outputFile('pages', name);
  fs.writeFileSync(file, diagramPage({ payload, nonce: 'cGF0aHNub25jZQ==', cspSource: 'file:', script: { uri: `file://${bundle}` }, title: 'Diagram' }));
  return file;
}

describe('diagram panel: attack paths and blast radius', { skip }, () => {
  let script: string;
  let bundle: string;
  before(async () => {
    bundle = await webviewBundle();
    script = fs.readFileSync(bundle, 'utf8');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('draws the weakest paths over the dimmed diagram, then the blast radius of the component clicked', async () => {
    const analysis = analyzeYaml(MODEL);
    const payload: DiagramPayload = { diagram: buildDiagram(analysis), fileName: 'shop.moat.yaml', paths: pathsOverlay(analysis) };
    const { page, problems } = await open(browser, panelPage('webview-paths.html', payload, bundle), { init: VSCODE_STUB });
    await rendered(page);
    assert.equal(await page.locator('#moat-paths-label').isVisible(), true);
    assert.deepEqual(await marksOf(page), { shopper: '', web: '', orders: '', billing: '', 'orders-db': '', cards: '', reports: '' });

    await page.selectOption('#moat-paths', 'attack');
    assert.deepEqual(await marksOf(page), {
      shopper: 'on', web: 'on', orders: 'on', 'orders-db': 'on',
      billing: 'dim', cards: 'dim', reports: 'dim',
    });
    assert.deepEqual(await flowMarks(page), {
      on: ['orders->orders-db', 'shopper->web', 'web->orders'],
      dim: ['billing->cards', 'reports->orders'],
      labelsDim: ['billing->cards', 'reports->orders'],
    });
    assert.equal(await page.locator('#moat-notice').textContent(), 'Attack paths: weakest path to orders-db (3 locks); unreachable from the internet: cards.');
    // What the user sees: the rest faint, the path in red.
    assert.equal((await looks(page, '[data-moat-role="component"][data-moat-id="billing"]')).opacity, '0.25');
    assert.equal((await looks(page, '[data-moat-role="flow"][data-moat-id="billing->cards"]')).opacity, '0.25');
    assert.deepEqual(await looks(page, '[data-moat-role="component"][data-moat-id="orders"]'), { opacity: '1', stroke: 'rgb(185, 28, 28)', fill: 'rgb(251, 252, 253)' });
    assert.equal((await looks(page, '[data-moat-role="flow"][data-moat-id="web->orders"]')).stroke, 'rgb(185, 28, 28)');
    await page.screenshot({ path: outputFile('screenshots', 'webview-attack-paths.png') });

    await page.selectOption('#moat-paths', 'blast');
    assert.match((await page.locator('#moat-notice').textContent())!, /^Blast radius: select a component/);
    assert.deepEqual(await marksOf(page), { shopper: '', web: '', orders: '', billing: '', 'orders-db': '', cards: '', reports: '' });
    await page.locator('[data-moat-role="component"][data-moat-id="orders"]').click();
    assert.deepEqual((await sentOf(page)).filter((m) => m.type === 'blastFrom'), [{ type: 'blastFrom' }, { type: 'blastFrom' }, { type: 'blastFrom', id: 'orders' }]);

    // The host answers with the diagram and the blast radius of orders.
    await postPayload(page, { ...payload, paths: pathsOverlay(analysis, 'orders') });
    await rendered(page, 2);
    assert.deepEqual(await marksOf(page), {
      orders: 'on', billing: 'taken', 'orders-db': 'reach', cards: 'reach',
      shopper: 'dim', web: 'dim', reports: 'dim',
    });
    assert.deepEqual(await flowMarks(page), {
      on: ['billing->cards', 'orders->orders-db'],
      dim: ['reports->orders', 'shopper->web', 'web->orders'],
      labelsDim: ['reports->orders', 'shopper->web', 'web->orders'],
    });
    assert.equal((await looks(page, '[data-moat-role="component"][data-moat-id="billing"]')).fill, 'rgb(254, 202, 202)');
    assert.equal((await looks(page, '[data-moat-role="component"][data-moat-id="cards"]')).stroke, 'rgb(234, 88, 12)');
    assert.equal(await page.locator('#moat-notice').textContent(),
      'Blast radius of orders: exposes 1 restricted, 1 confidential (restricted: card); takes over billing (it runs privileged); within reach: cards (no lock), orders-db (no lock).');
    // A click on empty space closes the details box (and selects nothing).
    await page.mouse.click(700, 160);
    assert.equal(await page.locator('#moat-details').isVisible(), false);
    assert.equal((await sentOf(page)).filter((m) => m.type === 'blastFrom').length, 3);
    await page.screenshot({ path: outputFile('screenshots', 'webview-blast-radius.png') });

    // The cursor moving onto a component in the editor asks for its radius instead.
    await page.evaluate(() => window.postMessage({ type: 'highlight', elements: [{ type: 'service', id: 'billing' }] }, '*'));
    assert.deepEqual((await sentOf(page)).filter((m) => m.type === 'blastFrom').at(-1), { type: 'blastFrom', id: 'billing' });
    // Until the answer comes, the radius of orders is not passed off as billing's.
    assert.match((await page.locator('#moat-notice').textContent())!, /^Blast radius: select a component/);
    assert.deepEqual(problems, []);
  });

  it('keeps the view live as the model is edited: every new diagram is marked again', async () => {
    const analysis = analyzeYaml(MODEL);
    const payload: DiagramPayload = { diagram: buildDiagram(analysis), fileName: 'shop.moat.yaml', paths: pathsOverlay(analysis) };
    const { page, problems } = await open(browser, panelPage('webview-paths-live.html', payload, bundle), { init: VSCODE_STUB });
    await rendered(page);
    await page.selectOption('#moat-paths', 'attack');
    assert.equal((await marksOf(page)).cards, 'dim');

    // The user gives web a call to billing: cards is now reachable from the internet.
    const edited = analyzeYaml(MODEL.replace('boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }',
      'boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }, { to: billing, protocol: http }] }'));
    await postPayload(page, { ...payload, diagram: buildDiagram(edited), paths: pathsOverlay(edited) });
    await rendered(page, 2);
    const marks = await marksOf(page);
    assert.deepEqual(marks, {
      shopper: 'on', web: 'on', orders: 'on', 'orders-db': 'on', billing: 'on', cards: 'on', reports: 'dim',
    });
    assert.deepEqual((await flowMarks(page)).on, ['billing->cards', 'orders->orders-db', 'shopper->web', 'web->billing', 'web->orders']);
    assert.match((await page.locator('#moat-notice').textContent())!, /^Attack paths: weakest path to cards \(/);

    // A model without paths (it does not parse: the stale payload) keeps the menu's choice but marks nothing.
    await postPayload(page, { diagram: buildDiagram(edited), fileName: 'shop.moat.yaml', stale: 'The model does not parse.' });
    await rendered(page, 3);
    assert.equal(await page.locator('#moat-paths-label').isVisible(), false);
    assert.deepEqual(Object.values(await marksOf(page)).filter((m) => m !== ''), []);
    assert.deepEqual(problems, []);
  });

  it('marks the boundaries and merged flows of the overview that hold the paths', async () => {
    const analysis = analyzeYaml(MODEL);
    const payload: DiagramPayload = { diagram: buildDiagram(analysis), fileName: 'shop.moat.yaml', paths: pathsOverlay(analysis), view: { level: 'overview' } };
    const { page, problems } = await open(browser, panelPage('webview-paths-overview.html', payload, bundle), { init: VSCODE_STUB });
    await rendered(page);
    await page.selectOption('#moat-paths', 'attack');
    assert.deepEqual(await marksOf(page), { shopper: 'on' });
    assert.deepEqual(await marksOf(page, 'boundary'), { edge: 'on', cluster: 'on', ops: 'dim' });
    assert.deepEqual(await flowMarks(page), { on: ['edge->cluster', 'shopper->edge'], dim: ['ops->cluster'], labelsDim: ['ops->cluster'] });
    assert.equal((await looks(page, '[data-moat-role="boundary"][data-moat-id="cluster"]')).stroke, 'rgb(185, 28, 28)');
    await page.screenshot({ path: outputFile('screenshots', 'webview-attack-paths-overview.png') });

    // The blast radius of billing (selected at the full level): cluster holds billing itself.
    await page.selectOption('#moat-paths', 'blast');
    await page.evaluate(() => window.postMessage({ type: 'highlight', elements: [{ type: 'service', id: 'billing' }] }, '*'));
    await postPayload(page, { ...payload, paths: pathsOverlay(analysis, 'billing') });
    await rendered(page, 2);
    assert.deepEqual(await marksOf(page, 'boundary'), { edge: 'dim', cluster: 'on', ops: 'dim' });
    assert.deepEqual(problems, []);
  });

  it('asks the host again for the blast radius a restored page showed', async () => {
    const analysis = analyzeYaml(MODEL);
    const payload: DiagramPayload = { diagram: buildDiagram(analysis), fileName: 'shop.moat.yaml', paths: pathsOverlay(analysis) };
    const restored = VSCODE_STUB.replace('let state;', 'let state = { view: {}, zoom: null, legend: false, paths: "blast", blastFrom: "orders" };');
    const { page, problems } = await open(browser, panelPage('webview-paths-restored.html', payload, bundle), { init: restored });
    await rendered(page);
    assert.equal(await page.locator('#moat-paths').inputValue(), 'blast');
    assert.deepEqual((await sentOf(page)).filter((m) => m.type === 'blastFrom'), [{ type: 'blastFrom', id: 'orders' }]);
    await postPayload(page, { ...payload, paths: pathsOverlay(analysis, 'orders') });
    await rendered(page, 2);
    assert.equal((await marksOf(page)).billing, 'taken');
    assert.deepEqual(problems, []);
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
