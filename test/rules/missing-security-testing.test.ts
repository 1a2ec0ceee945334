import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-security-testing', {
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
      expect: [{ target: 'system', messageId: 'absent', severity: 'low', text: 'controls', message: 'No `security-testing` control' }],
    },
    {
      name: 'at name: when the model has no top-level controls, even with no components',
      model: yaml`
        moat: 1
        name: shop
      `,
      expect: [{ target: 'system', messageId: 'absent', severity: 'low', text: 'name' }],
    },
    {
      name: 'the system-wide control written false',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls:
          security-testing: false
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'off', severity: 'low', text: 'controls', message: 'is `false`' }],
    },
    {
      name: 'only some workloads have it on themselves',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { security-testing: true } }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'absent', severity: 'low', text: 'name' }],
    },
  ],
  silent: [
    {
      name: 'the system-wide control, with a detail',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { security-testing: semgrep and zap in CI }
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
          orders: { kind: service, boundary: cluster, controls: { security-testing: true } }
          web: { kind: frontend, boundary: cluster, controls: { security-testing: true } }
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

describe('missing-security-testing: quick-fix data', () => {
  it('adds the system control', () => {
    const found = analyzeYaml('moat: 1\nname: shop\n').findings.filter((f) => f.rule === 'missing-security-testing');
    assert.deepEqual(found.map((f) => f.data), [{ addControl: 'security-testing', value: true, scope: 'system' }]);
  });
});
