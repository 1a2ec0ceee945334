import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const readOnlyHolder = yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  roles:
    catalog-reader:
      grants:
        catalog-db: [read, write, delete]
  services:
    catalog: { kind: service, boundary: cluster, roles: [catalog-reader], calls: [{ to: catalog-db, protocol: postgres, access: read }] }
    catalog-db: { kind: database, boundary: cluster }
`;

ruleTests('unused-grant', {
  fires: [
    {
      name: 'a grant on a target no holder calls, at its key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          orders-writer:
            grants:
              orders-db: [read, write]
              billing-db: [read]
        services:
          orders: { kind: service, boundary: cluster, roles: [orders-writer], calls: [{ to: orders-db, protocol: postgres }] }
          orders-db: { kind: database, boundary: cluster }
          billing-db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'orders-writer', messageId: 'uncalled', text: 'billing-db', message: 'none of its holders (`orders`) calls `billing-db`' }],
    },
    {
      name: 'write and delete on a target every holder only reads, at the first of them',
      model: readOnlyHolder,
      expect: [{ target: 'catalog-reader', messageId: 'readOnly', text: 'write', message: 'grants `write` and `delete` on `catalog-db`' }],
    },
    {
      name: 'a write-only grant on a read-only target narrows to read',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [write] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres, access: read }] }
          b: { kind: service, boundary: cluster, roles: [r] }
          db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'r', messageId: 'readOnly', text: 'write', message: 'Narrow the grant to `[read]`' }],
    },
  ],
  silent: [
    {
      name: 'one holder writes, so write is used',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [read, write] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres, access: read }] }
          b: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres, access: write }] }
          db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'the default access read-write uses write and delete',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [read, write, delete] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres }] }
          db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'grants on "*" are over-privileged-role\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { "*": [read] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r] }
      `,
    },
    {
      name: 'a role nobody holds is unused-role\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [write] } }
        services:
          db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'a call from someone who does not hold the role does not matter, and read on a read-only target is fine',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          r: { grants: { db: [read] } }
        services:
          a: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres, access: read }] }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});

describe('unused-grant fix data', () => {
  it('narrows to the actions without write and delete', () => {
    const f = analyzeYaml(readOnlyHolder).findings.find((x) => x.rule === 'unused-grant')!;
    assert.deepEqual(f.data, { prop: 'grants', entry: 'catalog-db', value: ['read'] });
  });
});
