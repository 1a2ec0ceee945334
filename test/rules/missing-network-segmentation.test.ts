import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-network-segmentation', {
  fires: [
    {
      name: 'a sensitive database in the boundary of an internet-facing gateway, at its boundary value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: cluster }
          db: { kind: database, boundary: cluster, stores: [order] }
      `,
      expect: [{ target: 'db', messageId: 'segment', text: 'cluster', message: 'the same boundary as the internet-facing component `gw`' }],
    },
    {
      name: 'personal data in a queue, next to a frontend called by an external',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { email: { classification: internal, pii: true } }
        services:
          partner: { kind: external, calls: [{ to: hooks, protocol: https, auth: api-key }] }
          hooks: { kind: service, boundary: edge }
          mail-queue: { kind: queue, boundary: edge, stores: [email] }
      `,
      expect: [{ target: 'mail-queue', messageId: 'segment', text: 'edge' }],
    },
  ],
  silent: [
    {
      name: 'the sensitive store in its own boundary, even nested within the edge\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, data-zone: { trust: restricted, within: cluster } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: cluster }
          db: { kind: database, boundary: data-zone, stores: [order] }
      `,
    },
    {
      name: 'a store of public data next to the gateway',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { catalog: { classification: public } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge }
          cache: { kind: cache, boundary: edge, stores: [catalog] }
      `,
    },
    {
      name: 'a boundary whose components are reached only from inside',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc }] }
          orders: { kind: service, boundary: cluster }
          db: { kind: database, boundary: cluster, stores: [order] }
      `,
    },
    {
      name: 'the store itself internet-facing is exposed-datastore\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          partner: { kind: external, calls: [{ to: db, protocol: postgres }] }
          db: { kind: database, boundary: cluster, stores: [order] }
      `,
    },
  ],
});
