import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-identity-propagation', {
  fires: [
    {
      name: 'a frontend that signs users in with oidc and calls the API only with its certificate',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential, pii: true } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc, data: [order] }] }
          web: { kind: frontend, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: mtls, data: [order] }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{
        target: 'web->orders', messageId: 'lost', text: 'mtls',
        message: 'web → orders carries `order` (confidential, personal) on behalf of users who signed in to web with `oidc`, but authenticates only as web (`auth: mtls`)',
      }],
    },
    {
      name: 'every self-only method, from a gateway with session and saml users',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential }, invoice: { classification: internal, pii: true } }
        services:
          staff: { kind: user, calls: [{ to: gw, protocol: https, auth: saml }] }
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: session }] }
          gw:
            kind: gateway
            boundary: edge
            calls:
              - { to: orders, protocol: https, auth: iam, data: [order] }
              - { to: billing, protocol: https, auth: api-key, data: [invoice] }
              - { to: billing, protocol: https, auth: basic, data: [invoice] }
              - { to: reports, protocol: https, auth: password, data: [order] }
          orders: { kind: service, boundary: cluster }
          billing: { kind: function, boundary: cluster }
          reports: { kind: service, boundary: cluster }
      `,
      expect: [
        { target: 'gw->orders', messageId: 'lost', severity: 'low', text: 'iam', message: 'signed in to gw with `saml`' },
        { target: 'gw->billing', messageId: 'lost', text: 'api-key' },
        { target: 'gw->billing#2', messageId: 'lost', text: 'basic' },
        { target: 'gw->reports', messageId: 'lost', text: 'password' },
      ],
    },
    {
      name: 'a gateway forwards the user\'s token to a service, which calls on with its certificate only',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, tls: mtls, auth: mtls, data: [order] }] }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{
        target: 'orders->billing', messageId: 'forwarded', text: 'mtls',
        message: 'orders → billing carries `order` (confidential) on behalf of users whose `jwt` credentials the gateway `gw` forwards to orders, but authenticates only as orders (`auth: mtls`)',
      }],
    },
  ],
  silent: [
    {
      name: 'a service (not a gateway) passing a token on starts no chain; a gateway authenticating as itself forwards nothing',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          bff: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: billing, protocol: grpc, tls: mtls, auth: mtls }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: ledger, protocol: grpc, tls: mtls, auth: mtls, data: [order] }] }
          billing: { kind: service, boundary: cluster, calls: [{ to: ledger, protocol: grpc, tls: mtls, auth: iam, data: [order] }] }
          ledger: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'the user\'s token passed on (jwt, oauth2, token)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw:
            kind: gateway
            boundary: edge
            calls:
              - { to: orders, protocol: grpc, tls: mtls, auth: jwt, data: [order] }
              - { to: billing, protocol: https, auth: oauth2, data: [order] }
              - { to: reports, protocol: https, auth: token, data: [order] }
          orders: { kind: service, boundary: cluster }
          billing: { kind: service, boundary: cluster }
          reports: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'datastores authenticate services; auth: none is unauthenticated-flow\'s; no sensitive data downstream',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential }, catalog: { classification: public } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc, data: [order] }] }
          orders:
            kind: service
            boundary: cluster
            calls:
              - { to: orders-db, protocol: postgres, tls: tls, auth: password, data: [order] }
              - { to: billing, protocol: https, auth: none, data: [order] }
              - { to: catalog, protocol: https, auth: mtls, data: [catalog] }
              - { to: idp, protocol: https, auth: mtls, data: [order] }
          orders-db: { kind: database, boundary: cluster }
          billing: { kind: service, boundary: cluster }
          catalog: { kind: service, boundary: cluster }
          idp: { kind: identity-provider, boundary: cluster }
      `,
    },
    {
      name: 'no user credentials upstream: a user with a password, or a workload called only by workloads',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: legacy, protocol: https, auth: basic }] }
          legacy: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: https, auth: mtls, data: [order] }] }
          partner: { kind: external, calls: [{ to: intake, protocol: https, auth: oauth2 }] }
          intake: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: https, auth: mtls, data: [order] }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: https, auth: mtls, data: [order] }] }
          billing: { kind: service, boundary: cluster }
      `,
    },
  ],
});
