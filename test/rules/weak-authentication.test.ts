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
      expect: [{ target: 'customer->idp', text: 'password', message: 'enters idp from a less trusted boundary (internet → edge) with only `auth: password`' }],
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
        { target: 'tracking-hook', text: 'api-key', message: 'Set `auth: oauth2`' },
        { target: 'gw->tracking', text: 'basic', message: 'Set `auth: mtls`' },
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
      expect: [{ target: 'payments->vault-db', text: 'password', message: 'carries `card-number` (restricted, personal) with only `auth: password`' }],
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
      expect: [{ target: 'payments->stripe', text: 'api-key', message: 'Set `auth: oauth2`' }],
    },
  ],
  silent: [
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
