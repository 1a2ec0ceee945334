import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

const HEAD0 = 'moat: 1';
const HEAD1 = 'name: shop';
const HEAD2 = 'boundaries: { cluster: { trust: internal }, tools: { trust: internal } }';
const IMAGE = 'registry.example.com/orders@sha256:' + 'a'.repeat(64);

ruleTests('missing-build-infrastructure', {
  fires: [
    {
      name: 'workloads run images and nothing says where they come from, at the system controls',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        controls: { sbom: true }
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: "${IMAGE}" } }
          web: { kind: frontend, boundary: cluster, runtime: { image: "${IMAGE}" } }
      `,
      expect: [{ target: 'system', text: 'controls', message: '`orders` and `web` run container images, but the model has no `repository` and no `ci`' }],
    },
    {
      name: 'a registry alone does not say who builds the code; at the name',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: "${IMAGE}" } }
          images: { kind: registry, boundary: tools }
      `,
      expect: [{ target: 'system', text: 'name', message: '`orders` runs container images' }],
    },
  ],
  silent: [
    {
      name: 'a repository is modelled',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: "${IMAGE}" } }
          git: { kind: repository, boundary: tools }
      `,
    },
    {
      name: 'a ci is modelled',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          orders: { kind: service, boundary: cluster, runtime: { image: "${IMAGE}" } }
          build: { kind: ci, boundary: tools }
      `,
    },
    {
      name: 'no workload runs an image (only a datastore does, or nothing does)',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          orders: { kind: service, boundary: cluster, runtime: { platform: lambda } }
          cache: { kind: cache, boundary: cluster, runtime: { image: "${IMAGE}" } }
      `,
    },
  ],
});
