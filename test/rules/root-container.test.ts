import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('root-container', {
  fires: [
    {
      name: 'no user: images run as root by default; at the runtime key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            runtime:
              image: registry.example.com/orders:1.2.0
              read-only-fs: true
      `,
      expect: [{ target: 'orders', messageId: 'absent', text: 'runtime', message: 'no `user` is set' }],
    },
    {
      name: 'user: root, at its value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0, user: root } }
      `,
      expect: [{ target: 'orders', messageId: 'root', text: 'root', message: '`user: root`' }],
    },
    {
      name: 'uid 0, as a number, a string, or with a group',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: a:1, user: 0 } }
          b: { kind: function, boundary: cluster, runtime: { image: b:1, user: "0:0" } }
          c: { kind: gateway, boundary: cluster, runtime: { image: c:1, user: root:root } }
      `,
      expect: [
        { target: 'a', messageId: 'root', text: '0' },
        { target: 'b', messageId: 'root', text: '"0:0"' },
        { target: 'c', messageId: 'root', text: 'root:root' },
      ],
    },
    {
      name: 'a datastore container counts too (any runtime with an image)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          cache: { kind: cache, boundary: cluster, runtime: { image: redis:7.2, platform: kubernetes } }
      `,
      expect: [{ target: 'cache', messageId: 'absent', text: 'runtime' }],
    },
  ],
  silent: [
    {
      name: 'an unprivileged uid or name',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: a:1, user: 10001 } }
          b: { kind: service, boundary: cluster, runtime: { image: b:1, user: app } }
          c: { kind: service, boundary: cluster, runtime: { image: c:1, user: "1000:0" } }
      `,
    },
    {
      name: 'a runtime without an image (a VM) is not a container',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          legacy: { kind: service, boundary: cluster, runtime: { platform: vm } }
      `,
    },
    {
      name: 'Lambda runs images as its own unprivileged user',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cloud: { trust: internal } }
        services:
          resize: { kind: function, boundary: cloud, runtime: { platform: lambda, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:3 } }
      `,
    },
    {
      name: 'a privileged container running as a non-root user is privileged-container\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: a:1, user: 10001, privileged: true } }
      `,
    },
  ],
});
