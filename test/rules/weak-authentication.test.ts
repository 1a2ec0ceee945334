import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('weak-authentication', {
  fires: [
    {
      name: 'a user logging in with a password from the internet',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { edge: { trust: dmz } }
        data: { credentials: { classification: confidential } }
        services:
          customer: { kind: user, calls: [{ to: idp, protocol: https, auth: password, data: [credentials] }] }
          idp: { kind: identity-provider, boundary: edge }
      `,
      expect: [{ target: 'customer->idp', messageId: 'signIn', text: 'password', message: 'signs in to the identity provider `idp` with a password alone' }],
    },
    {
      name: 'a user logging in with a password from the internet to a gateway (not an identity provider), MFA or not',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { edge: { trust: dmz } }
        services:
          customer: { kind: user, controls: { mfa: true }, calls: [{ to: gw, protocol: https, auth: password }] }
          gw: { kind: gateway, boundary: edge }
      `,
      expect: [{ target: 'customer->gw', messageId: 'lowerTrust', text: 'password', message: 'enters gw from a less trusted boundary (internet → edge) with only `auth: password`' }],
    },
    {
      name: 'an API key to an identity provider with MFA is still weak (MFA covers people\'s passwords)',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { edge: { trust: dmz } }
        services:
          partner: { kind: external, calls: [{ to: idp, protocol: https, auth: api-key }] }
          idp: { kind: identity-provider, boundary: edge, controls: { mfa: true } }
      `,
      expect: [{ target: 'partner->idp', messageId: 'lowerTrust', text: 'api-key' }],
    },
    {
      name: 'a frontend in the DMZ to a database inside: the suggestion is mtls, not oauth2',
      model: yaml`
        moat: 1
        name: iot
        boundaries: { edge: { trust: dmz }, platform: { trust: internal } }
        services:
          dashboard: { kind: frontend, boundary: edge, calls: [{ to: registry-db, protocol: postgres, tls: tls, auth: password, access: read }] }
          registry-db: { kind: database, boundary: platform }
      `,
      expect: [{ target: 'dashboard->registry-db', messageId: 'lowerTrust', text: 'password', message: 'Set `auth: mtls`' }],
    },
    {
      name: 'an external webhook with an API key into the edge, and basic auth from the edge inward',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          carrier: { kind: external, calls: [{ id: tracking-hook, to: gw, protocol: https, auth: api-key }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: tracking, protocol: https, auth: basic }] }
          tracking: { kind: service, boundary: cluster }
      `,
      expect: [
        { target: 'tracking-hook', messageId: 'lowerTrust', text: 'api-key', message: 'Set `auth: oauth2`' },
        { target: 'gw->tracking', messageId: 'lowerTrust', text: 'basic', message: 'Set `auth: mtls`' },
      ],
    },
    {
      name: 'restricted data over a password inside one boundary',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { pci: { trust: restricted } }
        data: { card-number: { classification: restricted, pii: true }, order: { classification: confidential } }
        services:
          payments:
            kind: service
            boundary: pci
            calls:
              - { to: vault-db, protocol: postgres, tls: tls, auth: password, data: [order, card-number] }
          vault-db: { kind: database, boundary: pci }
      `,
      expect: [{ target: 'payments->vault-db', messageId: 'restricted', text: 'password', message: 'carries `card-number` (restricted, personal) with only `auth: password`' }],
    },
    {
      name: 'restricted data to a third-party API with a key; the suggestion is oauth2',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { pci: { trust: restricted } }
        data: { card-number: { classification: restricted } }
        services:
          payments: { kind: service, boundary: pci, calls: [{ to: stripe, protocol: https, auth: api-key, data: [card-number] }] }
          stripe: { kind: external }
      `,
      expect: [{ target: 'payments->stripe', messageId: 'restricted', text: 'api-key', message: 'Set `auth: oauth2`' }],
    },
  ],
  silent: [
    {
      name: 'a user signing in to the identity provider with a password and MFA (on the provider, or on the user)',
      model: yaml`
        moat: 1
        name: bank
        boundaries: { edge: { trust: dmz } }
        data: { account: { classification: restricted, pii: true } }
        services:
          customer: { kind: user, calls: [{ to: keycloak, protocol: https, auth: password, data: [account] }] }
          staff: { kind: user, controls: { mfa: true }, calls: [{ to: corp-idp, protocol: https, auth: password }] }
          keycloak: { kind: identity-provider, boundary: edge, controls: { mfa: required } }
          corp-idp: { kind: identity-provider, boundary: edge }
      `,
    },
    {
      name: 'a service using a database password for confidential data in its own boundary',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, data: { trust: restricted, within: cluster } }
        data: { order: { classification: confidential, pii: true } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password, data: [order] }] }
          orders-db: { kind: database, boundary: cluster }
          ledger: { kind: service, boundary: data, calls: [{ to: orders, protocol: https, auth: api-key, data: [order] }] }
      `,
    },
    {
      name: 'strong methods from lower trust carrying restricted data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, pci: { trust: restricted } }
        data: { card-number: { classification: restricted } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc, data: [card-number] }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: payments, protocol: grpc, tls: mtls, auth: mtls, data: [card-number] }] }
          payments: { kind: service, boundary: pci }
      `,
    },
    {
      name: 'auth: none and absent auth are other rules\' territory',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }, { to: gw, protocol: https }] }
          web: { kind: frontend, boundary: edge }
          gw: { kind: gateway, boundary: edge }
      `,
    },
  ],
});

it('weak-authentication: the fix data names the stronger method', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
    services:
      shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: password }] }
      gw: { kind: gateway, boundary: edge, calls: [{ to: api, protocol: https, auth: api-key }] }
      api: { kind: service, boundary: cluster }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'weak-authentication').map((f) => f.data);
  assert.deepEqual(data, [{ prop: 'auth', value: 'oauth2' }, { prop: 'auth', value: 'mtls' }]);
});

it('weak-authentication: a password sign-in to an identity provider without MFA offers no auth fix', () => {
  const model = yaml`
    moat: 1
    name: saas
    boundaries: { edge: { trust: dmz } }
    services:
      customer: { kind: user, calls: [{ to: idp, protocol: https, auth: password }] }
      idp: { kind: identity-provider, boundary: edge }
  `;
  const found = analyzeYaml(model).findings.filter((f) => f.rule === 'weak-authentication');
  assert.equal(found.length, 1);
  assert.equal(found[0].data, undefined);
  assert.match(found[0].message, /`mfa: true` in the `controls:` of `idp`/);
});
