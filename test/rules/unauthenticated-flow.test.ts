import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('unauthenticated-flow', {
  fires: [
    {
      name: 'sensitive data without auth, at the auth value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          web: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: none, data: [order] }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'web->orders', text: 'none', message: 'carries `order` (confidential)' }],
    },
    {
      name: 'a datastore reached without auth',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            calls:
              - { to: orders-db, protocol: postgres, tls: tls, auth: none }
          orders-db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'orders->orders-db', text: 'none', message: 'database orders-db' }],
    },
    {
      name: 'a workload entered from lower trust is high; from equal trust medium',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: https, auth: none }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: https, auth: none }] }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [
        { target: 'gw->orders', text: 'none' },
        { target: 'orders->billing', severity: 'medium', text: 'none' },
      ],
    },
  ],
  silent: [
    {
      name: 'a public frontend reached without credentials and without sensitive data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web: { kind: frontend, boundary: edge }
      `,
    },
    {
      name: 'absent auth is unspecified, not none',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: grpc }] }
          b: { kind: service, boundary: cluster }
      `,
    },
  ],
});
