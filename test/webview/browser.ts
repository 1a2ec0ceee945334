// Headless Chromium for the page tests: Debian's /usr/bin/chromium driven by playwright-core,
// with no network and nothing running in the background.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import * as esbuild from 'esbuild';
import { webviewBuildOptions } from '../../scripts/webview-build.mjs';

export const CHROMIUM = process.env.MOAT_CHROMIUM ?? '/usr/bin/chromium';
export const OUTPUT = path.resolve('test-output');

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

let built: Promise<string> | undefined;
/**
 * The webview bundle, built once per run from the sources with the build's options (scripts/webview-build.mjs), into
 * dist/webview/main.js where the CLI's HTML output reads it.
 */
export function webviewBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = path.resolve('dist', 'webview', 'main.js');
    await esbuild.build(webviewBuildOptions(outfile));
    return outfile;
  })();
  return built;
}

export interface Opened {
  page: Page;
  /** Console errors, page errors, CSP violations and any request that would leave the machine. */
  problems: string[];
  dialogs: string[];
}

/** Opens a page from a file, records what goes wrong, and blocks every network request. */
export async function open(browser: Browser, file: string, options: { colorScheme?: 'light' | 'dark'; init?: string; viewport?: { width: number; height: number } } = {}): Promise<Opened> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    problems.push(`network: ${url}`);
    return route.abort();
  });
  if (options.init) await page.addInitScript(options.init);
  await page.goto(`file://${file}`);
  return { page, problems, dialogs };
}

/** Waits until the page has drawn `count` times (it counts on body[data-rendered]). */
export async function rendered(page: Page, count = 1): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) >= n, count, { timeout: 120_000 });
}

export function outputFile(...parts: string[]): string {
  const file = path.join(OUTPUT, ...parts);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
