import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-defense-in-depth', {
  fires: [
    {
      name: 'one lock between the shopper and the card data, at the first restricted id in stores',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, pci: { trust: restricted } }
        data:
          order: { classification: confidential }
          card-number: { classification: restricted }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web: { kind: frontend, boundary: edge, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: password }] }
          payments-db: { kind: database, boundary: pci, stores: [order, card-number] }
      `,
      expect: [{
        target: 'payments-db', text: 'card-number',
        message: '`card-number` (restricted) in payments-db is reached from the internet by shopper → web → payments-db with one lock: web takes `auth: none`. One leaked credential',
      }],
    },
    {
      name: 'an absent auth is the one lock',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted, pii: true } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: none }] }
          gw: { kind: gateway, boundary: cluster, calls: [{ to: payments, protocol: grpc, tls: mtls, auth: none }] }
          payments: { kind: service, boundary: cluster, calls: [{ to: vault-db, protocol: postgres, tls: tls }] }
          vault-db: { kind: storage, boundary: cluster, stores: [card] }
      `,
      expect: [{ target: 'vault-db', text: 'card', message: '`card` (restricted, personal) in vault-db is reached from the internet by shopper → gw → payments → vault-db with one lock: gw and payments take `auth: none`.' }],
    },
    {
      name: 'a queue behind a partner-facing ingest service',
      model: yaml`
        moat: 1
        name: bank
        boundaries: { core: { trust: restricted } }
        data: { transfer: { classification: restricted } }
        services:
          partner: { kind: external, calls: [{ to: ingest, protocol: https, auth: none }] }
          ingest: { kind: service, boundary: core, calls: [{ to: transfers, protocol: kafka, tls: tls, auth: mtls, access: write }] }
          transfers: { kind: queue, boundary: core, stores: [transfer] }
      `,
      expect: [{ target: 'transfers', text: 'transfer', message: 'by partner → ingest → transfers with one lock: ingest takes `auth: none`' }],
    },
  ],
  silent: [
    {
      name: 'a direct call is exposed-datastore\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted } }
        services:
          analyst: { kind: user, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: password }] }
          payments-db: { kind: database, boundary: cluster, stores: [card] }
      `,
    },
    {
      name: 'two locks on the way',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: cluster, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: password }] }
          payments-db: { kind: database, boundary: cluster, stores: [card] }
      `,
    },
    {
      name: 'no lock at all is unauthenticated-path\'s, confidential data and restricted services are not judged',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted }, order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web:
            kind: frontend
            boundary: cluster
            calls:
              - { to: cards-db, protocol: postgres, tls: tls, auth: none }
              - { to: orders-db, protocol: postgres, tls: tls, auth: password }
              - { to: payments, protocol: grpc, tls: mtls, auth: mtls }
          cards-db: { kind: database, boundary: cluster, stores: [card] }
          orders-db: { kind: database, boundary: cluster, stores: [order] }
          payments: { kind: service, boundary: cluster, stores: [card] }
      `,
    },
    {
      name: 'a one-lock way that comes back through the store (replication in a cycle)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted } }
        services:
          analyst: { kind: user, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: password }, { to: api, protocol: https, auth: oidc }] }
          api: { kind: service, boundary: cluster, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: password }] }
          payments-db: { kind: database, boundary: cluster, stores: [card], calls: [{ to: replica, protocol: postgres, tls: tls, auth: none }] }
          replica: { kind: database, boundary: cluster, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: none }] }
      `,
    },
  ],
});
