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
      expect: [{ target: 'web->orders', messageId: 'sensitive', text: 'none', message: 'carries `order` (confidential)' }],
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
      expect: [{ target: 'orders->orders-db', messageId: 'datastore', text: 'none', message: 'database orders-db' }],
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
        { target: 'gw->orders', messageId: 'lowerTrust', text: 'none' },
        { target: 'orders->billing', messageId: 'internal', severity: 'medium', text: 'none' },
      ],
    },
    {
      name: 'a user sending personal data to a public entry point without credentials',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { address: { classification: internal, pii: true } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: none, data: [address] }] }
          gw: { kind: gateway, boundary: edge }
      `,
      expect: [{ target: 'shopper->gw', messageId: 'sensitive', text: 'none', message: 'Set `auth: oidc`' }],
    },
    {
      name: 'a user or external reaching a service directly is high; a higher-trust caller into a lower boundary is medium',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, pci: { trust: restricted } }
        services:
          shopper: { kind: user, calls: [{ to: search, protocol: https, auth: none }] }
          carrier: { kind: external, calls: [{ id: tracking-hook, to: search, protocol: https, auth: none }] }
          search: { kind: service, boundary: edge }
          vault: { kind: service, boundary: pci, calls: [{ to: search, protocol: https, auth: none }] }
      `,
      expect: [
        { target: 'shopper->search', messageId: 'lowerTrust', text: 'none', message: 'enters search from a less trusted boundary (internet → edge). Set `auth: oidc`' },
        { target: 'tracking-hook', messageId: 'lowerTrust', text: 'none', message: 'Set `auth: mtls`' },
        { target: 'vault->search', messageId: 'internal', severity: 'medium', text: 'none' },
      ],
    },
    {
      name: 'an async publish to a queue is a datastore reached without auth',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            calls:
              - to: events
                protocol: kafka
                tls: tls
                auth: none   # brokers on the private network
                async: true
          events: { kind: queue, boundary: cluster }
      `,
      expect: [{ target: 'orders->events', messageId: 'datastore', text: 'none', message: 'to the queue events' }],
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
    {
      name: 'a gateway reached from the internet without credentials and without data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { catalog: { classification: public } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: none, access: read, data: [catalog] }] }
          gw: { kind: gateway, boundary: edge }
      `,
    },
    {
      name: 'calls without sensitive data to components that are neither workloads nor datastores',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { metrics: { classification: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            calls:
              - { to: idp, protocol: https, auth: none, access: read }
              - { to: telemetry, protocol: https, auth: none, access: write, data: [metrics] }
              - { to: weather, protocol: https, auth: none, access: read }
          idp: { kind: identity-provider, boundary: cluster }
          telemetry: { kind: monitoring, boundary: cluster }
          weather: { kind: external }
      `,
    },
    {
      name: 'authenticated flows of every kind',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: restricted } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc, data: [order] }] }
          orders: { kind: service, boundary: edge, calls: [{ to: db, protocol: postgres, tls: tls, auth: password, data: [order] }] }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});
