// What each level of the drawing holds (docs/diagrams.md, Levels): collapsed boundaries with
// their counts and worst finding, merged edges with combined labels, neighbours collapsed.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import { defaultLevel, diagramAt } from '../../server/src/render/levels.js';
import { drawingToMermaid } from '../../server/src/render/mermaid.js';
import { wrapLabel } from '../../server/src/render/layout.js';
import { textWidth } from '../../server/src/render/text-metrics.js';
import { SHOP } from './fixtures.js';
import { generateModel } from '../../bench/generate.js';
import { checkText } from '../../server/src/engine.js';

const TWO_ZONES = yaml`
  moat: 1
  name: Zones
  boundaries:
    dmz: { trust: dmz }
    core: { trust: internal }
  services:
    visitor:
      kind: user
      calls:
        - { to: web, protocol: https, auth: none }
    web:
      kind: gateway
      boundary: dmz
      calls:
        - { to: api, protocol: http, auth: jwt }
        - { to: api, protocol: grpc, tls: mtls, auth: mtls }
        - { to: search, protocol: https, auth: none }
    api: { kind: service, boundary: core, calls: [{ to: db, protocol: postgres, tls: tls, auth: password }] }
    search: { kind: service, boundary: core }
    db: { kind: database, boundary: core }
`;

describe('diagram levels', () => {
  const zones = buildDiagram(analyzeYaml(TWO_ZONES));

  it('overview: a node per boundary with trust, component count and worst finding; one edge per direction, counted', () => {
    const d = diagramAt(zones, { level: 'overview' });
    assert.deepEqual(d.groups, []);
    const nodes = Object.fromEntries(d.nodes.map((n) => [n.id, [n.role, ...n.lines]]));
    assert.deepEqual(Object.keys(nodes).sort(), ['core', 'dmz', 'visitor']);
    assert.deepEqual(nodes.core.slice(0, 2), ['boundary', 'internal · 3 components']);
    assert.equal(nodes.visitor[0], 'component');
    const edges = Object.fromEntries(d.edges.map((e) => [e.id, [e.label, e.style, e.flows.length]]));
    assert.deepEqual(Object.keys(edges).sort(), ['dmz->core', 'visitor->dmz']);
    assert.match(edges['dmz->core'][0] as string, /^3 flows · 1 unencrypted · 1 unauthenticated( · ⚠ \w+)?$/);
    assert.equal(edges['dmz->core'][1], 'both');
    assert.equal(edges['visitor->dmz'][2], 1);
  });

  it('full: parallel flows between two components are one edge with a combined label', () => {
    const d = diagramAt(zones, { level: 'full' });
    const parallel = d.edges.filter((e) => e.from === 'web' && e.to === 'api');
    assert.equal(parallel.length, 1);
    assert.equal(parallel[0].id, 'web->api');
    assert.deepEqual(parallel[0].flows, ['web->api', 'web->api#2']);
    assert.match(parallel[0].label, /^2 flows · grpc, http · 1 unencrypted/);
    const single = d.edges.find((e) => e.to === 'db')!;
    assert.equal(single.id, 'api->db');
    assert.equal(single.label, 'postgres · TLS · password');
  });

  it('boundary: its components drawn, its neighbours collapsed (users, externals and the boundaries around it as themselves)', () => {
    const shop = buildDiagram(analyzeYaml(SHOP));
    const pci = diagramAt(shop, { boundary: 'pci' });
    assert.deepEqual(pci.groups.map((g) => g.id), ['pci']);
    // orders sits in cluster, which holds pci: collapsing it would draw pci's container beside pci.
    assert.deepEqual(pci.nodes.map((n) => `${n.role}:${n.id}`).sort(), ['component:orders', 'component:payments', 'component:stripe.api']);
    assert.deepEqual(pci.edges.map((e) => e.id).sort(), ['charge', 'orders->payments']);
    const edge = diagramAt(shop, { boundary: 'edge' });
    assert.deepEqual(edge.nodes.map((n) => `${n.role}:${n.id}`).sort(), ['boundary:cluster', 'component:gateway', 'component:partner', 'component:shopper']);
    assert.deepEqual(edge.edges.map((e) => e.id).sort(), ['gateway->cluster', 'partner->gateway', 'shopper->gateway']);
  });

  it('boundary: boundaries within a large one are boxes inside it', () => {
    const d = diagramAt(buildDiagram(checkText(generateModel(60))), { boundary: 'cluster' });
    assert.deepEqual(d.groups.map((g) => g.id), ['cluster']);
    const boxes = d.nodes.filter((n) => n.role === 'boundary');
    assert.deepEqual(boxes.map((n) => `${n.id} in ${n.parent}`).sort(), ['edge in undefined', 'ns-0 in cluster', 'ns-1 in cluster', 'ns-2 in cluster', 'pci in cluster']);
    assert.deepEqual(d.nodes.filter((n) => n.role === 'component' && n.parent === 'cluster').map((n) => n.id).sort(), ['identity', 'observability', 'vault']);
    assert.ok(d.edges.some((e) => e.from === 'edge' && e.to.startsWith('ns-')), 'flows from the edge boundary reach the boxes');
  });

  it('writes any level as Mermaid: collapsed boundaries as boxes, merged edges with their label and style', () => {
    const text = drawingToMermaid(diagramAt(zones, { level: 'overview' }));
    assert.match(text, /^flowchart LR\n/);
    assert.match(text, /\n {2}b_core\["core<br>internal · 3 components<br>⚠ \d+ findings? #40;\w+#41;"\]\n/);
    assert.match(text, /\n {2}s_visitor\(\["visitor<br>user"\]\)\n/);
    assert.match(text, /\n {2}b_dmz -->\|"3 flows · 1 unencrypted · 1 unauthenticated( · ⚠ \w+)?"\| b_core\n/);
    assert.match(text, /\n {2}linkStyle 1 stroke:#d32f2f,stroke-width:3px,stroke-dasharray:2 4\n/);
  });

  it('the default level is the overview above 25 components', () => {
    assert.equal(defaultLevel(zones), 'full');
    const many = { ...zones, nodes: Array.from({ length: 26 }, (_, i) => ({ ...zones.nodes[1], id: `s${i}` })) };
    assert.equal(defaultLevel(many), 'overview');
    assert.equal(diagramAt(many).level, 'overview');
  });

  it('wraps a long edge label at its separators, so label columns stay narrow', () => {
    assert.deepEqual(wrapLabel('4 flows · 1 unencrypted · 1 unauthenticated · ⚠ high', 12, 190), ['4 flows · 1 unencrypted', '1 unauthenticated · ⚠ high']);
    assert.deepEqual(wrapLabel('grpc · mTLS · jwt', 12, 190), ['grpc · mTLS · jwt']);
    const long = wrapLabel(`${'x'.repeat(80)} · y`, 12, 100);
    assert.equal(long.length, 2);
    assert.ok(long[0].endsWith('…') && textWidth(long[0], 12) <= 160, long[0]);
  });
});
