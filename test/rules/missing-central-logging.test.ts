import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-central-logging', {
  fires: [
    {
      name: 'no monitoring component and no control: once, on system, at the top-level controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { sbom: true }
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'absent', text: 'controls', message: 'No `monitoring` component and no `central-logging` control' }],
    },
    {
      name: 'at name: when the model has no top-level controls',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'absent', text: 'name' }],
    },
    {
      name: 'the system-wide control written false, and no monitoring component',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { central-logging: false }
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'off', text: 'controls', message: 'is `false`' }],
    },
  ],
  silent: [
    {
      name: 'a monitoring component',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, ops: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: loki, protocol: https, auth: mtls }] }
          loki: { kind: monitoring, boundary: ops }
      `,
    },
    {
      name: 'the system-wide control',
      model: yaml`
        moat: 1
        name: shop
        controls: { central-logging: datadog }
      `,
    },
    {
      name: 'every workload logs centrally on its own',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { central-logging: true } }
      `,
    },
  ],
});

describe('missing-central-logging: quick-fix data', () => {
  it('adds the system control', () => {
    const found = analyzeYaml('moat: 1\nname: shop\n').findings.filter((f) => f.rule === 'missing-central-logging');
    assert.deepEqual(found.map((f) => f.data), [{ addControl: 'central-logging', value: true, scope: 'system' }]);
  });
});
