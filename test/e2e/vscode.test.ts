// The extension in a real VS Code (code-server 4.100.3, VS Code 1.100.3), driven by Playwright in
// Debian's Chromium: open a model, read the Problems panel, go to an element by name, apply a quick
// fix from the light bulb, and accept a finding, typing its reason straight into the snippet
// placeholder the edit leaves.
//
// Runs when MOAT_E2E=1 (CI sets it after scripts/install-code-server.sh). MOAT_CODE_SERVER names
// the code-server executable; by default the one that script installs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'test-output');
const CODE_SERVER = process.env.MOAT_CODE_SERVER ?? path.join(os.homedir(), '.cache/code-server-e2e/node_modules/.bin/code-server');
const CHROMIUM = process.env.MOAT_CHROMIUM ?? '/usr/bin/chromium';
const enabled = process.env.MOAT_E2E === '1';
const STEP = 90_000;

const MODEL = `moat: 1
name: shop
boundaries:
  cluster: { trust: internal }
services:
  web:
    kind: service
    boundary: cluster
    calls:
      - { to: orders, protocol: http, auth: jwt }   # the storefront's calls
  orders: { kind: service, boundary: cluster }
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves when `check` holds; checks again each time the page or the disk may have moved on. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeout = STEP): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const editorText = (page: Page) => page.locator('.monaco-editor .view-lines').first().innerText().then((t) => t.replace(/\u00a0/g, ' '));

describe('the extension in VS Code', { skip: enabled ? false : 'set MOAT_E2E=1 (and install code-server with scripts/install-code-server.sh)' }, () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let work: string;
  let log = '';
  const modelFile = () => path.join(work, 'ws', 'shop.moat.yaml');

  before(async () => {
    assert.ok(fs.existsSync(CODE_SERVER), `code-server not found at ${CODE_SERVER}`);
    const built = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr || built.stdout);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const vsix = path.join(ROOT, `moat-${version}.vsix`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-e2e-'));
    fs.mkdirSync(path.join(work, 'ws'));
    fs.mkdirSync(path.join(work, 'data/User'), { recursive: true });
    fs.writeFileSync(modelFile(), MODEL);
    fs.writeFileSync(path.join(work, 'data/User/settings.json'), JSON.stringify({
      'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
      'workbench.tips.enabled': false, 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
      'editor.lightbulb.enabled': 'on',
    }));
    const dirs = ['--extensions-dir', path.join(work, 'ext'), '--user-data-dir', path.join(work, 'data')];
    const installed = spawnSync(CODE_SERVER, [...dirs, '--install-extension', vsix], { encoding: 'utf8' });
    assert.equal(installed.status, 0, installed.stderr || installed.stdout);
    const port = await freePort();
    server = spawn(CODE_SERVER, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', ...dirs, path.join(work, 'ws')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => { log += d; if (/HTTP server listening/.test(log)) resolve(); };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.on('exit', (code) => reject(new Error(`code-server exited (${code}): ${log}`)));
    });
    await listening;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(path.join(work, 'ws'))}`);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'shop.moat.yaml' }).click({ timeout: STEP });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: STEP });
  });

  after(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    await page?.screenshot({ path: path.join(OUT, 'e2e-vscode.png') }).catch(() => undefined);
    await browser?.close();
    server?.kill();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('gives the file the moat language and lists its findings in the Problems panel', async () => {
    await until('the language to show as Moat', async () => (await page.locator('.statusbar-item', { hasText: /^Moat$/ }).count()) > 0);
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'unencrypted-flow' });
    await row.waitFor({ timeout: STEP });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /web → orders is not encrypted \(`http`\)\. Use `https`\. moat ?\(?unencrypted-flow\)? \[Ln 10, Col 33\]/);
    // The status bar counts the model's findings.
    const status = await page.locator('.statusbar-item', { hasText: /medium/ }).first().innerText();
    assert.match(status, /\d+ medium/);
  });

  it('goes to any element of the workspace by name (Go to Symbol in Workspace, `#` in quick open)', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP });
    await input.fill('#orders');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'orders' });
    await pick.first().waitFor({ timeout: STEP });
    assert.match((await pick.first().innerText()).replace(/\s+/g, ' '), /orders.*services/);
    await page.keyboard.press('Enter');
    await until('the cursor on orders', async () => (await page.locator('.statusbar-item', { hasText: /Ln 11, Col 3/ }).count()) > 0);
  });

  it('applies the quick fix from the light bulb, and the finding goes', async () => {
    // On the message, not on the rule's documentation link at the end of the row.
    // A double click moves the cursor there and the focus into the editor, where the light bulb shows.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'unencrypted-flow' }).dblclick({ position: { x: 120, y: 8 } });
    await until('the cursor on the finding', async () => (await page.locator('.statusbar-item', { hasText: /Ln 10, Col 3\d/ }).count()) > 0);
    const bulb = page.locator('.monaco-editor .lightBulbWidget');
    await bulb.first().waitFor({ timeout: STEP });
    await bulb.first().click();
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Switch to `https`' });
    await item.waitFor({ timeout: STEP });
    assert.ok(await page.locator('.action-widget .monaco-list-row', { hasText: 'Accept `' }).count() > 0);
    // The preferred fix comes first and has the focus: Enter applies it, as a user would.
    assert.match(await page.locator('.action-widget .monaco-list-row.focused').innerText(), /Switch to `https`/);
    await page.keyboard.press('Enter');
    await until('the editor to show https', async () => (await editorText(page)).includes('protocol: https, auth: jwt }   # the storefront'));
    await page.keyboard.press('Control+S');
    await until('the file to be saved', () => fs.readFileSync(modelFile(), 'utf8') !== MODEL);
    assert.equal(fs.readFileSync(modelFile(), 'utf8'), MODEL.replace('protocol: http,', 'protocol: https,'));
    await until('the finding to leave the Problems panel',
      async () => (await page.locator('.markers-panel .monaco-list-row', { hasText: 'unencrypted-flow' }).count()) === 0);
  });

  it('accepts a finding with the reason left as a snippet placeholder: what is typed next is the reason', async () => {
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'The service `orders` has no `dependency-scanning`' });
    await row.dblclick({ position: { x: 120, y: 8 } });
    await until('the cursor on the finding', async () => (await page.locator('.statusbar-item', { hasText: /Ln 11, Col/ }).count()) > 0);
    const bulb = page.locator('.monaco-editor .lightBulbWidget');
    await bulb.first().waitFor({ timeout: STEP });
    await bulb.first().click();
    const entry = 'Accept `missing-dependency-scanning` on orders';
    await page.locator('.action-widget .monaco-list-row', { hasText: entry }).waitFor({ timeout: STEP });
    // The keyboard, as the list takes it (a pointer block covers the list for a moment after it opens).
    for (let i = 0; i < 10 && !(await page.locator('.action-widget .monaco-list-row.focused').innerText()).includes(entry); i++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.match(await page.locator('.action-widget .monaco-list-row.focused').innerText(), /Accept `missing-dependency-scanning` on orders/);
    await page.keyboard.press('Enter');
    await until('the accept: entry in the editor', async () => (await editorText(page)).includes('target: orders'));
    // No click, no cursor move: the reason is where the typing goes.
    await page.keyboard.type('the platform scans every image');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    const saved = MODEL.replace('protocol: http,', 'protocol: https,')
      + '\naccept:\n  - rule: missing-dependency-scanning\n    target: orders\n    reason: "the platform scans every image"\n';
    await until('the file to be saved with the reason', () => fs.readFileSync(modelFile(), 'utf8') === saved || undefined, STEP)
      .catch((err) => { throw new Error(`${err.message}; file is:\n${fs.readFileSync(modelFile(), 'utf8')}`); });
    await until('the accepted finding to leave the Problems panel',
      async () => (await page.locator('.markers-panel .monaco-list-row', { hasText: 'The service `orders` has no `dependency-scanning`' }).count()) === 0);
  });
});
