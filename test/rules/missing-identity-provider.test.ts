import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-identity-provider', {
  fires: [
    {
      name: 'oidc without an identity provider, once, at the system controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        controls: { sbom: true }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'missing', text: 'controls', message: 'The model authenticates 2 flows with tokens (`oidc`, `oauth2`, `saml` or `jwt`; first shopper → gw (`oidc`))' }],
    },
    {
      name: 'saml alone, at name: when there are no system controls',
      model: yaml`
        moat: 1
        name: intranet
        boundaries: { corp: { trust: internal } }
        services:
          staff: { kind: user, calls: [{ to: wiki, protocol: https, auth: saml }] }
          wiki: { kind: service, boundary: corp }
      `,
      expect: [{ target: 'system', messageId: 'missing', text: 'name', message: '1 flow with tokens' }],
    },
    {
      name: 'oauth2 between an external and a service',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          partner: { kind: external, calls: [{ to: orders, protocol: https, auth: oauth2 }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'missing', text: 'name' }],
    },
  ],
  silent: [
    {
      name: 'an identity provider is modelled',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: edge }
          idp: { kind: identity-provider, boundary: edge }
      `,
    },
    {
      name: 'no token-based flows (mtls, passwords, sessions, kerberos)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: session }] }
          web: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, tls: tls, auth: password }, { to: api, protocol: https, auth: mtls }, { to: api, protocol: https, auth: kerberos }] }
          api: { kind: service, boundary: cluster }
          db: { kind: database, boundary: cluster }
      `,
    },
  ],
});
