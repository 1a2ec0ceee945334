// The hover on a component: the weakest path to a sensitive store, a line of blast radius.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { pathsHover } from '../../server/src/paths/hover.js';
import { elementMarkdown } from '../../server/src/service/hover.js';

const MODEL = yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  data:
    card: { classification: restricted }
    order: { classification: confidential }
  services:
    shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
    web: { kind: frontend, boundary: cluster, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: none }], runtime: { image: web:1, privileged: true, shared-with: [orders] } }
    orders: { kind: service, boundary: cluster, stores: [order], calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: none, access: read }] }
    orders-db: { kind: database, boundary: cluster, stores: [card, order] }
    cold: { kind: storage, boundary: cluster, stores: [card] }
`;

describe('hover on paths', () => {
  const analysis = analyzeYaml(MODEL);

  it('gives a sensitive store its weakest path, or says none reaches it', () => {
    assert.deepEqual(pathsHover(analysis, 'orders-db'), [
      '**Weakest path from the internet:** one lock, `shopper` → `web` → `orders` → `orders-db`',
      '**Blast radius:** its takeover exposes 1 restricted, 1 confidential data assets, with 0 components within reach behind no lock',
    ]);
    assert.equal(pathsHover(analysis, 'cold')[0], '**Weakest path from the internet:** none, no path reaches it');
  });

  it('gives every component one line of blast radius, escapes included', () => {
    assert.deepEqual(pathsHover(analysis, 'web'), [
      '**Blast radius:** its takeover exposes 1 restricted, 1 confidential data assets, takes over 1 more (the container escapes), with 1 component within reach behind no lock',
    ]);
    assert.deepEqual(pathsHover(analysis, 'shopper'), ['**Blast radius:** its takeover exposes no data, with 3 components within reach behind no lock']);
    assert.ok(elementMarkdown(analysis, 'service', 'orders-db')!.includes('\n\n**Weakest path from the internet:** one lock'));
  });

  it('says nothing while the model has model/ errors', () => {
    const broken = analyzeYaml(MODEL.replace('shared-with: [orders]', 'shared-with: [ordres]'));
    assert.deepEqual(pathsHover(broken, 'orders-db'), []);
  });
});
