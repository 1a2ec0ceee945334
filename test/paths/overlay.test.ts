// What the panel draws over the diagram: the flows of the weakest paths to every sensitive store,
// each flow once however many paths share it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { pathsOverlay } from '../../server/src/paths/overlay.js';
import { attackPaths, isSensitiveStore } from '../../server/src/paths/attack.js';

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
      calls:
        - { to: orders-db, protocol: postgres, tls: tls, auth: password }
        - { to: cards, protocol: postgres, tls: tls, auth: password }
    orders-db: { kind: database, boundary: cluster, stores: [order] }
    cards: { kind: database, boundary: cluster, stores: [card] }
`;

describe('the attack paths overlay', () => {
  it('lists each flow of the weakest paths once, though the paths to two stores share it', () => {
    const analysis = analyzeYaml(MODEL);
    const { flows } = pathsOverlay(analysis).attack;
    const paths = attackPaths(analysis.graph);
    const weakest = paths.judged.filter((t) => isSensitiveStore(analysis.graph, t.component) && t.weakest);
    assert.equal(weakest.length, 2);
    const all = weakest.flatMap((t) => t.weakest!.flows.map((f) => f.target));
    assert.ok(all.length > new Set(all).size, 'the two paths share flows');
    assert.equal(flows.length, new Set(flows).size);
    assert.deepEqual([...flows].sort(), [...new Set(all)].sort());
  });
});
