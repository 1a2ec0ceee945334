import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('unspecified-tls', {
  fires: [
    {
      name: 'grpc between services without tls, at the protocol',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, auth: jwt }] }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'orders->billing', messageId: 'unknown', text: 'grpc', message: 'uses `grpc`, which may or may not be encrypted, and does not say which. Add `tls: mtls`' }],
    },
    {
      name: 'database, cache, broker and unknown protocols without tls',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            calls:
              - { to: db, protocol: postgres, auth: password }
              - { to: cache, protocol: redis, auth: password }
              - { to: events, protocol: kafka, auth: jwt, async: true }
              - { to: legacy, protocol: soap, auth: basic }
          db: { kind: database, boundary: cluster }
          cache: { kind: cache, boundary: cluster }
          events: { kind: queue, boundary: cluster }
          legacy: { kind: external }
      `,
      expect: [
        { target: 'orders->db', messageId: 'unknown', text: 'postgres', message: 'Add `tls: tls`' },
        { target: 'orders->cache', messageId: 'unknown', text: 'redis' },
        { target: 'orders->events', messageId: 'unknown', text: 'kafka' },
        { target: 'orders->legacy', messageId: 'unknown', text: 'soap' },
      ],
    },
  ],
  silent: [
    {
      name: 'protocols that imply tls or clear text',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a:
            kind: service
            boundary: cluster
            calls:
              - { to: b, protocol: https, auth: jwt }
              - { to: b, protocol: wss, auth: mtls }
              - { to: b, protocol: http, auth: jwt }
              - { to: b, protocol: tcp, auth: password }
              - { to: b, protocol: ssh, auth: password }
              - { to: b, protocol: sftp, auth: password }
          b: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'tls written, none included',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a:
            kind: service
            boundary: cluster
            calls:
              - { to: b, protocol: grpc, tls: mtls, auth: mtls }
              - { to: db, protocol: postgres, tls: none, auth: password }
              - { to: db, protocol: mysql, tls: tls, auth: password }
          b: { kind: service, boundary: cluster }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});

it('unspecified-tls: the fix adds tls, offering the three values', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    services:
      a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: grpc, auth: jwt }, { to: db, protocol: postgres, auth: password }] }
      b: { kind: service, boundary: cluster }
      db: { kind: database, boundary: cluster }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'unspecified-tls').map((f) => f.data);
  assert.deepEqual(data, [
    { prop: 'tls', value: 'mtls', choices: ['mtls', 'tls', 'none'] },
    { prop: 'tls', value: 'tls', choices: ['tls', 'mtls', 'none'] },
  ]);
});

it('unspecified-tls: `auth: mtls` without `tls` implies `tls: mtls` (language.md, Flows)', () => {
  const text = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    services:
      a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: grpc, auth: mtls }] }
      b: { kind: service, boundary: cluster }
  `;
  const analysis = analyzeYaml(text);
  assert.deepEqual(analysis.findings.filter((f) => f.rule === 'unspecified-tls' || f.rule.startsWith('model/')), []);
  assert.equal(analysis.model.flows[0].effectiveTls, 'mtls');
});
