import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-secrets-manager', {
  fires: [
    {
      name: 'secrets and no manager, at the top-level controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { sbom: true }
        services:
          orders: { kind: service, boundary: cluster, secrets: { DB: vault:secret/orders/db } }
          billing: { kind: service, boundary: cluster, secrets: { DB: vault:secret/billing/db } }
      `,
      expect: [{ target: 'system', messageId: 'missing', text: 'controls', message: '`orders` and `billing` declare `secrets:`' }],
    },
    {
      name: 'at name: when there is no top-level controls',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, secrets: { DB: vault:secret/orders/db } }
      `,
      expect: [{ target: 'system', messageId: 'missing', text: 'name', message: '`orders` declares' }],
    },
    {
      name: 'a component that switches the system control off',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { secrets-manager: true }
        services:
          orders: { kind: service, boundary: cluster, secrets: { DB: vault:secret/orders/db } }
          legacy: { kind: service, boundary: cluster, controls: { secrets-manager: false }, secrets: { DB: vault:secret/legacy/db } }
      `,
      expect: [{ target: 'system', messageId: 'missing', text: 'controls', message: '`legacy` declares' }],
    },
  ],
  silent: [
    {
      name: 'the system control',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { secrets-manager: vault }
        services:
          orders: { kind: service, boundary: cluster, secrets: { DB: vault:secret/orders/db } }
      `,
    },
    {
      name: 'a secrets-manager component',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, secrets: { DB: vault:secret/orders/db }, calls: [{ to: vault, protocol: https }] }
          vault: { kind: secrets-manager, boundary: cluster }
      `,
    },
    {
      name: 'no secrets declared (an empty map declares nothing)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, secrets: {} }
      `,
    },
  ],
});
