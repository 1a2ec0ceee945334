import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('writable-root-fs', {
  fires: [
    {
      name: 'read-only-fs absent, at the runtime key',
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
      expect: [{ target: 'orders', messageId: 'absent', text: 'runtime', message: 'writable root file system' }],
    },
    {
      name: 'read-only-fs: false, at the value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0, read-only-fs: false } }
      `,
      expect: [{ target: 'orders', messageId: 'off', text: 'false', message: '`read-only-fs: false`' }],
    },
    {
      name: 'every container, whatever its kind',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          web: { kind: frontend, boundary: cluster, runtime: { image: web:2 } }
          db: { kind: database, boundary: cluster, runtime: { image: postgres:16 } }
      `,
      expect: [{ target: 'web', messageId: 'absent', text: 'runtime' }, { target: 'db', messageId: 'absent', text: 'runtime' }],
    },
  ],
  silent: [
    {
      name: 'read-only-fs: true',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: orders:1.2.0, read-only-fs: true } }
      `,
    },
    {
      name: 'no image: not a container',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          legacy: { kind: service, boundary: cluster, runtime: { platform: bare-metal } }
          plain: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'Lambda\'s file system is read-only but for /tmp',
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
