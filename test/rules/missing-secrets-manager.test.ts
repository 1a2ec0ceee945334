import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-secrets-manager', {
  fires: [
    {
      name: 'flows that authenticate with static secrets imply secrets to keep',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }, { to: stripe, protocol: https, auth: api-key }] }
          stripe: { kind: external, calls: [{ to: orders, protocol: https, auth: signature }] }
          orders-db: { kind: database, boundary: cluster }
      `,
      expect: [{
        target: 'system', text: 'name',
        message: 'The flows `orders → orders-db`, `orders → stripe` and `stripe → orders` authenticate with static secrets (`password`, `api-key`, `signature`), but the model has no `secrets-manager` component',
      }],
    },
    {
      name: 'secrets declared and a basic-auth flow, named together',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, secrets: { DB: vault:secret/orders/db } }
          legacy: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: https, auth: basic }] }
      `,
      expect: [{ target: 'system', text: 'name', message: '`orders` declares `secrets:`, and the flow `legacy → orders` authenticates with static secrets (`basic`)' }],
    },
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
      expect: [{ target: 'system', text: 'controls', message: '`orders` and `billing` declare `secrets:`' }],
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
      expect: [{ target: 'system', text: 'name', message: '`orders` declares' }],
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
      expect: [{ target: 'system', text: 'controls', message: '`legacy` declares' }],
    },
  ],
  silent: [
    {
      name: 'a person\'s password, token-based flows, and a caller that keeps its secrets in a manager',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: password }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, tls: mtls, auth: mtls }, { to: stock, protocol: https, auth: oauth2 }] }
          billing: { kind: service, boundary: cluster, controls: { secrets-manager: aws-sm }, calls: [{ to: ledger-db, protocol: postgres, tls: tls, auth: password }] }
          stock: { kind: service, boundary: cluster }
          ledger-db: { kind: database, boundary: cluster }
      `,
    },
    {
      name: 'static credentials with a secrets-manager component in the model',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }, { to: vault, protocol: https, auth: iam, access: read }] }
          orders-db: { kind: database, boundary: cluster }
          vault: { kind: secrets-manager, boundary: cluster }
      `,
    },
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
