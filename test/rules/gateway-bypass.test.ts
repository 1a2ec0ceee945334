import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('gateway-bypass', {
  fires: [
    {
      name: 'a user calling a service beside the gateway, at the `to` value',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper:
            kind: user
            calls:
              - { to: gw, protocol: https, auth: oidc }
              - { to: orders, protocol: https, auth: oidc }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'shopper->orders', messageId: 'direct', text: 'orders', message: 'shopper → orders reaches the service `orders` straight from the untrusted boundary `internet`, bypassing the gateway\'s authentication, rate limits and filtering. Route it through the gateway `gw`.' }],
    },
    {
      name: 'an external webhook into a function, and a component placed in a declared untrusted boundary',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { partners: { trust: untrusted }, cluster: { trust: internal } }
        services:
          stripe: { kind: external, calls: [{ id: payment-hook, to: payments, protocol: https, auth: api-key }] }
          spa: { kind: frontend, boundary: partners, calls: [{ to: orders, protocol: https, auth: jwt }] }
          payments: { kind: function, boundary: cluster }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [
        { target: 'payment-hook', messageId: 'noGateway', text: 'payments', message: 'reaches the function `payments` straight from the untrusted boundary `internet`, with no gateway in front' },
        { target: 'spa->orders', messageId: 'noGateway', text: 'orders', message: 'from the untrusted boundary `partners`' },
      ],
    },
    {
      name: 'with two gateways the message still asks for a gateway',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc }] }
          public-gw: { kind: gateway, boundary: edge }
          admin-gw: { kind: gateway, boundary: edge }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'shopper->orders', messageId: 'direct', text: 'orders', message: 'Route it through a gateway.' }],
    },
  ],
  silent: [
    {
      name: 'users reach frontends and gateways; the gateway reaches services',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }, { to: gw, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: edge }
          gw: { kind: gateway, boundary: edge, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'a CDN gateway placed in the internet boundary calling a service',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          cdn: { kind: gateway, boundary: internet, calls: [{ to: orders, protocol: https, auth: mtls }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'outsiders reaching datastores, identity providers and externals are other rules\' business',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: idp, protocol: https, auth: password }, { to: uploads, protocol: s3, tls: tls, auth: iam }] }
          partner: { kind: external, calls: [{ to: events, protocol: kafka, tls: tls, auth: mtls }, { to: bank, protocol: https, auth: mtls }] }
          bank: { kind: external }
          idp: { kind: identity-provider, boundary: cluster }
          uploads: { kind: storage, boundary: cluster }
          events: { kind: queue, boundary: cluster }
      `,
    },
    {
      name: 'staff placed in the corporate network calling an internal service directly',
      model: yaml`
        moat: 1
        name: backoffice
        boundaries: { corp: { trust: internal } }
        services:
          clerk: { kind: user, boundary: corp, calls: [{ to: ledger, protocol: https, auth: oidc }] }
          ledger: { kind: service, boundary: corp }
      `,
    },
    {
      name: 'services calling services from dmz or internal boundaries',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          edge-svc: { kind: service, boundary: edge, calls: [{ to: orders, protocol: https, auth: mtls }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
  ],
});

it('gateway-bypass: the fix data names the gateway only when there is exactly one', () => {
  const one = yaml`
    moat: 1
    name: shop
    boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
    services:
      shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc }] }
      gw: { kind: gateway, boundary: edge }
      orders: { kind: service, boundary: cluster }
  `;
  const two = `${one}  gw2: { kind: gateway, boundary: edge }\n`;
  const none = one.replace('  gw: { kind: gateway, boundary: edge }\n', '');
  const data = (m: string) => analyzeYaml(m).findings.filter((f) => f.rule === 'gateway-bypass').map((f) => f.data);
  assert.deepEqual(data(one), [{ reroute: 'gw' }]);
  assert.deepEqual(data(two), [undefined]);
  assert.deepEqual(data(none), [undefined]);
});
