import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('exposed-datastore', {
  fires: [
    {
      name: 'a user connecting to a database, at the database id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          analyst: { kind: user, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }] }
          orders-db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'orders-db', severity: 'critical', text: 'orders-db', message: 'The database orders-db is called directly by analyst' }],
    },
    {
      name: 'an external reading a bucket and a frontend in an untrusted boundary reaching a cache, one finding each',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { browser: { trust: untrusted }, cluster: { trust: internal } }
        services:
          partner:
            kind: external
            calls:
              - { to: exports, protocol: s3, tls: tls, auth: iam, access: read }
              - { to: exports, protocol: https, auth: iam, access: read }
          spa: { kind: frontend, boundary: browser, calls: [{ to: sessions, protocol: redis, tls: tls, auth: password }, { to: exports, protocol: https, auth: iam }] }
          exports: { kind: storage, boundary: cluster }
          sessions: { kind: cache, boundary: cluster }
      `,
      expect: [
        { target: 'exports', severity: 'critical', text: 'exports', message: 'called directly by partner, spa' },
        { target: 'sessions', severity: 'critical', text: 'sessions' },
      ],
    },
    {
      name: 'an external counts wherever it is placed; a user in the default internet boundary too',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { corp: { trust: internal } }
        services:
          auditor: { kind: external, boundary: corp, calls: [{ to: db, protocol: postgres, tls: tls, auth: password, access: read }] }
          analyst: { kind: user, calls: [{ to: db, protocol: postgres, tls: tls, auth: password, access: read }] }
          db: { kind: database, boundary: corp }
      `,
      expect: [{ target: 'db', severity: 'critical', text: 'db', message: 'is called directly by auditor, analyst' }],
    },
  ],
  silent: [
    {
      name: 'a user the model places inside (an administrator on the internal network, a DBA over the VPN in the dmz) is not the outside',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { corp: { trust: internal }, vpn: { trust: dmz } }
        services:
          dba: { kind: user, boundary: corp, calls: [{ to: db, protocol: postgres, tls: tls, auth: password }] }
          oncall: { kind: user, boundary: vpn, controls: { mfa: true }, calls: [{ to: db, protocol: postgres, tls: tls, auth: password }] }
          db: { kind: database, boundary: corp }
      `,
    },
    {
      name: 'a queue reached by externals is an ingestion point by design',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          partner: { kind: external, calls: [{ to: events, protocol: kafka, tls: tls, auth: mtls, access: write, async: true }] }
          events: { kind: queue, boundary: cluster }
      `,
    },
    {
      name: 'datastores reached only by services, including from a dmz',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          gw: { kind: gateway, boundary: edge, calls: [{ to: sessions, protocol: redis, tls: tls, auth: password }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }] }
          sessions: { kind: cache, boundary: edge }
          orders-db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'users reaching services, not datastores',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: edge }
          orders-db: { kind: database, boundary: edge }
      `,
    },
  ],
});
