import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('mixed-trust-runtime', {
  fires: [
    {
      name: 'a DMZ proxy sharing a host with an internal service: each is reported',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          proxy: { kind: gateway, boundary: edge, runtime: { platform: vm, shared-with: [orders] } }
          orders: { kind: service, boundary: cluster, runtime: { platform: vm } }
      `,
      expect: [
        { target: 'proxy', messageId: 'trust', text: '[orders]', message: 'shares its runtime with `orders` (internal)' },
        { target: 'orders', messageId: 'trust', text: 'orders' },
      ],
    },
    {
      name: 'only some of the co-located components handle sensitive data, transitively',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted } }
        services:
          a: { kind: service, boundary: cluster, runtime: { shared-with: [b] } }
          b: { kind: service, boundary: cluster, runtime: { shared-with: [c] } }
          c: { kind: service, boundary: cluster, calls: [{ to: vault-db, protocol: postgres, data: [card] }] }
          vault-db: { kind: database, boundary: cluster, stores: [card] }
      `,
      expect: [
        { target: 'a', messageId: 'sensitive', text: '[b]', message: 'only some of them handle sensitive data (`c`)' },
        { target: 'b', messageId: 'sensitive', text: '[c]' },
        { target: 'c', messageId: 'sensitive', text: 'c' },
      ],
    },
  ],
  silent: [
    {
      name: 'co-located in boundaries of the same trust, none with sensitive data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { ns-a: { trust: internal }, ns-b: { trust: internal } }
        services:
          a: { kind: service, boundary: ns-a, runtime: { shared-with: [b] } }
          b: { kind: service, boundary: ns-b }
      `,
    },
    {
      name: 'all co-located components handle sensitive data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { shared-with: [orders-db] }, calls: [{ to: orders-db, protocol: postgres, data: [order] }] }
          orders-db: { kind: database, boundary: cluster, stores: [order] }
      `,
    },
    {
      name: 'mixed trust without shared runtime',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          proxy: { kind: gateway, boundary: edge, runtime: { platform: vm } }
          orders: { kind: service, boundary: cluster, runtime: { platform: vm } }
      `,
    },
  ],
});
