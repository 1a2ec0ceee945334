import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-dependency-scanning', {
  fires: [
    {
      name: 'every workload, each on itself at its id, when nothing is in force',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https }] }
          web: { kind: frontend, boundary: edge, calls: [{ to: api, protocol: https }] }
          api: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc }, { to: resize, protocol: https }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres }] }
          resize: { kind: function, boundary: cluster }
          orders-db: { kind: database, boundary: cluster }
      `,
      expect: [
        { target: 'web', messageId: 'uncovered', text: 'web', message: 'The frontend `web` has no `dependency-scanning` in force' },
        { target: 'api', messageId: 'uncovered', text: 'api' },
        { target: 'orders', messageId: 'uncovered', text: 'orders' },
        { target: 'resize', messageId: 'uncovered', text: 'resize' },
      ],
    },
    {
      name: 'a workload that switches the system-wide control off, at its false value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { dependency-scanning: true }
        services:
          orders: { kind: service, boundary: cluster }
          legacy:
            kind: service
            boundary: cluster
            controls: { dependency-scanning: false, audit-log: true }
      `,
      expect: [{ target: 'legacy', messageId: 'optedOut', text: 'false', message: 'legacy switches `dependency-scanning` off' }],
    },
    {
      name: 'the system-wide control written false: the workloads that do not scan themselves',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { dependency-scanning: false }
        services:
          orders: { kind: service, boundary: cluster, controls: { dependency-scanning: snyk } }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'billing', messageId: 'systemOff', text: 'billing', message: 'the system-wide control is `false`' }],
    },
  ],
  silent: [
    {
      name: 'the system-wide control covers every workload',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { dependency-scanning: dependabot }
        services:
          orders: { kind: service, boundary: cluster }
          web: { kind: frontend, boundary: cluster }
      `,
    },
    {
      name: 'each workload scans on its own',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { dependency-scanning: true } }
      `,
    },
    {
      name: 'components that are not workloads: datastores, users, externals, identity providers, monitoring',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          admin: { kind: user }
          stripe: { kind: external }
          db: { kind: database, boundary: cluster }
          events: { kind: queue, boundary: cluster }
          idp: { kind: identity-provider, boundary: cluster }
          vault: { kind: secrets-manager, boundary: cluster }
          logs: { kind: monitoring, boundary: cluster }
      `,
    },
  ],
});

describe('missing-dependency-scanning: quick-fix data', () => {
  it('adds the system control for a workload that says nothing; turns an opt-out back on', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        a: { kind: service, boundary: cluster }
        b: { kind: service, boundary: cluster, controls: { dependency-scanning: false } }
    `;
    const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-dependency-scanning').map((f) => [f.target, f.data]);
    assert.deepEqual(data, [
      ['a', { addControl: 'dependency-scanning', value: true, scope: 'system' }],
      ['b', { addControl: 'dependency-scanning', value: true, scope: 'service' }],
    ]);
  });
});
