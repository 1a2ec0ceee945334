import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('shared-role', {
  fires: [
    {
      name: 'a role held in the DMZ and in the cluster, at the role id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        roles:
          reader: { grants: { db: [read] } }
        services:
          gw: { kind: gateway, boundary: edge, roles: [reader] }
          orders: { kind: service, boundary: cluster, roles: [reader] }
          db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'reader', messageId: 'shared', text: 'reader', message: '`edge`: `gw`; `cluster`: `orders`' }],
    },
    {
      name: 'a nested boundary is a different boundary',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, pci: { trust: restricted, within: cluster } }
        roles:
          r: { grants: { db: [read] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r] }
          b: { kind: service, boundary: pci, roles: [r] }
          db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'r', messageId: 'shared', text: 'r' }],
    },
    {
      name: 'a user (internet) and a service',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          ops: { grants: { db: [read] } }
        services:
          alice: { kind: user, roles: [ops] }
          job: { kind: service, boundary: cluster, roles: [ops] }
          db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'ops', messageId: 'shared', text: 'ops' }],
    },
  ],
  silent: [
    {
      name: 'holders in the same boundary',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [read] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r] }
          b: { kind: service, boundary: cluster, roles: [r] }
          db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'two users, both on the internet',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [read] } }
        services:
          alice: { kind: user, roles: [r] }
          bob: { kind: user, roles: [r] }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});
