import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('over-privileged-role', {
  fires: [
    {
      name: 'a grant on every service held by a workload is high, at the "*" key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          deployer:
            grants:
              "*": [read, write]
        services:
          ci: { kind: service, boundary: cluster, roles: [deployer], calls: [{ to: orders, protocol: grpc, access: write }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'deployer', messageId: 'workload', text: '"*"', message: 'Grant only what its flows use (`orders: [write]`)' }],
    },
    {
      name: 'admin held only by users is medium, at the admin item',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        roles:
          ops:
            grants:
              console: [read, admin]
        services:
          alice: { kind: user, roles: [ops], calls: [{ to: console, protocol: https, auth: oidc, access: read }] }
          console: { kind: frontend, boundary: edge }
      `,
      expect: [{ target: 'ops', messageId: 'users', severity: 'medium', text: 'admin', message: 'Role `ops` grants the `read` and `admin` actions on `console`, held by the user `alice`: a stolen session' }],
    },
    {
      name: 'a "*" action held by a workload and a user is high, once per role',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          db-owner:
            grants:
              orders-db: ["*"]
              billing-db: [admin]
        services:
          bob: { kind: user, roles: [db-owner] }
          orders: { kind: service, boundary: cluster, roles: [db-owner], calls: [{ to: orders-db, protocol: postgres, access: read }] }
          orders-db: { kind: database, boundary: cluster }
          billing-db: { kind: database, boundary: cluster }
      `,
      expect: [{ target: 'db-owner', messageId: 'workload', text: '"*"', message: 'every action (`*`) on `orders-db` and the `admin` action on `billing-db`' }],
    },
    {
      name: 'a machine holder other than a workload (monitoring) is high',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { ops: { trust: internal } }
        roles:
          scraper: { grants: { "*": [read] } }
        services:
          prometheus: { kind: monitoring, boundary: ops, roles: [scraper] }
      `,
      expect: [{ target: 'scraper', messageId: 'workload', text: '"*"' }],
    },
    {
      // Issue 12, defect 7: the fix listed grants on every target the holder calls.
      name: 'a role that grants on one target only: the fix keeps to that target',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          orders-db-admin:
            grants:
              orders-db: [admin]
        services:
          orders:
            kind: service
            boundary: cluster
            roles: [orders-db-admin]
            calls:
              - { to: orders-db, protocol: postgres, tls: tls, auth: password, access: read-write }
              - { to: cache, protocol: redis, tls: tls, auth: password, access: read }
              - { to: payments, protocol: grpc, tls: mtls, auth: mtls, access: write }
          orders-db: { kind: database, boundary: cluster }
          cache: { kind: cache, boundary: cluster }
          payments: { kind: service, boundary: cluster }
      `,
      expect: [{
        target: 'orders-db-admin', text: 'admin', messageId: 'workload', message: 'Grant only what its flows use (`orders-db: [read, write]`).',
        output: yaml`
          moat: 1
          name: shop
          boundaries: { cluster: { trust: internal } }
          roles:
            orders-db-admin:
              grants:
                orders-db: [read, write]
          services:
            orders:
              kind: service
              boundary: cluster
              roles: [orders-db-admin]
              calls:
                - { to: orders-db, protocol: postgres, tls: tls, auth: password, access: read-write }
                - { to: cache, protocol: redis, tls: tls, auth: password, access: read }
                - { to: payments, protocol: grpc, tls: mtls, auth: mtls, access: write }
            orders-db: { kind: database, boundary: cluster }
            cache: { kind: cache, boundary: cluster }
            payments: { kind: service, boundary: cluster }
        `,
      }],
    },
    {
      name: 'the fix grants no action the role did not: read on a target granted read and "*" elsewhere',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          reporter:
            grants:
              orders-db: [read]
              audit-log: ["*"]
        services:
          reports:
            kind: service
            boundary: cluster
            roles: [reporter]
            calls:
              - { to: orders-db, protocol: postgres, tls: tls, auth: password, access: read-write }
              - { to: audit-log, protocol: https, auth: mtls, access: write }
              - { to: mailer, protocol: smtps, auth: password, access: write }
          orders-db: { kind: database, boundary: cluster }
          audit-log: { kind: storage, boundary: cluster }
          mailer: { kind: external }
      `,
      expect: [{
        target: 'reporter', text: '"*"', messageId: 'workload', message: '(`orders-db: [read]`, `audit-log: [write]`)',
        output: yaml`
          moat: 1
          name: shop
          boundaries: { cluster: { trust: internal } }
          roles:
            reporter:
              grants:
                orders-db: [read]
                audit-log: [write]
          services:
            reports:
              kind: service
              boundary: cluster
              roles: [reporter]
              calls:
                - { to: orders-db, protocol: postgres, tls: tls, auth: password, access: read-write }
                - { to: audit-log, protocol: https, auth: mtls, access: write }
                - { to: mailer, protocol: smtps, auth: password, access: write }
            orders-db: { kind: database, boundary: cluster }
            audit-log: { kind: storage, boundary: cluster }
            mailer: { kind: external }
        `,
      }],
    },
  ],
  silent: [
    {
      name: 'specific targets with read and write',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        roles:
          orders-writer: { grants: { orders-db: [read, write, delete] } }
        services:
          orders: { kind: service, boundary: cluster, roles: [orders-writer], calls: [{ to: orders-db, protocol: postgres }] }
          orders-db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'a broad role that nobody holds is unused-role\'s',
      model: yaml`
        moat: 1
        name: shop
        roles:
          ops-admin: { grants: { "*": [admin] } }
      `,
    },
  ],
});

describe('over-privileged-role fix data', () => {
  it('offers no fix when the holders use none of what the role grants', () => {
    const f = analyzeYaml(yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      roles:
        r: { grants: { billing-db: [admin] } }
      services:
        a: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres }] }
        db: { kind: database, boundary: cluster }
        billing-db: { kind: database, boundary: cluster }
    `).findings.find((x) => x.rule === 'over-privileged-role')!;
    assert.equal(f.data, undefined);
    assert.doesNotMatch(f.message, /`db: /);
  });

  it('proposes the grants the holders\' flows use', () => {
    const f = analyzeYaml(yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      roles:
        r: { grants: { "*": ["*"] } }
      services:
        a: { kind: service, boundary: cluster, roles: [r], calls: [{ to: db, protocol: postgres }, { to: q, protocol: kafka, access: write }, { to: c, protocol: redis, access: read }] }
        db: { kind: database, boundary: cluster }
        q: { kind: queue, boundary: cluster }
        c: { kind: cache, boundary: cluster }
    `).findings.find((x) => x.rule === 'over-privileged-role')!;
    assert.deepEqual(f.data, { prop: 'grants', value: { db: ['read', 'write'], q: ['write'], c: ['read'] } });
  });

  it('offers no fix when the holders open no flow', () => {
    const f = analyzeYaml(yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      roles:
        r: { grants: { "*": [admin] } }
      services:
        a: { kind: service, boundary: cluster, roles: [r] }
    `).findings.find((x) => x.rule === 'over-privileged-role')!;
    assert.equal(f.data, undefined);
  });
});
