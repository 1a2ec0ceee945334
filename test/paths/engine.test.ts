// The path engine: weakest paths by locks, flows and ids; d₂ around cycles; --all; blast radius.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { attackPaths, allPathsTo } from '../../server/src/paths/attack.js';
import { blastRadius, exposureCounts } from '../../server/src/paths/blast-radius.js';
import { compareIds, pathComponents } from '../../server/src/paths/weakest.js';
import type { AttackPath } from '../../server/src/paths/weakest.js';
import { generateDenseModel } from '../../bench/generate.js';

const names = (p: AttackPath | undefined) => (p ? `${pathComponents(p).join(' > ')} (${p.depth})` : 'none');

const SHOP = yaml`
  moat: 1
  name: shop
  boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
  data:
    card: { classification: restricted }
    order: { classification: confidential }
    catalog: { classification: public }
  services:
    shopper:
      kind: user
      calls:
        - { to: web, protocol: https, auth: none }
        - { to: gw, protocol: https, auth: oidc }
    web: { kind: frontend, boundary: edge, calls: [{ to: gw, protocol: https, auth: none }] }
    gw:
      kind: gateway
      boundary: edge
      controls: { waf: true, rate-limit: 100/min }
      calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }, { to: catalog, protocol: grpc, tls: mtls }]
    orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, auth: password, access: read-write }] }
    catalog: { kind: service, boundary: cluster, calls: [{ to: catalog-db, protocol: postgres, auth: none }, { to: orders-db, protocol: postgres, auth: none, access: read }] }
    orders-db: { kind: database, boundary: cluster, stores: [card, order] }
    catalog-db: { kind: database, boundary: cluster, stores: [catalog] }
`;

describe('weakest paths', () => {
  it('counts locks (an absent auth is one), then flows, then ids', () => {
    const { graph } = analyzeYaml(SHOP);
    const paths = attackPaths(graph);
    // shopper > web > gw is free; gw > catalog has no auth (a lock); catalog > orders-db is free.
    assert.equal(names(paths.weakestTo('orders-db')), 'shopper > web > gw > catalog > orders-db (1)');
    assert.equal(names(paths.weakestTo('gw')), 'shopper > web > gw (0)');
    assert.equal(names(paths.weakestTo('catalog-db')), 'shopper > web > gw > catalog > catalog-db (1)');
    assert.equal(paths.weakestTo('shopper'), undefined);
    assert.deepEqual(paths.judged.map((t) => t.component.id), ['orders-db']);
  });

  it('breaks ties by fewer flows, then by the ids element by element', () => {
    const { graph } = analyzeYaml(yaml`
      moat: 1
      name: t
      boundaries: { app: { trust: internal } }
      data: { secret: { classification: restricted } }
      services:
        z-user: { kind: user, calls: [{ to: b, protocol: https, auth: none }, { to: a, protocol: https, auth: none }] }
        a-user: { kind: user, calls: [{ to: c, protocol: https, auth: none }, { to: long1, protocol: https, auth: none }] }
        long1: { kind: service, boundary: app, calls: [{ to: long2, protocol: https, auth: none }] }
        long2: { kind: service, boundary: app, calls: [{ to: store, protocol: https, auth: none }] }
        a: { kind: service, boundary: app, calls: [{ to: store, protocol: https, auth: none }] }
        b: { kind: service, boundary: app, calls: [{ to: store, protocol: https, auth: none }] }
        c: { kind: service, boundary: app, calls: [{ to: store, protocol: https, auth: none }] }
        store: { kind: database, boundary: app, stores: [secret] }
    `);
    assert.equal(names(attackPaths(graph).weakestTo('store')), 'a-user > c > store (0)');
    assert.ok(compareIds('a', 'b') < 0 && compareIds('ab', 'a') > 0 && compareIds('\u{1F600}', '\uFFFF') > 0);
  });

  it('finds the path of two or more flows, around a cycle through the target', () => {
    const { graph } = analyzeYaml(yaml`
      moat: 1
      name: t
      boundaries: { app: { trust: internal } }
      data: { pay: { classification: restricted } }
      services:
        client: { kind: user, calls: [{ to: payments, protocol: https, auth: none }, { to: api, protocol: https, auth: token }] }
        payments: { kind: service, boundary: app, stores: [pay], calls: [{ to: ledger, protocol: https, auth: none }] }
        ledger: { kind: service, boundary: app, calls: [{ to: payments, protocol: https, auth: none }] }
        api: { kind: service, boundary: app, calls: [{ to: ledger, protocol: https, auth: mtls }] }
    `);
    const paths = attackPaths(graph);
    assert.equal(names(paths.weakestTo('payments')), 'client > payments (0)');
    // client > payments > ledger > payments visits payments twice: the way round is through api.
    assert.equal(names(paths.longPathTo('payments')), 'client > api > ledger > payments (2)');
  });

  it('does not pass through another origin, and counts from the last one', () => {
    const { graph } = analyzeYaml(yaml`
      moat: 1
      name: t
      boundaries: { app: { trust: internal } }
      data: { pay: { classification: restricted } }
      services:
        shop: { kind: service, boundary: app, calls: [{ to: psp, protocol: https, auth: api-key }] }
        visitor: { kind: user, calls: [{ to: shop, protocol: https, auth: none }] }
        psp: { kind: external, calls: [{ to: hooks, protocol: https, auth: none }] }
        hooks: { kind: service, boundary: app, calls: [{ to: db, protocol: postgres, auth: none }] }
        db: { kind: database, boundary: app, stores: [pay] }
    `);
    assert.equal(names(attackPaths(graph).weakestTo('db')), 'psp > hooks > db (0)');
  });

  it('gives each judged target the depth of its weakest path before building the path, and builds it once', () => {
    const { graph } = analyzeYaml(SHOP);
    const { judged, search } = attackPaths(graph);
    assert.deepEqual(judged.map((t) => [t.component.id, t.depth]), [['orders-db', 1]]);
    const [target] = judged;
    assert.equal(names(target.weakest), 'shopper > web > gw > catalog > orders-db (1)');
    assert.equal(target.weakest, target.weakest, 'the path is kept once built');
    assert.deepEqual(target.weakest, search.pathTo('orders-db'));
  });

  it('lists every path weakest first with --all, at most the limit', () => {
    const { graph } = analyzeYaml(SHOP);
    const paths = attackPaths(graph);
    const all = allPathsTo(graph, paths.search, 'orders-db');
    assert.deepEqual(all.paths.map(names), [
      'shopper > web > gw > catalog > orders-db (1)',
      'shopper > gw > catalog > orders-db (2)',
      'shopper > web > gw > orders > orders-db (2)',
      'shopper > gw > orders > orders-db (3)',
    ]);
    assert.equal(all.complete, true);
    assert.deepEqual(allPathsTo(graph, paths.search, 'orders-db', { limit: 2 }).paths.map(names), all.paths.slice(0, 2).map(names));
    assert.deepEqual(allPathsTo(graph, paths.search, 'orders-db', { maxFlows: 3 }).paths.map(names), ['shopper > gw > catalog > orders-db (2)', 'shopper > gw > orders > orders-db (3)']);
  });
});

describe('blast radius', () => {
  it('exposes what it stores, receives, reads and writes, and what its roles grant', () => {
    const { graph } = analyzeYaml(yaml`
      moat: 1
      name: t
      boundaries: { app: { trust: internal } }
      data:
        card: { classification: restricted }
        order: { classification: confidential }
        stock: { classification: internal }
      roles: { stock-admin: { grants: { stock-db: [admin] } } }
      services:
        web: { kind: service, boundary: app, calls: [{ to: orders, protocol: grpc, auth: jwt, data: [order] }] }
        orders:
          kind: service
          boundary: app
          roles: [stock-admin]
          calls:
            - { to: orders-db, protocol: postgres, auth: password, access: write }
            - { to: billing, protocol: grpc, auth: mtls }
        billing: { kind: service, boundary: app, calls: [{ to: cards, protocol: postgres, auth: password }] }
        orders-db: { kind: database, boundary: app, stores: [order, card] }
        stock-db: { kind: database, boundary: app, stores: [stock] }
        cards: { kind: database, boundary: app, stores: [card] }
    `);
    const r = blastRadius(graph, 'orders')!;
    assert.deepEqual(r.exposed, [
      { data: 'card', classification: 'restricted', how: ['written over orders->orders-db'] },
      { data: 'order', classification: 'confidential', how: ['received over web->orders', 'written over orders->orders-db'] },
      { data: 'stock', classification: 'internal', how: ['read with role stock-admin on stock-db', 'written with role stock-admin on stock-db'] },
    ]);
    assert.deepEqual(r.takenOver, []);
    // Its own flows use its credentials: billing and orders-db are behind no lock, cards behind one.
    assert.deepEqual(r.reach, [{ id: 'billing', locks: 0 }, { id: 'orders-db', locks: 0 }, { id: 'cards', locks: 1 }]);
    assert.equal(exposureCounts(r), '1 restricted, 1 confidential, 1 internal');
    // Within no lock (what the hover counts): the same radius, its reach cut at the first lock.
    assert.deepEqual(blastRadius(graph, 'orders', 0), { ...r, reach: [{ id: 'billing', locks: 0 }, { id: 'orders-db', locks: 0 }] });
  });

  it('within a number of locks, lists the reach of the whole search cut there, on generated models', () => {
    for (const size of [12, 40]) {
      const { graph } = analyzeYaml(generateDenseModel(size));
      for (const id of [...graph.model.services.keys()].filter((_, i) => i % 7 === 0)) {
        const whole = blastRadius(graph, id)!;
        for (const max of [0, 1, 2]) assert.deepEqual(blastRadius(graph, id, max), { ...whole, reach: whole.reach.filter((x) => x.locks <= max) }, `${id} within ${max}`);
      }
    }
  });

  it('takes over the shared runtime when the container escapes, else puts it within reach', () => {
    const model = (runtime: string) => yaml`
      moat: 1
      name: t
      boundaries: { app: { trust: internal } }
      data: { keys: { classification: restricted } }
      services:
        agent: { kind: service, boundary: app, runtime: ${runtime} }
        vault: { kind: secrets-manager, boundary: app, stores: [keys], runtime: { image: vault:1.15, shared-with: [sidecar] } }
        sidecar: { kind: service, boundary: app, runtime: { image: envoy:1.29 } }
        outsider: { kind: user, calls: [{ to: agent, protocol: https, auth: none }] }
    `;
    const escaped = blastRadius(analyzeYaml(model('{ image: agent:1, privileged: true, shared-with: [vault] }')).graph, 'agent')!;
    assert.equal(escaped.escape, 'it runs privileged');
    assert.deepEqual(escaped.takenOver, ['sidecar', 'vault']);
    assert.deepEqual(escaped.exposed, [{ data: 'keys', classification: 'restricted', how: ['stored in vault'] }]);
    assert.deepEqual(escaped.reach, []);
    const held = blastRadius(analyzeYaml(model('{ image: agent:1, mounts: [/data:/data], shared-with: [vault] }')).graph, 'agent')!;
    assert.equal(held.escape, undefined);
    assert.deepEqual(held.takenOver, []);
    assert.deepEqual(held.exposed, []);
    assert.deepEqual(held.reach, [{ id: 'vault', locks: 0 }]);
    const socket = blastRadius(analyzeYaml(model('{ image: agent:1, mounts: [/var/run/docker.sock:/var/run/docker.sock], shared-with: [vault] }')).graph, 'agent')!;
    assert.match(socket.escape!, /socket/);
  });
});
