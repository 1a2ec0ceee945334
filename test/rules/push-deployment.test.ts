import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

const HEAD0 = 'moat: 1';
const HEAD1 = 'name: delivery';
const HEAD2 = 'boundaries: { tools: { trust: internal }, prod: { trust: restricted } }';

ruleTests('push-deployment', {
  fires: [
    {
      name: 'a pipeline deploying into production (read-write by default), at the flow\'s `to:`',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          jenkins: { kind: ci, boundary: tools, calls: [{ to: orders, protocol: https, auth: token }] }
          orders: { kind: service, boundary: prod }
      `,
      expect: [{ target: 'jenkins->orders', text: 'to: orders', message: 'jenkins → orders: the pipeline `jenkins` holds write credentials into the service `orders` in `prod` (`access: read-write`)' }],
    },
    {
      name: 'a written `access: write` to a workload or a datastore is the range',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          jenkins:
            kind: ci
            boundary: tools
            calls:
              - { to: web, protocol: ssh, auth: password, access: write }
              - { id: migrate, to: orders-db, protocol: postgres, tls: tls, auth: password, access: read-write }
          web: { kind: frontend, boundary: prod }
          orders-db: { kind: database, boundary: prod }
      `,
      expect: [
        { target: 'jenkins->web', text: 'write', message: 'into the frontend `web`' },
        { target: 'migrate', text: 'read-write', message: 'into the database `orders-db`' },
      ],
    },
  ],
  silent: [
    {
      name: 'pull-based delivery: the pipeline only pushes to the registry and reads the repository; the runtime pulls',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          git: { kind: repository, boundary: tools }
          images: { kind: registry, boundary: tools }
          jenkins: { kind: ci, boundary: tools, calls: [{ to: git, protocol: ssh, auth: token, access: read }, { to: images, protocol: https, auth: token, access: write }] }
          argo: { kind: service, boundary: prod, calls: [{ to: images, protocol: https, auth: token, access: read }] }
      `,
    },
    {
      name: 'read access into the runtime, and writes within the pipeline\'s own boundary',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          jenkins:
            kind: ci
            boundary: tools
            calls:
              - { to: orders, protocol: https, auth: token, access: read }
              - { to: build-cache, protocol: redis, tls: tls, auth: password }
          orders: { kind: service, boundary: prod }
          build-cache: { kind: cache, boundary: tools }
      `,
    },
    {
      name: 'a service (not a ci) writing across boundaries',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          deployer: { kind: service, boundary: tools, calls: [{ to: orders, protocol: https, auth: mtls }] }
          orders: { kind: service, boundary: prod }
      `,
    },
  ],
});
