// `moat paths`, run in-process through the program as the shell would.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/program.js';
import type { Io } from '../../server/src/cli/cli.js';
import paths from '../../server/src/cli/commands/paths.js';
import { writePieces } from '../../server/src/cli/commands/diagram.js';
import { checkText } from '../../server/src/engine.js';
import { ModelGraph } from '../../server/src/analysis/graph.js';
import { pathsJson, pathsJsonPieces, pathsReport } from '../../server/src/paths/views.js';
import { yaml } from '../helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-paths-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

async function moat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd: dir, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runCli([paths], args, io, '0.0.0');
  return { code, stdout, stderr };
}

const SHOP = yaml`
  moat: 1
  name: shop
  boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
  data:
    card: { classification: restricted }
    order: { classification: confidential }
  services:
    shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
    web:
      kind: frontend
      boundary: edge
      controls: { waf: true }
      calls: [{ to: orders, protocol: grpc, tls: mtls }]
    orders:
      kind: service
      boundary: cluster
      controls: { authorization: true }
      runtime: { image: orders:1.0, shared-with: [agent] }
      calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: none, access: read }]
    agent: { kind: service, boundary: cluster }
    orders-db: { kind: database, boundary: cluster, stores: [order, card] }
    archive: { kind: storage, boundary: cluster, stores: [order] }
`;
write('shop/shop.moat.yaml', SHOP);
write('broken/x.moat.yaml', 'moat: 1\nname: [unclosed\n');
write('errors/x.moat.yaml', SHOP.replace('shared-with: [agent]', 'shared-with: [agnet]'));

describe('moat paths', () => {
  it('prints the weakest path to every judged component, each hop with protocol, tls, auth and the controls in the way', async () => {
    const r = await moat('paths', 'shop');
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, [
      'Attack paths from the internet (origins: shopper)',
      '',
      'orders-db: one lock — stores order (confidential), card (restricted)',
      '  shopper → web → orders → orders-db',
      '    1. shopper → web (https, tls, auth none; open); in the way: waf',
      '    2. web → orders (grpc, mtls, auth ?; lock); in the way: authorization',
      '    3. orders → orders-db (postgres, tls, auth none; open)',
      '',
      'Unreachable from the internet: archive',
      '',
    ].join('\n'));
  });

  it('gives the same as JSON: auth null where the model leaves it out, unreachable targets with depth null', async () => {
    const r = await moat('paths', 'shop/shop.moat.yaml', '--format', 'json');
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), {
      targets: [
        {
          target: 'orders-db', data: ['order', 'card'], reachable: true, depth: 1,
          path: [
            { from: 'shopper', to: 'web', flow: 'shopper->web', protocol: 'https', tls: 'tls', auth: 'none', lock: false },
            { from: 'web', to: 'orders', flow: 'web->orders', protocol: 'grpc', tls: 'mtls', auth: null, lock: true },
            { from: 'orders', to: 'orders-db', flow: 'orders->orders-db', protocol: 'postgres', tls: 'tls', auth: 'none', lock: false },
          ],
        },
        { target: 'archive', data: ['order'], reachable: false, depth: null, path: [] },
      ],
    });
  });

  it('keeps standard error empty in JSON even when the model has errors, and warns in text', async () => {
    const json = await moat('paths', 'errors', '-f', 'json');
    assert.equal(json.code, 0);
    assert.equal(json.stderr, '');
    assert.equal(JSON.parse(json.stdout).targets[0].depth, 1);
    const text = await moat('paths', 'errors');
    assert.equal(text.code, 0);
    assert.match(text.stderr, /^moat: .*x\.moat\.yaml has 1 model error; paths followed as far as it can be read/);
  });

  it('--to takes a component (judged or not) or data:ID; --all lists every path, weakest first', async () => {
    const web = JSON.parse((await moat('paths', 'shop', '--to', 'web', '-f', 'json')).stdout);
    assert.deepEqual(web.targets.map((t: { target: string; depth: number }) => [t.target, t.depth]), [['web', 0]]);
    const order = JSON.parse((await moat('paths', 'shop', '--to', 'data:order', '-f', 'json')).stdout);
    assert.deepEqual(order.targets.map((t: { target: string }) => t.target), ['orders-db', 'archive']);
    const all = JSON.parse((await moat('paths', 'shop', '--to', 'orders-db', '--all', '-f', 'json')).stdout);
    assert.equal(all.targets[0].path, undefined);
    assert.deepEqual(all.targets[0].paths.map((p: { to: string }[]) => p.map((h) => h.to)), [['web', 'orders', 'orders-db']]);
  });

  it('--from gives the blast radius: data exposed and how, runtime neighbours, reach with locks', async () => {
    const r = await moat('paths', 'shop', '--from', 'orders', '-f', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      from: 'orders',
      exposed: [
        { data: 'card', classification: 'restricted', how: ['read over orders->orders-db'] },
        { data: 'order', classification: 'confidential', how: ['read over orders->orders-db'] },
      ],
      takenOver: [],
      reach: [{ id: 'agent', locks: 0 }, { id: 'orders-db', locks: 0 }],
    });
    const text = await moat('paths', 'shop', '--from', 'orders');
    assert.ok(text.stdout.includes('Data exposed:\n  card (restricted): read over orders->orders-db\n'));
    const md = await moat('paths', 'shop', '--from', 'orders', '-f', 'markdown');
    assert.ok(md.stdout.includes('| `orders-db` | 0 |'));
  });

  it('draws the paths in bold over the dimmed diagram with --format mermaid, and tables them in Markdown', async () => {
    const r = await moat('paths', 'shop', '-f', 'mermaid');
    assert.match(r.stdout, /^flowchart LR/);
    assert.match(r.stdout, /\n  class s_agent,s_archive pathDim\n/);
    assert.match(r.stdout, /\n  class s_web,s_orders,s_orders_db,s_shopper pathOn\n/);
    assert.match(r.stdout, /\n  linkStyle 0,1,2 stroke:#b91c1c,stroke-width:4px\n$/);
    const md = await moat('paths', 'shop', '-f', 'markdown');
    assert.ok(md.stdout.includes('| 2 | `web` | `orders` | grpc | mtls | ? | yes | authorization |'));
    assert.ok(md.stdout.includes('Weakest path: shopper → web → orders → orders-db, one lock.'));
  });

  it('fails with exit 2 and one line: unknown ids (with the closest), flags that do not go together, a broken model', async () => {
    const cases: [string[], RegExp][] = [
      [['paths', 'shop', '--to', 'order-db'], /^moat: --to: the model has no component `order-db`; did you mean `orders-db`\?\n$/],
      [['paths', 'shop', '--to', 'data:cards'], /^moat: --to: the model has no data `cards`; did you mean `data:card`\?\n$/],
      [['paths', 'shop', '--from', 'ordres'], /^moat: --from: the model has no component `ordres`; did you mean `orders`\?\n$/],
      [['paths', 'shop', '--from', 'orders', '--all'], /^moat: --from shows a blast radius; it does not go with --all\n$/],
      [['paths', 'broken', '-f', 'json'], /^moat: broken\/x\.moat\.yaml cannot be read as a model: /],
      [['paths', 'shop', '-f', 'svg'], /Allowed choices are text, json, markdown, mermaid/],
    ];
    for (const [args, message] of cases) {
      const r = await moat(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
  });
});

describe('moat paths writes large views in pieces', () => {
  it('the JSON view written a target at a time is the document JSON.stringify writes, with and without targets', async () => {
    for (const text of [SHOP, 'moat: 1\nname: x\nservices:\n  a: { kind: service, boundary: app }\nboundaries:\n  app: { trust: internal }\n']) {
      const graph = new ModelGraph(checkText(text, path.join(dir, 'pieces.moat.yaml')).model);
      for (const all of [false, true]) {
        const report = pathsReport(graph, { all });
        assert.equal([...pathsJsonPieces(report)].join(''), `${JSON.stringify(pathsJson(report), null, 2)}\n`);
      }
    }
  });

  it('standard output read slowly: each piece waits for the stream to drain', async () => {
    const written: string[] = [];
    let waiting: (() => void) | undefined;
    const stdout = { write: (t: string) => (written.push(t), false), once: (_: 'drain', listener: () => void) => (waiting = listener) };
    const cli = { io: { cwd: dir, env: {}, stdout, stderr: stdout }, version: '0', action: () => async () => {} };
    const done = writePieces(cli, ['a', 'b', 'c'], undefined);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, ['a'], 'the second piece waits for the first to drain');
    waiting!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(written, ['a', 'b']);
    waiting!();
    await new Promise((r) => setImmediate(r));
    waiting!();
    await done;
    assert.deepEqual(written, ['a', 'b', 'c']);
  });
});
