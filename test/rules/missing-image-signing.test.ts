import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-image-signing', {
  fires: [
    {
      name: 'containers and no control: once, on system, at the top-level controls key, listing them',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { dependency-scanning: true }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0 } }
          billing: { kind: service, boundary: cluster, runtime: { image: billing:3.0 } }
      `,
      expect: [{ target: 'system', messageId: 'system', text: 'controls', message: 'No `image-signing` control covers the container images of `orders` and `billing`' }],
    },
    {
      name: 'at name: when the model has no top-level controls',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0 } }
      `,
      expect: [{ target: 'system', messageId: 'system', text: 'name' }],
    },
    {
      name: 'the system-wide control written false',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { image-signing: false }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0 } }
      `,
      expect: [{ target: 'system', messageId: 'systemOff', text: 'controls', message: 'is `false`' }],
    },
    {
      name: 'a container that switches it off, the system control on: on system, at its false value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { image-signing: cosign }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0 } }
          vendor-app:
            kind: service
            boundary: cluster
            controls: { image-signing: false }
            runtime: { image: vendor/app:4 }
      `,
      expect: [{ target: 'system', messageId: 'optedOut', text: 'false', message: '`vendor-app` switches `image-signing` off' }],
    },
    {
      name: 'no system control: containers covering themselves are left out; one opting out is named in the system finding',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { sbom: true }
        services:
          a: { kind: service, boundary: cluster, controls: { image-signing: true }, runtime: { image: a:1 } }
          b: { kind: service, boundary: cluster, controls: { image-signing: false }, runtime: { image: b:1 } }
          c: { kind: service, boundary: cluster, runtime: { image: c:1 } }
      `,
      expect: [
        { target: 'system', messageId: 'system', text: 'controls', message: /images of `c` and `b` \(`b` switches it off itself\):/ },
      ],
    },
  ],
  silent: [
    {
      name: 'no containers',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { platform: vm } }
          orders-db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'the system-wide control with a detail covers every container',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { image-signing: cosign }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0 } }
          billing: { kind: function, boundary: cluster, runtime: { platform: lambda, image: billing:3.0 } }
      `,
    },
    {
      name: 'every container sets it on for itself',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { image-signing: true }, runtime: { image: orders:1.2.0 } }
          plain: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'a component without an image that switches it off is not a container',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { image-signing: true }
        services:
          legacy: { kind: service, boundary: cluster, controls: { image-signing: false }, runtime: { platform: vm } }
      `,
    },
  ],
});

describe('missing-image-signing: quick-fix data', () => {
  it('offers to add the system control; none when only containers switch it off', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        a: { kind: service, boundary: cluster, controls: { image-signing: false }, runtime: { image: a:1 } }
        b: { kind: service, boundary: cluster, runtime: { image: b:1 } }
    `;
    const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-image-signing').map((f) => [f.target, f.data]);
    assert.deepEqual(data, [['system', { addControl: 'image-signing', value: true, scope: 'system' }]]);
    const optedOutOnly = model.replace('services:', 'controls: { image-signing: true }\nservices:');
    const [only] = analyzeYaml(optedOutOnly).findings.filter((f) => f.rule === 'missing-image-signing');
    assert.deepEqual([only.target, only.data], ['system', undefined]);
  });
});
