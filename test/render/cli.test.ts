// `moat diagram` and `moat report`, run in-process through the program as the shell would.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/program.js';
import type { Io } from '../../server/src/cli/cli.js';
import diagram from '../../server/src/cli/commands/diagram.js';
import report from '../../server/src/cli/commands/report.js';
import { webviewBundle } from '../webview/browser.js';
import { SHOP } from './fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-render-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function moat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd: dir, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runCli([diagram, report], args, io, '0.0.0');
  return { code, stdout, stderr };
}

write('shop/shop.moat.yaml', SHOP);
write('two/a.moat.yaml', 'moat: 1\nname: a\n');
write('two/b.moat.yaml', 'moat: 1\nname: b\n');
write('broken/x.moat.yaml', 'moat: 1\nname: [unclosed\n');

describe('moat diagram', () => {
  it('prints Mermaid by default, from a file or a folder holding one model', async () => {
    const a = await moat('diagram', 'shop/shop.moat.yaml');
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /^flowchart LR\n {2}subgraph b_edge\["edge · dmz"\]/);
    const b = await moat('diagram', 'shop');
    assert.equal(b.stdout, a.stdout);
  });

  it('wraps it in a fenced mermaid block for Markdown', async () => {
    const { stdout } = await moat('diagram', 'shop', '--format', 'markdown');
    assert.match(stdout, /^```mermaid\nflowchart LR\n[\s\S]*\n```\n$/);
  });

  it('--focus keeps one component and its neighbours', async () => {
    const { stdout, code } = await moat('diagram', 'shop', '--focus', 'payments');
    assert.equal(code, 0);
    const nodes = [...stdout.matchAll(/^ +(s_\w+)[[({>]/gm)].map((m) => m[1]).sort();
    assert.deepEqual(nodes, ['s_orders', 's_payments', 's_stripe_api']);
  });

  it('names the closest component when --focus names none', async () => {
    const { code, stdout, stderr } = await moat('diagram', 'shop', '--focus', 'payment');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'moat: --focus: the model has no component `payment`; did you mean `payments`?\n');
  });

  it('writes to -o FILE', async () => {
    const { code, stdout } = await moat('diagram', 'shop', '-o', 'out/shop.mmd');
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.match(fs.readFileSync(path.join(dir, 'out/shop.mmd'), 'utf8'), /^flowchart LR/);
  });

  it('refuses a folder with several models, a model that does not parse, and a bad format', async () => {
    const two = await moat('diagram', 'two');
    assert.equal(two.code, 2);
    assert.match(two.stderr, /^moat: two holds 2 models \(two\/a\.moat\.yaml, two\/b\.moat\.yaml\); name one of them\n$/);
    const broken = await moat('diagram', 'broken');
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^moat: broken\/x\.moat\.yaml cannot be read as a model: /);
    const format = await moat('diagram', 'shop', '--format', 'png');
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Allowed choices are mermaid, markdown, html, svg/);
  });

  it('--format svg draws the level asked, the same text each time, with no script', async () => {
    const full = await moat('diagram', 'shop', '--format', 'svg');
    assert.equal(full.code, 0, full.stderr);
    assert.match(full.stdout, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*width="\d+" height="\d+"/);
    const ids = (svg: string, role: string) => [...svg.matchAll(new RegExp(`data-moat-role="${role}" data-moat-id="([^"]*)"`, 'g'))].map((m) => m[1].replace(/&#62;/g, '>')).sort();
    assert.deepEqual(ids(full.stdout, 'component'), ['events', 'gateway', 'orders', 'orders-db', 'partner', 'payments', 'shopper', 'stripe.api']);
    assert.deepEqual(ids(full.stdout, 'boundary'), ['cluster', 'edge', 'internet', 'pci']);
    assert.deepEqual(ids(full.stdout, 'flow'), ['charge', 'gateway->orders', 'orders->events', 'orders->orders-db', 'orders->payments', 'partner->gateway', 'shopper->gateway']);
    assert.equal((await moat('diagram', 'shop', '--format', 'svg')).stdout, full.stdout);
    assert.doesNotMatch(full.stdout, /<script|\son\w+=/);

    const overview = await moat('diagram', 'shop', '--format', 'svg', '--level', 'overview');
    // cluster holds pci, so it stays a group with its own components in it; edge and pci are nodes.
    assert.deepEqual(ids(overview.stdout, 'component'), ['events', 'orders', 'orders-db', 'partner', 'shopper', 'stripe.api']);
    assert.deepEqual(ids(overview.stdout, 'boundary'), ['cluster', 'edge', 'pci']);
    assert.deepEqual(ids(overview.stdout, 'flow'), ['edge->orders', 'orders->events', 'orders->orders-db', 'orders->pci', 'partner->edge', 'pci->stripe.api', 'shopper->edge']);

    const boundary = await moat('diagram', 'shop', '--format', 'svg', '--boundary', 'pci');
    assert.deepEqual(ids(boundary.stdout, 'component'), ['orders', 'payments', 'stripe.api']);
    assert.deepEqual(ids(boundary.stdout, 'boundary'), ['pci']);

    const unknown = await moat('diagram', 'shop', '--format', 'svg', '--boundary', 'pcx');
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, 'moat: --boundary: the model has no boundary `pcx` that holds components; did you mean `pci`?\n');
    // Mermaid and Markdown draw the same levels.
    const mermaidLevel = await moat('diagram', 'shop', '--level', 'overview', '--format', 'markdown');
    assert.equal(mermaidLevel.code, 0);
    assert.match(mermaidLevel.stdout, /^```mermaid\nflowchart LR\n[\s\S]*\n {4}b_pci\["pci<br>restricted · 1 component<br>/);
    const mermaidBoundary = await moat('diagram', 'shop', '--boundary', 'pci');
    assert.deepEqual([...mermaidBoundary.stdout.matchAll(/^ +(s_\w+)[[({>]/gm)].map((m) => m[1]).sort(), ['s_orders', 's_payments', 's_stripe_api']);
  });
});

describe('moat diagram --format html and moat report', () => {
  before(async () => {
    await webviewBundle();
  });

  it('writes one self-contained page: strict CSP, the diagram as JSON, the script inline', async () => {
    const { code, stdout } = await moat('diagram', 'shop', '--format', 'html', '--focus', 'orders');
    assert.equal(code, 0);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(stdout)?.[1]?.replace(/&#39;/g, "'");
    assert.ok(csp);
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}'; style-src 'unsafe-inline'; img-src data:$/);
    assert.doesNotMatch(stdout, /<script[^>]+src=/, 'no script is loaded from anywhere');
    const payload = JSON.parse(/<script type="application\/json" id="moat-payload">(.*?)<\/script>/s.exec(stdout)![1]);
    assert.deepEqual(payload.view, { focus: 'orders' });
    assert.equal(payload.diagram.nodes.length, 8);
    assert.ok(stdout.length > 1_000_000, 'Mermaid is inlined');
  });

  it('writes the report as Markdown by default and as HTML', async () => {
    const md = await moat('report', 'shop');
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^# Threat model review: Shop\n/);
    assert.match(md.stdout, /\| Date \| \d{4}-\d\d-\d\d \|\n\| Generated by \| Moat 0\.0\.0 \|\n\| Model file \| `shop\/shop\.moat\.yaml` \|/);
    const html = await moat('report', 'shop', '-f', 'html', '-o', 'review.html');
    assert.equal(html.code, 0);
    const page = fs.readFileSync(path.join(dir, 'review.html'), 'utf8');
    assert.match(page, /<h1>Threat model review: Shop<\/h1>/);
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    assert.doesNotMatch(page, /<script/);
    // The whole system, then one drawing per boundary, each an inline SVG with its own marker ids.
    assert.deepEqual([...page.matchAll(/<figure class="diagram(?: tiled)?" id="([^"]+)">/g)].map((m) => m[1]),
      ['diagram-overview', 'diagram-edge', 'diagram-cluster', 'diagram-pci', 'diagram-internet']);
    assert.deepEqual([...page.matchAll(/<marker id="(d\d+)-arrow-plain"/g)].map((m) => m[1]), ['d1', 'd2', 'd3', 'd4', 'd5']);
  });
});
