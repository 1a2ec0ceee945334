import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('shared-datastore', {
  fires: [
    {
      name: 'two services writing one database (read-write by default), at the database id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres }] }
          billing: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, access: write }] }
          db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'db', text: 'db', message: 'written by 2 components (`orders` and `billing`)' }],
    },
    {
      name: 'a cache and a storage',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, calls: [{ to: cache, protocol: redis }, { to: bucket, protocol: s3, access: write }] }
          b: { kind: function, boundary: cluster, calls: [{ to: cache, protocol: redis, access: read-write }, { to: bucket, protocol: s3, access: write }] }
          cache: { kind: cache, boundary: cluster }
          bucket: { kind: storage, boundary: cluster }
      `,
      expect: [{ target: 'cache', text: 'cache' }, { target: 'bucket', text: 'bucket' }],
    },
  ],
  silent: [
    {
      name: 'a person maintaining the data is not a second writer',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          admin: { kind: user, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password, access: write }] }
          support: { kind: user, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: mtls }] }
          orders-db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'one writer and many readers',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres }] }
          reports: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, access: read }] }
          search: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, access: read }] }
          db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'one component writing over two flows',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres }, { to: db, protocol: postgres, access: write }] }
          db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'many publishers on a queue',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: events, protocol: kafka, access: write, async: true }] }
          billing: { kind: service, boundary: cluster, calls: [{ to: events, protocol: kafka, access: write, async: true }] }
          events: { kind: queue, boundary: cluster }
      `,
    },
  ],
});
