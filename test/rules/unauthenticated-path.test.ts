import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('unauthenticated-path', {
  fires: [
    {
      name: 'a cache behind an open service, at the cache id, naming the data, the path and the open hops',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { session: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web: { kind: frontend, boundary: edge, calls: [{ to: api, protocol: https, auth: none }] }
          api: { kind: service, boundary: cluster, calls: [{ to: sessions, protocol: redis, tls: tls, auth: none }] }
          sessions: { kind: cache, boundary: cluster, stores: [session] }
      `,
      expect: [{
        target: 'sessions', messageId: 'data', text: 'sessions',
        message: '`session` (confidential) in sessions is reached from the internet by shopper → web → api → sessions with no lock: web, api and sessions take `auth: none`.',
      }],
    },
    {
      name: 'an admin dashboard behind the public proxy (a monitoring component, whatever it stores)',
      model: yaml`
        moat: 1
        name: ops
        boundaries: { edge: { trust: dmz }, ops: { trust: internal } }
        services:
          visitor: { kind: user, calls: [{ to: proxy, protocol: https, auth: none }] }
          proxy: { kind: gateway, boundary: edge, calls: [{ to: grafana, protocol: http, auth: none }] }
          grafana: { kind: monitoring, boundary: ops }
      `,
      expect: [{ target: 'grafana', messageId: 'component', text: 'grafana', message: 'The monitoring `grafana` is reached from the internet by visitor → proxy → grafana with no lock: proxy and grafana take `auth: none`.' }],
    },
    {
      name: 'a secrets manager and a telemetry collector called straight from the internet with auth none',
      model: yaml`
        moat: 1
        name: ops
        boundaries: { ops: { trust: internal } }
        services:
          device: { kind: external, calls: [{ to: collector, protocol: https, auth: none }, { to: vault, protocol: https, auth: none }] }
          installer: { kind: user, calls: [{ to: vault, protocol: https, auth: none }] }
          collector: { kind: monitoring, boundary: ops }
          vault: { kind: secrets-manager, boundary: ops }
      `,
      expect: [
        { target: 'collector', messageId: 'direct', text: 'collector', message: 'The monitoring `collector` is called from the internet by `device` with `auth: none`: anyone can write into the telemetry pipeline' },
        { target: 'vault', messageId: 'direct', text: 'vault', message: 'The secrets-manager `vault` is called from the internet by `device` and `installer` with `auth: none`: anyone can ask it for the secrets it keeps' },
      ],
    },
    {
      name: 'a path through an external is counted from the external (a webhook from a payment provider)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { payment: { classification: restricted } }
        services:
          shop: { kind: service, boundary: cluster, calls: [{ to: psp, protocol: https, auth: api-key }] }
          psp: { kind: external, calls: [{ to: hooks, protocol: https, auth: none }] }
          hooks: { kind: service, boundary: cluster, calls: [{ to: payments-db, protocol: postgres, tls: tls, auth: none }] }
          payments-db: { kind: database, boundary: cluster, stores: [payment] }
      `,
      expect: [{ target: 'payments-db', messageId: 'data', text: 'payments-db', message: 'by psp → hooks → payments-db with no lock' }],
    },
    {
      name: 'a service storing personal data, reached around a cycle through it',
      model: yaml`
        moat: 1
        name: app
        boundaries: { app: { trust: internal } }
        data: { profile: { classification: internal, pii: true } }
        services:
          client: { kind: user, calls: [{ to: profiles, protocol: https, auth: token }, { to: feed, protocol: https, auth: none }] }
          profiles: { kind: service, boundary: app, stores: [profile], calls: [{ to: feed, protocol: https, auth: none }] }
          feed: { kind: service, boundary: app, calls: [{ to: profiles, protocol: https, auth: none }] }
      `,
      expect: [{ target: 'profiles', messageId: 'data', text: 'profiles', message: '`profile` (internal, personal) in profiles is reached from the internet by client → feed → profiles with no lock' }],
    },
  ],
  silent: [
    {
      name: 'a datastore called straight from the internet is exposed-datastore\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          analyst: { kind: user, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: none }] }
          orders-db: { kind: database, boundary: cluster, stores: [order] }
      `,
    },
    {
      name: 'an absent auth counts as a lock',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web: { kind: frontend, boundary: cluster, calls: [{ to: orders, protocol: https }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: none }] }
          orders-db: { kind: database, boundary: cluster, stores: [order] }
      `,
    },
    {
      name: 'a store of public data only',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { catalog: { classification: public } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web: { kind: frontend, boundary: cluster, calls: [{ to: catalog-db, protocol: postgres, tls: tls, auth: none }] }
          catalog-db: { kind: database, boundary: cluster, stores: [catalog] }
      `,
    },
    {
      name: 'the only open way of two flows comes back through the component (a cycle)',
      model: yaml`
        moat: 1
        name: app
        boundaries: { app: { trust: internal } }
        data: { profile: { classification: confidential } }
        services:
          client: { kind: user, calls: [{ to: profiles, protocol: https, auth: none }, { to: feed, protocol: https, auth: token }] }
          profiles: { kind: service, boundary: app, stores: [profile], calls: [{ to: feed, protocol: https, auth: none }] }
          feed: { kind: service, boundary: app, calls: [{ to: profiles, protocol: https, auth: none }] }
      `,
    },
    {
      name: 'callers in trusted boundaries are not origins, and a monitoring component called with credentials',
      model: yaml`
        moat: 1
        name: corp
        boundaries: { corp: { trust: internal } }
        data: { payroll: { classification: restricted } }
        services:
          clerk: { kind: user, boundary: corp, calls: [{ to: hr, protocol: https, auth: none }] }
          hr: { kind: service, boundary: corp, calls: [{ to: payroll-db, protocol: postgres, tls: tls, auth: none }] }
          payroll-db: { kind: database, boundary: corp, stores: [payroll] }
          device: { kind: external, calls: [{ to: collector, protocol: https, auth: token }] }
          collector: { kind: monitoring, boundary: corp }
      `,
    },
  ],
});
