import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-resource-limits', {
  fires: [
    {
      name: 'no limits at all, at the runtime key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            runtime:
              image: orders:1.2.0
              user: 10001
      `,
      expect: [{ target: 'orders', messageId: 'none', text: 'runtime', message: 'without resource limits' }],
    },
    {
      name: 'one limit missing, at the limits key, naming it',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            runtime:
              image: orders:1.2.0
              limits: { cpu: 500m }
      `,
      expect: [{ target: 'orders', messageId: 'partial', text: 'limits', message: 'without a memory limit' }],
    },
    {
      name: 'an empty limits map',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0, limits: {} } }
      `,
      expect: [{ target: 'orders', messageId: 'none', text: 'limits', message: 'without resource limits' }],
    },
  ],
  silent: [
    {
      name: 'both limits',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0, limits: { cpu: 500m, memory: 256Mi } } }
      `,
    },
    {
      name: 'no image: not a container',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          legacy: { kind: service, boundary: cluster, runtime: { platform: vm } }
      `,
    },
    {
      name: 'Lambda sizes every function itself',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cloud: { trust: internal } }
        services:
          resize: { kind: function, boundary: cloud, runtime: { platform: lambda, image: resize:3 } }
      `,
    },
  ],
});

describe('missing-resource-limits: quick-fix data', () => {
  it('adds both limits, or only the missing one', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        a: { kind: service, boundary: cluster, runtime: { image: a:1 } }
        b: { kind: service, boundary: cluster, runtime: { image: b:1, limits: { memory: 1Gi } } }
    `;
    const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-resource-limits').map((f) => f.data);
    assert.deepEqual(data, [
      { prop: ['runtime', 'limits'], value: { cpu: '500m', memory: '256Mi' } },
      { prop: ['runtime', 'limits', 'cpu'], value: '500m' },
    ]);
  });
});
