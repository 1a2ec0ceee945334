import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('sensitive-data-to-lower-trust', {
  fires: [
    {
      name: 'writing sensitive data to a less trusted boundary (default read-write), at the data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: cache, protocol: redis, data: [order] }] }
          cache: { kind: cache, boundary: edge }
      `,
      expect: [{ target: 'orders->cache', messageId: 'lowerTrust', text: '[order]', message: 'from `cluster` (trust `internal`) down to `edge` (trust `dmz`)' }],
    },
    {
      name: 'sending sensitive data to an external',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { pci: { trust: restricted } }
        data: { card: { classification: restricted }, sku: { classification: public } }
        services:
          payments: { kind: service, boundary: pci, calls: [{ to: stripe, protocol: https, access: write, data: [sku, card] }] }
          stripe: { kind: external }
      `,
      expect: [{ target: 'payments->stripe', messageId: 'toExternal', text: '[sku, card]', message: 'sends `card` (restricted) to the external `stripe`' }],
    },
    {
      name: 'an external that reads sensitive data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { email: { classification: internal, pii: true } }
        services:
          crm: { kind: external, calls: [{ to: api, protocol: https, access: read, data: [email] }, { to: api, protocol: https, data: [email] }] }
          api: { kind: service, boundary: cluster }
      `,
      expect: [
        { target: 'crm->api', messageId: 'externalReads', text: '[email]', message: 'reads `email` (internal, personal)' },
        { target: 'crm->api#2', messageId: 'externalMayRead', text: '[email]', message: 'The external `crm` opens a flow to `api` carrying `email` (internal, personal), and `access` is not set, so read-write is assumed: `crm` may read it. If `crm` only sends (a webhook, an upload), say so with `access: write`; if it reads, make sure it must.' },
      ],
    },
    {
      name: 'a service pushing personal data to a user',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          notifier: { kind: service, boundary: cluster, calls: [{ to: shopper, protocol: smtps, access: write, data: [order] }] }
          shopper: { kind: user }
      `,
      expect: [{ target: 'notifier->shopper', messageId: 'lowerTrust', text: '[order]' }],
    },
  ],
  silent: [
    {
      name: 'a service reading its own datastore, and a user reading through the entry point',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal }, data-zone: { trust: restricted } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, data: [order] }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, data: [order] }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, data: [order] }] }
          db: { kind: database, boundary: data-zone, stores: [order] }
      `,
    },
    {
      name: 'reading from a more trusted component downward is not writing',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: cache, protocol: redis, access: read, data: [order] }] }
          cache: { kind: cache, boundary: edge }
      `,
    },
    {
      name: 'public data to an external; an external writing into the system',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { catalog: { classification: public }, order: { classification: confidential } }
        services:
          feed: { kind: service, boundary: cluster, calls: [{ to: google, protocol: https, data: [catalog] }] }
          google: { kind: external }
          partner: { kind: external, calls: [{ to: feed, protocol: https, access: write, data: [order] }] }
      `,
    },
  ],
});
