// The diagram page in headless Chromium: the offline page `moat diagram --format html` writes,
// and the same page as the editor's webview (with a stand-in for the VS Code API). Screenshots
// go to test-output/ for a person to look at.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyzeYaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import type { Diagram } from '../../server/src/render/diagram.js';
import { diagramHtml } from '../../server/src/render/html.js';
import { diagramPage } from '../../server/src/render/page.js';
import { buildReport, reportHtml } from '../../server/src/render/report.js';
import { diagramAt } from '../../server/src/render/levels.js';
import { checkModel } from '../../server/src/engine.js';
import { ruleById } from '../../server/src/rules/index.js';
import { chromiumAvailable, launch, open, outputFile, rendered, webviewBundle } from './browser.js';
import { HOSTILE, HOSTILE_TEXT, SHOP } from '../render/fixtures.js';

const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)';
const CATALOGUE = { catalogue: [ruleById('unencrypted-flow')!, ruleById('unauthenticated-flow')!] };

let browser: Browser;
let script: string;

/** What the drawn SVG holds, read through its data-moat-id/data-moat-role marks. */
async function svgFacts(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector('#moat-canvas svg')!;
    return {
      nodes: [...svg.querySelectorAll('[data-moat-role="component"]')].map((n) => ({ id: n.getAttribute('data-moat-id'), classes: n.getAttribute('class'), text: n.textContent })),
      boundaries: [...svg.querySelectorAll('[data-moat-role="boundary"]')].map((g) => ({ id: g.getAttribute('data-moat-id'), classes: g.getAttribute('class'), shape: g.querySelector('rect')?.getAttribute('class'), text: g.querySelector('text')?.textContent })),
      edges: [...svg.querySelectorAll('[data-moat-role="flow"]')].map((p) => ({ flow: p.getAttribute('data-moat-id'), stroke: p.getAttribute('stroke') ?? '', dash: p.getAttribute('stroke-dasharray') ?? '' })),
      labels: [...svg.querySelectorAll('[data-moat-role="label"]')].map((l) => l.textContent),
    };
  });
}

function writePage(name: string, html: string): string {
  const file = outputFile('pages', name);
  fs.writeFileSync(file, html);
  return file;
}

describe('diagram page in Chromium', { skip }, () => {
  before(async () => {
    script = fs.readFileSync(await webviewBundle(), 'utf8');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('draws the model: a node per component, a group per boundary by trust, an edge per flow', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP, CATALOGUE));
    const { page, problems } = await open(browser, writePage('shop.html', diagramHtml(diagram, { script, fileName: 'shop.moat.yaml' })));
    await rendered(page);
    assert.deepEqual(problems, []);
    const facts = await svgFacts(page);
    assert.deepEqual(facts.nodes.map((n) => n.id).sort(), diagram.nodes.map((n) => n.id).sort());
    const kinds = Object.fromEntries(facts.nodes.map((n) => [n.id, n.classes!.split(' ')[1].replace(/^moat-/, '')]));
    assert.deepEqual(kinds, { gateway: 'gateway', payments: 'service', orders: 'service', events: 'queue', 'orders-db': 'database', shopper: 'user', partner: 'external', 'stripe.api': 'external' });
    assert.deepEqual(facts.boundaries.map((g) => `${g.text} ${g.shape}`).sort(), [
      'cluster · internal moat-trust-internal', 'edge · dmz moat-trust-dmz', 'internet · untrusted moat-trust-untrusted', 'pci · restricted moat-trust-restricted',
    ]);
    assert.deepEqual(facts.edges.map((e) => e.flow), diagram.edges.map((e) => e.target));
    const style = Object.fromEntries(facts.edges.map((e) => [e.flow, e]));
    assert.deepEqual([style['orders->payments'].stroke, style['orders->payments'].dash], ['#d32f2f', '8 4']);
    assert.deepEqual([style['orders->events'].stroke, style['orders->events'].dash], ['#ef6c00', '2 4']);
    assert.equal(style['gateway->orders'].dash, '');
    assert.ok(facts.labels.includes('grpc · mTLS · jwt'), facts.labels.join(' | '));
    assert.ok(facts.labels.includes('http · no TLS · no auth · ⚠ high'));
    // The legend is there, collapsed until asked for.
    assert.equal(await page.locator('#moat-legend h2').count(), 4);
    assert.equal(await page.locator('#moat-legend').isVisible(), false);
    assert.equal(await page.locator('script[src]').count(), 0);
    await page.screenshot({ path: outputFile('screenshots', 'shop-light.png') });
  });

  it('runs nothing from a model whose free text holds HTML and script, and shows that text as text', async () => {
    const diagram = buildDiagram(analyzeYaml(HOSTILE));
    const { page, problems, dialogs } = await open(browser, writePage('hostile.html', diagramHtml(diagram, { script, fileName: 'x.moat.yaml' })));
    await rendered(page);
    // Clicking every node shows its description and findings in the details box.
    for (const id of ['web', 'api', 'db']) await page.locator(`[data-moat-role="component"][data-moat-id="${id}"]`).click();
    assert.deepEqual(problems, []);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const foreign = await page.evaluate(() => [...document.querySelectorAll('body img, body iframe, #moat-canvas script, #moat-details *, #moat-title *')]
      .filter((e) => !['H3', 'P', 'UL', 'LI'].includes(e.tagName)).map((e) => e.outerHTML));
    assert.deepEqual(foreign, []);
    const facts = await svgFacts(page);
    // Long lines are shortened in the box (with an ellipsis); the details box has them whole.
    assert.ok(facts.nodes.find((n) => n.id === 'web')!.text!.includes(`frontend · ${HOSTILE_TEXT[0].slice(0, 16)}`));
    assert.ok(facts.nodes.find((n) => n.id === 'db')!.text!.includes(HOSTILE_TEXT[3].slice(0, 16)));
    await page.locator('[data-moat-role="component"][data-moat-id="web"]').click();
    assert.ok((await page.locator('#moat-details').textContent())!.includes(`Technology: ${HOSTILE_TEXT[0]}`));
    assert.equal(await page.locator('#moat-title').textContent(), `${HOSTILE_TEXT[1]} Shop`);
    await page.screenshot({ path: outputFile('screenshots', 'hostile.png') });
  });

  it('opens a boundary and focuses on a component from the toolbar, and says where it is', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP, CATALOGUE));
    const { page, problems } = await open(browser, writePage('shop-filter.html', diagramHtml(diagram, { script, fileName: 'shop.moat.yaml' })));
    await rendered(page, 1);
    await page.selectOption('#moat-boundary', 'pci');
    await rendered(page, 2);
    assert.deepEqual((await svgFacts(page)).nodes.map((n) => n.id).sort(), ['orders', 'payments', 'stripe.api']);
    assert.equal(await page.locator('#moat-notice').textContent(), 'Showing 3 of 8 components.');
    assert.equal(await page.locator('#moat-crumbs [aria-current]').textContent(), 'pci');
    await page.selectOption('#moat-boundary', '');
    await rendered(page, 3);
    // The focus picker offers every component, naturally sorted, and takes a typed id.
    assert.deepEqual(await page.locator('#moat-focus-list option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      ['events', 'gateway', 'orders', 'orders-db', 'partner', 'payments', 'shopper', 'stripe.api']);
    await page.fill('#moat-focus', 'gateway');
    await page.press('#moat-focus', 'Enter');
    await rendered(page, 4);
    assert.deepEqual((await svgFacts(page)).nodes.map((n) => n.id).sort(), ['gateway', 'orders', 'partner', 'shopper']);
    assert.equal(await page.locator('#moat-crumbs [aria-current]').textContent(), 'focus gateway');
    await page.click('#moat-crumbs button:has-text("All components")');
    await rendered(page, 5);
    assert.equal((await svgFacts(page)).nodes.length, 8);
    assert.deepEqual(problems, []);
  });

  it('opens on the overview of a large model, drills into a boundary on click, and comes back by the breadcrumb', async () => {
    const services = Array.from({ length: 40 }, (_, i) =>
      `  s${i}: { kind: service, boundary: ${i < 20 ? 'a' : 'b'}, calls: [{ to: s${(i + 1) % 40}, protocol: grpc, tls: ${i % 3 ? 'mtls' : 'none'}, auth: mtls }] }`);
    const diagram = buildDiagram(analyzeYaml(`moat: 1\nname: two zones\nboundaries: { a: { trust: internal }, b: { trust: restricted } }\nservices:\n${services.join('\n')}\n`, CATALOGUE));
    const { page, problems } = await open(browser, writePage('overview.html', diagramHtml(diagram, { script, fileName: 'zones.moat.yaml' })));
    await rendered(page);
    let facts = await svgFacts(page);
    assert.deepEqual(facts.nodes, []);
    assert.deepEqual(facts.boundaries.map((b) => b.id).sort(), ['a', 'b']);
    assert.deepEqual(facts.edges.map((e) => e.flow).sort(), ['a->b', 'b->a']);
    assert.ok(facts.labels.includes('1 flow · grpc · mTLS · mtls') || facts.labels.some((l) => /^1 flow|grpc/.test(l!)), facts.labels.join(' | '));
    assert.equal(await page.locator('#moat-crumbs [aria-current]').textContent(), 'Overview');
    await page.locator('[data-moat-role="boundary"][data-moat-id="b"]').click();
    await rendered(page, 2);
    facts = await svgFacts(page);
    assert.equal(facts.nodes.length, 20);
    assert.deepEqual(facts.boundaries.map((b) => b.id).sort(), ['a', 'b']);
    await page.click('#moat-crumbs button:has-text("Overview")');
    await rendered(page, 3);
    assert.deepEqual((await svgFacts(page)).nodes, []);
    assert.deepEqual(problems, []);
  });

  it('fits the drawing to the window, whatever its shape', async () => {
    const services = Array.from({ length: 24 }, (_, i) => `  s${i}: { kind: service, boundary: c, calls: [{ to: s${i + 1}, protocol: grpc, tls: mtls, auth: mtls }] }`);
    services.push('  s24: { kind: service, boundary: c }');
    const diagram = buildDiagram(analyzeYaml(`moat: 1\nname: chain\nboundaries: { c: { trust: internal } }\nservices:\n${services.join('\n')}\n`, CATALOGUE));
    const { page } = await open(browser, writePage('chain.html', diagramHtml(diagram, { script, fileName: 'chain.moat.yaml' })), { viewport: { width: 700, height: 500 } });
    await rendered(page);
    const fitted = async () => {
      const area = (await page.locator('#moat-viewport').boundingBox())!;
      const svg = (await page.locator('#moat-canvas svg').boundingBox())!;
      return { area, svg };
    };
    const { area, svg } = await fitted();
    assert.ok(svg.x >= area.x - 1 && svg.y >= area.y - 1 && svg.x + svg.width <= area.x + area.width + 1 && svg.y + svg.height <= area.y + area.height + 1, JSON.stringify({ area, svg }));
    assert.ok(svg.width >= area.width - 20 || svg.height >= area.height - 20, 'one side fills the window');
    await page.click('#moat-zoom-in');
    await page.click('#moat-fit');
    const again = await fitted();
    assert.deepEqual(again.svg, svg);
  });

  it('zooms and pans', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP, CATALOGUE));
    const { page } = await open(browser, writePage('shop-zoom.html', diagramHtml(diagram, { script, fileName: 'shop.moat.yaml' })));
    await rendered(page);
    const scale = () => page.evaluate(() => new DOMMatrix(getComputedStyle(document.getElementById('moat-canvas')!).transform).a);
    const before = await scale();
    await page.click('#moat-zoom-in');
    const after = await scale();
    assert.ok(Math.abs(after / before - 1.2) < 1e-4, `${before} → ${after}`);
    const offset = () => page.evaluate(() => new DOMMatrix(getComputedStyle(document.getElementById('moat-canvas')!).transform).e);
    const x0 = await offset();
    const box = (await page.locator('#moat-viewport').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height - 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + box.height - 20, { steps: 5 });
    await page.mouse.up();
    const x1 = await offset();
    assert.ok(Math.abs(x1 - x0 - 100) < 1, `dragging moves the drawing with the pointer: ${x0} → ${x1}`);
  });

  it('draws the overview of a model too large to draw whole, says so for all components, and draws it once focused', async () => {
    const services = Array.from({ length: 450 }, (_, i) => `  s${i}: { kind: service, boundary: c, calls: [{ to: s${(i + 1) % 450}, protocol: grpc, tls: mtls, auth: mtls }] }`);
    const diagram = buildDiagram(analyzeYaml(`moat: 1\nname: big\nboundaries: { c: { trust: internal } }\nservices:\n${services.join('\n')}\n`, CATALOGUE));
    const { page, problems } = await open(browser, writePage('big.html', diagramHtml(diagram, { script, fileName: 'big.moat.yaml' })));
    await rendered(page);
    assert.deepEqual((await svgFacts(page)).boundaries.map((b) => [b.id, b.classes]), [['c', 'moat-collapsed moat-boundary']]);
    await page.click('#moat-crumbs button:has-text("All components")');
    await rendered(page, 2);
    assert.equal(await page.locator('#moat-canvas svg').count(), 0);
    assert.match((await page.locator('#moat-notice').textContent())!, /450 components and 450 flows, too many to draw whole\. Open the overview, a boundary, or a component/);
    await page.fill('#moat-focus', 's7');
    await page.press('#moat-focus', 'Enter');
    await rendered(page, 3);
    assert.deepEqual((await svgFacts(page)).nodes.map((n) => n.id).sort(), ['s6', 's7', 's8']);
    assert.deepEqual(problems, []);
  });

  it('shows the review report\'s drawings as inline SVG, with no script and nothing loaded', async () => {
    const doc = buildReport(analyzeYaml(SHOP, CATALOGUE), { cwd: '/virtual', today: '2026-11-25' });
    const { page, problems } = await open(browser, writePage('report.html', await reportHtml(doc)));
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('script').count(), 0);
    const first = page.locator('figure.diagram').first();
    assert.equal(await first.locator('[data-moat-role="component"]').count(), 8);
    assert.ok((await first.locator('svg').boundingBox())!.width > 400);
    await page.screenshot({ path: outputFile('screenshots', 'report.png'), fullPage: true });
  });
});

/** A stand-in for VS Code's webview API: messages out are recorded, state is kept. */
const VSCODE_STUB = `
  window.__sent = [];
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__sent.push(m),
    getState: () => state,
    setState: (s) => { state = s; },
  });
`;

describe('diagram panel webview in Chromium', { skip }, () => {
  before(async () => {
    script = fs.readFileSync(await webviewBundle(), 'utf8');
    browser ??= await launch();
    if (!browser.isConnected()) browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  async function openWebview(diagram: Diagram, bodyClass: string, name: string) {
    const bundle = await webviewBundle();
    const html = diagramPage({ payload: { diagram, fileName: 'shop.moat.yaml' }, nonce: 'd2Vidmlld25vbmNl', cspSource: 'file:', script: { uri: `file://${bundle}` }, title: 'Diagram' })
      .replace('<body>', `<body class="${bodyClass}">`);
    const dark = bodyClass === 'vscode-dark' || bodyClass === 'vscode-high-contrast';
    return open(browser, writePage(name, html), { init: VSCODE_STUB, colorScheme: dark ? 'dark' : 'light' });
  }
  const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: unknown[] }).__sent);

  it('reveals a clicked element, highlights what the editor selects, and hands over the SVG', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP, CATALOGUE));
    const { page, problems } = await openWebview(diagram, 'vscode-dark', 'webview-dark.html');
    await rendered(page);
    assert.deepEqual(await sent(page), [{ type: 'ready' }]);
    await page.locator('[data-moat-role="component"][data-moat-id="orders-db"]').click();
    assert.deepEqual((await sent(page)).slice(1), [{ type: 'reveal', element: { type: 'service', id: 'orders-db' } }]);
    assert.match((await page.locator('#moat-details h3').textContent())!, /^orders-db \(database\)$/);

    await page.evaluate(() => window.postMessage({ type: 'highlight', elements: [{ type: 'service', id: 'payments' }, { type: 'flow', id: 'charge' }] }, '*'));
    await page.waitForSelector('[data-moat-role="component"].moat-highlight');
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.moat-highlight')].map((e) => e.getAttribute('data-moat-id')).sort()), ['charge', 'payments']);

    await page.evaluate(() => window.postMessage({ type: 'requestSvg', requestId: 7 }, '*'));
    await page.waitForFunction(() => (window as unknown as { __sent: { type: string }[] }).__sent.some((m) => m.type === 'svg'));
    const svg = (await sent(page) as { type: string; requestId?: number; svg?: string }[]).find((m) => m.type === 'svg')!;
    assert.equal(svg.requestId, 7);
    assert.match(svg.svg!, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg.svg!, /moat-highlight|tabindex/);
    assert.match((svg as { markdown?: string }).markdown!, /^```mermaid\nflowchart LR\n[\s\S]*subgraph g_pci\["pci · restricted"\][\s\S]*```\n$/);
    // The export buttons ask the extension to save.
    await page.click('#moat-export-svg');
    await page.click('#moat-export-md');
    assert.deepEqual((await sent(page) as { type: string }[]).filter((m) => m.type === 'export'), [{ type: 'export', format: 'svg' }, { type: 'export', format: 'markdown' }]);
    // The legend opens on request, and the page remembers it (and the zoom) in the webview's state.
    await page.click('#moat-legend-toggle');
    assert.equal(await page.locator('#moat-legend').isVisible(), true);
    const state = await page.evaluate(() => (window as unknown as { acquireVsCodeApi: () => { getState(): { legend: boolean; zoom: unknown } } }).acquireVsCodeApi().getState());
    assert.equal(state.legend, true);
    assert.ok(state.zoom);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: outputFile('screenshots', 'webview-dark.png') });
  });

  it('keeps the last good diagram with a banner while the model does not parse, and redraws on updates', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP, CATALOGUE));
    const { page, problems } = await openWebview(diagram, 'vscode-light', 'webview-stale.html');
    await rendered(page);
    await page.evaluate((d) => window.postMessage({ type: 'diagram', payload: { diagram: d, fileName: 'shop.moat.yaml', stale: 'The model has a syntax error (line 3); showing the last good diagram.' } }, '*'), diagram);
    await rendered(page, 2);
    assert.equal(await page.locator('#moat-banner').isVisible(), true);
    assert.equal(await page.locator('#moat-banner').textContent(), 'The model has a syntax error (line 3); showing the last good diagram.');
    const smaller = { ...diagram, nodes: diagram.nodes.filter((n) => n.id !== 'events'), edges: diagram.edges.filter((e) => e.to !== 'events') };
    await page.evaluate((d) => window.postMessage({ type: 'diagram', payload: { diagram: d, fileName: 'shop.moat.yaml' } }, '*'), smaller);
    await rendered(page, 3);
    assert.equal(await page.locator('#moat-banner').isVisible(), false);
    assert.equal((await svgFacts(page)).nodes.length, 7);
    assert.deepEqual(problems, []);
  });

  it('follows the theme: light, dark, high contrast', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP, CATALOGUE));
    const fills: Record<string, string> = {};
    for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light']) {
      const { page, problems } = await openWebview(diagram, theme, `webview-${theme}.html`);
      await rendered(page);
      assert.deepEqual(problems, []);
      const fill = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-moat-role="component"][data-moat-id="orders"] .moat-shape')!).fill);
      fills[theme] = await fill();
      await page.screenshot({ path: outputFile('screenshots', `theme-${theme}.png`) });
      // VS Code swaps the body's class when the user changes theme: the colours follow, with no redraw.
      if (theme === 'vscode-light') {
        await page.evaluate(() => { document.body.className = 'vscode-dark'; });
        assert.equal(await fill(), 'rgb(30, 30, 30)');
      }
    }
    assert.equal(new Set(Object.values(fills)).size, 4, JSON.stringify(fills));
  });
});

describe('samples in Chromium', { skip }, () => {
  const samples = fs.existsSync('samples') ? fs.readdirSync('samples').filter((f) => /\.moat\.ya?ml$|^moat\.ya?ml$/.test(f)) : [];
  before(async () => {
    script = fs.readFileSync(await webviewBundle(), 'utf8');
    if (!browser?.isConnected()) browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  for (const sample of samples) {
    it(`draws ${sample} with every component and flow`, async () => {
      const analysis = checkModel(path.resolve('samples', sample));
      const diagram = buildDiagram(analysis);
      const { page, problems } = await open(browser, writePage(`sample-${sample}.html`, diagramHtml(diagram, { script, fileName: sample })));
      await rendered(page);
      assert.deepEqual(problems, []);
      const facts = await svgFacts(page);
      assert.equal(facts.nodes.length, diagram.nodes.length);
      assert.equal(facts.edges.length, diagramAt(diagram).edges.length);
      await page.screenshot({ path: outputFile('screenshots', `sample-${sample}.png`) });
    });
  }
});
