import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('unencrypted-flow', {
  fires: [
    {
      name: 'http carrying sensitive data, at the protocol',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          web: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: http, auth: jwt, data: [order] }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'web->orders', messageId: 'sensitive', text: 'http', message: 'carries `order` (confidential) without encryption (`http`); anyone on the path can read or change it. Use `https`' }],
    },
    {
      name: 'a written tls: none is the range, even on a protocol with an encrypted twin',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { email: { classification: internal, pii: true } }
        services:
          orders:
            kind: service
            boundary: cluster
            calls:
              - { to: mailer, protocol: amqp, tls: none, auth: password, data: [email] }
          mailer: { kind: queue, boundary: cluster }
      `,
      expect: [{ target: 'orders->mailer', messageId: 'sensitive', text: 'none', message: 'Set `tls: tls`' }],
    },
    {
      name: 'crossing a boundary without data is high; inside one boundary medium',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          gw: { kind: gateway, boundary: edge, calls: [{ to: catalog, protocol: ws, auth: jwt }] }
          catalog: { kind: service, boundary: cluster, calls: [{ to: cache, protocol: tcp, auth: password }] }
          cache: { kind: cache, boundary: cluster }
      `,
      expect: [
        { target: 'gw->catalog', messageId: 'crossing', text: 'ws', message: 'crosses from boundary edge to cluster without encryption (`ws`). Use `wss`' },
        { target: 'catalog->cache', messageId: 'internal', severity: 'medium', text: 'tcp', message: 'Set `tls: tls`' },
      ],
    },
    {
      name: 'a user on plain http to a public site crosses from the internet',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { catalog: { classification: public } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: http, auth: none, data: [catalog] }] }
          web: { kind: frontend, boundary: edge }
      `,
      expect: [{ target: 'shopper->web', messageId: 'crossing', text: 'http', message: 'crosses from boundary internet to edge' }],
    },
    {
      name: 'tls: false is read as none; boundaries nested within each other are still different boundaries',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, pci: { trust: internal, within: cluster } }
        services:
          orders:
            kind: service
            boundary: cluster
            calls:
              - id: charge
                to: payments
                protocol: grpc
                tls: false
                auth: jwt
          payments: { kind: service, boundary: pci }
      `,
      expect: [{ target: 'charge', messageId: 'crossing', text: 'false' }],
    },
    {
      name: 'ftp, ldap and smtp in one boundary without data are medium',
      model: yaml`
        moat: 1
        name: ops
        boundaries: { corp: { trust: internal } }
        services:
          batch:
            kind: function
            boundary: corp
            calls:
              - { to: files, protocol: ftp, auth: password }
              - { to: directory, protocol: ldap, auth: password }
              - { to: relay, protocol: smtp, auth: password }
          files: { kind: storage, boundary: corp }
          directory: { kind: identity-provider, boundary: corp }
          relay: { kind: service, boundary: corp }
      `,
      expect: [
        { target: 'batch->files', messageId: 'internal', severity: 'medium', text: 'ftp', message: 'Use `sftp`' },
        { target: 'batch->directory', messageId: 'internal', severity: 'medium', text: 'ldap', message: 'Use `ldaps`' },
        { target: 'batch->relay', messageId: 'internal', severity: 'medium', text: 'smtp', message: 'Use `smtps`' },
      ],
    },
  ],
  silent: [
    {
      name: 'encrypted protocols and written tls',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: restricted } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc, data: [order] }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: mtls, data: [order] }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: events, protocol: amqps, auth: password, data: [order] }] }
          events: { kind: queue, boundary: cluster }
      `,
    },
    {
      name: 'plain http wrapped by a mesh that terminates TLS (tls: tls written)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          web: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: http, tls: mtls, auth: mtls, data: [order] }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'a protocol that implies nothing, without tls, is unspecified-tls territory',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, auth: jwt, data: [order] }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, auth: password, data: [order] }] }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});

function dataOf(model: string): unknown[] {
  return analyzeYaml(model).findings.filter((f) => f.rule === 'unencrypted-flow').map((f) => f.data);
}

it('unencrypted-flow: the fix renames the protocol to its encrypted twin, else sets tls', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    services:
      a:
        kind: service
        boundary: cluster
        calls:
          - { to: b, protocol: http, auth: jwt }
          - { to: b, protocol: mqtt, auth: mtls }
          - { to: b, protocol: udp, auth: mtls }
          - { to: b, protocol: http, tls: none, auth: mtls }
          - { to: b, protocol: telnet, auth: mtls }
      b: { kind: service, boundary: cluster }
  `;
  assert.deepEqual(dataOf(model), [
    { prop: 'protocol', value: 'https' },
    { prop: 'protocol', value: 'mqtts' },
    { prop: 'tls', value: 'tls' },
    { prop: 'tls', value: 'tls' },
    { prop: 'tls', value: 'tls' },
  ]);
});
