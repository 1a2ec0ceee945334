import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

const DIGEST = 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

ruleTests('unpinned-image', {
  fires: [
    {
      name: 'tagged latest, at the image value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          catalog:
            kind: service
            boundary: cluster
            runtime:
              image: registry.example.com/catalog:latest
      `,
      expect: [{ target: 'catalog', messageId: 'latest', text: 'registry.example.com/catalog:latest', message: 'tagged `latest`' }],
    },
    {
      name: 'no tag and no digest',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          cache: { kind: cache, boundary: cluster, runtime: { image: redis } }
      `,
      expect: [{ target: 'cache', messageId: 'untagged', text: 'redis', message: 'no tag and no digest' }],
    },
    {
      name: 'a registry port is not a tag',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: "localhost:5000/team/app" } }
          b: { kind: service, boundary: cluster, runtime: { image: "localhost:5000/team/app:latest" } }
      `,
      expect: [
        { target: 'a', messageId: 'untagged', text: '"localhost:5000/team/app"', message: 'no tag and no digest' },
        { target: 'b', messageId: 'latest', text: '"localhost:5000/team/app:latest"', message: 'tagged `latest`' },
      ],
    },
  ],
  silent: [
    {
      name: 'pinned by digest, with or without a tag',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: "registry.example.com/a@${DIGEST}" } }
          b: { kind: service, boundary: cluster, runtime: { image: "registry.example.com/b:latest@${DIGEST}" } }
      `,
    },
    {
      name: 'a version tag (mutable, but chosen): not this rule\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: "localhost:5000/a:1.4.2" } }
          b: { kind: service, boundary: cluster, runtime: { image: postgres:16-alpine } }
      `,
    },
    {
      name: 'a runtime without an image',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          vm: { kind: service, boundary: cluster, runtime: { platform: vm, user: root } }
      `,
    },
  ],
});
