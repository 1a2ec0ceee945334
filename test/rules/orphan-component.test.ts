import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('orphan-component', {
  fires: [
    {
      name: 'a component with no flows in or out, at its id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres }] }
          db: { kind: database, boundary: cluster }
          legacy: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'legacy', messageId: 'orphan', text: 'legacy', message: 'The service `legacy` has no flows in or out' }],
    },
    {
      name: 'every kind counts, and a shared runtime is not a flow',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          vault: { kind: secrets-manager, boundary: cluster }
          agent: { kind: monitoring, boundary: cluster, runtime: { shared-with: [vault] } }
          visitor: { kind: user }
      `,
      expect: [{ target: 'vault', messageId: 'orphan', text: 'vault' }, { target: 'agent', messageId: 'orphan', text: 'agent' }, { target: 'visitor', messageId: 'orphan', text: 'visitor' }],
    },
  ],
  silent: [
    {
      name: 'a caller only, and a callee only',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https }] }
          web: { kind: frontend, boundary: cluster }
      `,
    },
    {
      name: 'a component that calls itself is not orphaned',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          cron: { kind: function, boundary: cluster, calls: [{ to: cron, protocol: https }] }
      `,
    },
  ],
});
