// The report's "Attack paths to sensitive data" and "Blast radius" sections.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { buildReport, reportMarkdown } from '../../server/src/render/report.js';

const MODEL = yaml`
  moat: 1
  name: shop
  boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
  data:
    card: { classification: restricted }
    order: { classification: confidential }
  roles: { billing-admin: { grants: { cards-db: [read] } } }
  services:
    shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
    web: { kind: frontend, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt, data: [order] }] }
    orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: none }] }
    billing: { kind: service, boundary: cluster, roles: [billing-admin], runtime: { image: billing:1, privileged: true, shared-with: [batch] } }
    batch: { kind: function, boundary: cluster }
    orders-db: { kind: database, boundary: cluster, stores: [order] }
    cards-db: { kind: database, boundary: cluster, stores: [card] }
    metrics: { kind: monitoring, boundary: cluster }
`;

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('report sections on paths', () => {
  const md = reportMarkdown(buildReport(analyzeYaml(MODEL), { cwd: '/virtual', today: '2026-11-30' }));

  it('lists each judged component with its weakest path and depth, weakest first, unreachable last', () => {
    const rows = section(md, 'Attack paths to sensitive data').split('\n').filter((l) => l.startsWith('| `'));
    assert.deepEqual(rows, [
      '| `orders-db` | `order` | one lock | shopper → web → orders → orders-db | `web`, `orders-db` |',
      '| `cards-db` | `card` | unreachable | — | — |',
      '| `metrics` | (monitoring) | unreachable | — | — |',
    ]);
  });

  it('gives the blast radius of each internet-facing workload and each holder of a role over restricted data', () => {
    const rows = section(md, 'Blast radius').split('\n').filter((l) => l.startsWith('| `'));
    assert.deepEqual(rows, [
      '| `web` | internet-facing | 1 confidential | — | — | `orders`, `orders-db` |',
      '| `billing` | role billing-admin grants on restricted data | 1 restricted | `card` | `batch` (it runs privileged) | — |',
    ]);
    assert.ok(md.indexOf('## Findings') < md.indexOf('## Attack paths to sensitive data'));
  });
});
