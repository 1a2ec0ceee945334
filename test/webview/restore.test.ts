// The page's half of restoring the diagram panel after a reload (the host's half is
// test/client/serializer.test.ts): the page saves its model, level, zoom, legend and Paths menu in
// its webview state, and a page opened with that state shows the same thing again.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { analyzeYaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import { diagramPage } from '../../server/src/render/page.js';
import type { DiagramPayload } from '../../server/src/render/page.js';
import { pathsOverlay } from '../../server/src/paths/overlay.js';
import { restoredPanel } from '../../client/src/preview/restore.js';
import { chromiumAvailable, launch, open, outputFile, rendered, webviewBundle } from './browser.js';
import { SHOP } from '../render/fixtures.js';

const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)';
const MODEL_URI = 'file:///work/shop/shop.moat.yaml';

/** A stand-in for the VS Code API whose state starts as `state` (what VS Code hands a restored page). */
const vscodeStub = (state: unknown) => `
  window.__sent = [];
  let state = ${JSON.stringify(state ?? null)} ?? undefined;
  window.__state = () => state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__sent.push(m),
    getState: () => state,
    setState: (s) => { state = s; },
  });
`;

let browser: Browser;

function pageFile(name: string, payload: DiagramPayload, bundle: string): string {
  const file = outputFile('pages', name);
  fs.writeFileSync(file, diagramPage({ payload, nonce: 'cmVzdG9yZW5vbmNl', cspSource: 'file:', script: { uri: `file://${bundle}` }, title: 'Diagram' }));
  return file;
}

/** What a person sees of the page's state: level, zoom, legend, Paths menu. */
async function shown(page: Page) {
  return {
    level: await page.locator('#moat-crumbs [aria-current="page"]').textContent(),
    drawing: await page.locator('#moat-canvas svg').getAttribute('aria-label'),
    transform: await page.locator('#moat-canvas').evaluate((c) => (c as HTMLElement).style.transform),
    legend: await page.locator('#moat-legend').isVisible(),
    paths: await page.locator('#moat-paths').inputValue(),
  };
}

describe('the diagram page restored after a reload', { skip }, () => {
  let bundle: string;
  before(async () => {
    bundle = await webviewBundle();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('saves the model, level, zoom, legend and Paths menu, and shows them again from that state', async () => {
    const analysis = analyzeYaml(SHOP);
    const payload: DiagramPayload = { diagram: buildDiagram(analysis), fileName: 'shop.moat.yaml', view: {}, paths: pathsOverlay(analysis), document: MODEL_URI };
    const before = await open(browser, pageFile('restore-before.html', payload, bundle), { init: vscodeStub(undefined) });
    await rendered(before.page);
    // Saved from the start, before the user does anything.
    assert.equal((await before.page.evaluate(() => (window as unknown as { __state(): { document: string } }).__state())).document, MODEL_URI);

    await before.page.getByRole('button', { name: 'Overview' }).click();
    await rendered(before.page, 2);
    await before.page.click('#moat-zoom-in');
    await before.page.click('#moat-zoom-in');
    await before.page.click('#moat-legend-toggle');
    await before.page.selectOption('#moat-paths', 'attack');
    const seen = await shown(before.page);
    assert.equal(seen.level, 'Overview');
    assert.match(seen.drawing!, /\(overview\)$/);
    assert.deepEqual([seen.legend, seen.paths], [true, 'attack']);
    assert.match(seen.transform, /^translate\(-?[\d.]+px, -?[\d.]+px\) scale\([\d.]+\)$/);
    const state = await before.page.evaluate(() => (window as unknown as { __state(): unknown }).__state());
    assert.deepEqual(before.problems, []);

    // VS Code reloads: the serializer reads the model and view; the new page gets the old state.
    const restored = restoredPanel(state);
    assert.deepEqual(restored, { document: MODEL_URI, view: { level: 'overview' } });
    const after = await open(browser, pageFile('restore-after.html', { ...payload, view: restored!.view }, bundle), { init: vscodeStub(state) });
    await rendered(after.page);
    assert.deepEqual(await shown(after.page), seen);
    assert.equal(await after.page.locator('[data-moat-role="boundary"].moat-path-on').count() > 0, true, 'the attack paths are drawn again');
    await after.page.screenshot({ path: outputFile('screenshots', 'webview-restored.png') });
    assert.deepEqual(after.problems, []);
  });
});
