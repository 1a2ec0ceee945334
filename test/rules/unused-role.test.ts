import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('unused-role', {
  fires: [
    {
      name: 'a role nobody holds, at its id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          reader: { grants: { db: [read] } }
          writer: { grants: { db: [write] } }
        services:
          orders: { kind: service, boundary: cluster, roles: [reader], calls: [{ to: db, protocol: postgres, access: read }] }
          db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'writer', messageId: 'unused', text: 'writer', message: 'Role `writer` is held by no component' }],
    },
    {
      name: 'an unheld broad role says it would be over-privileged',
      model: yaml`
        moat: 1
        name: shop
        roles:
          ops-admin: { grants: { "*": [admin] } }
      `,
      expect: [{ target: 'ops-admin', messageId: 'unusedBroad', text: 'ops-admin', message: 'grants the `admin` action on every service (`"*"`), so if something does hold it, it is over-privileged' }],
    },
  ],
  silent: [
    {
      name: 'roles held by a user and by a service',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          reader: { grants: { db: [read] } }
          ops: { grants: { db: [read] } }
        services:
          alice: { kind: user, roles: [ops] }
          orders: { kind: service, boundary: cluster, roles: [reader] }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});
