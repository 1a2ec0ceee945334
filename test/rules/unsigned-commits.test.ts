import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('unsigned-commits', {
  fires: [
    {
      name: 'no control: once, on system, at the top-level controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { dependency-scanning: true }
        services:
          orders: { kind: service, boundary: cluster }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'absent', severity: 'info', text: 'controls', message: 'No `signed-commits` control' }],
    },
    {
      name: 'at name: when the model has no top-level controls, even with no components',
      model: yaml`
        moat: 1
        name: shop
      `,
      expect: [{ target: 'system', messageId: 'absent', severity: 'info', text: 'name' }],
    },
    {
      name: 'the system-wide control written false',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls:
          signed-commits: false
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'off', severity: 'info', text: 'controls', message: 'is `false`' }],
    },
    {
      name: 'only some workloads have it on themselves',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { signed-commits: true } }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'absent', severity: 'info', text: 'name' }],
    },
  ],
  silent: [
    {
      name: 'the system-wide control, with a detail',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { signed-commits: true }
        services:
          orders: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'every workload has it on itself',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { signed-commits: true } }
          web: { kind: frontend, boundary: cluster, controls: { signed-commits: true } }
          orders-db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'a well-secured model with every system control',
      model: yaml`
        moat: 1
        name: shop
        controls:
          dependency-scanning: true
          image-scanning: true
          image-signing: true
          sbom: true
          signed-commits: true
          security-testing: true
          central-logging: true
          incident-response: docs/ir.md
      `,
    },
  ],
});

describe('unsigned-commits: quick-fix data', () => {
  it('adds the system control', () => {
    const found = analyzeYaml('moat: 1\nname: shop\n').findings.filter((f) => f.rule === 'unsigned-commits');
    assert.deepEqual(found.map((f) => f.data), [{ addControl: 'signed-commits', value: true, scope: 'system' }]);
  });
});
