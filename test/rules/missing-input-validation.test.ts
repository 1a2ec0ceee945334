import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-input-validation', {
  fires: [
    {
      name: 'a service entered from the edge, at its id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          gw: { kind: gateway, boundary: edge, controls: { input-validation: true }, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'orders', messageId: 'missing', text: 'orders', message: 'orders accepts input from a less trusted boundary (gw → orders) without `input-validation`' }],
    },
    {
      name: 'one finding per workload naming only the flows that lack validation; the caller\'s control does not count',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, controls: { input-validation: true }, calls: [{ to: gw, protocol: https, auth: oidc }] }
          partner: { kind: external, calls: [{ to: gw, protocol: https, auth: oauth2, controls: { input-validation: true } }] }
          carrier: { kind: external, calls: [{ to: gw, protocol: https, auth: oauth2 }] }
          gw: { kind: gateway, boundary: edge, controls: { rate-limit: 100/min } }
      `,
      expect: [{ target: 'gw', messageId: 'missing', text: 'controls', message: '(shopper → gw, carrier → gw)' }],
    },
    {
      name: 'frontends and functions entered from the internet; input-validation: false is the range',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }, { to: upload, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: edge }
          upload:
            kind: function
            boundary: edge
            controls:
              input-validation: false
      `,
      expect: [
        { target: 'web', messageId: 'missing', text: 'web' },
        { target: 'upload', messageId: 'disabled', text: 'false', message: 'with `input-validation` off' },
      ],
    },
  ],
  silent: [
    {
      name: 'validation on the workload or on every flow that enters from lower trust',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge, controls: { input-validation: openapi schemas }, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt, controls: { input-validation: true } }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'flows from equal or higher trust',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, pci: { trust: restricted } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, tls: mtls, auth: mtls }] }
          billing: { kind: service, boundary: cluster }
          vault: { kind: service, boundary: pci, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: mtls }] }
      `,
    },
    {
      name: 'datastores and identity providers entered from lower trust are not workloads',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: idp, protocol: https, auth: password }] }
          partner: { kind: external, calls: [{ to: events, protocol: kafka, tls: tls, auth: mtls }] }
          idp: { kind: identity-provider, boundary: cluster }
          events: { kind: queue, boundary: cluster }
      `,
    },
  ],
});

it('missing-input-validation: the fix data adds the control to the workload', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { edge: { trust: dmz } }
    services:
      shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
      web: { kind: frontend, boundary: edge }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-input-validation').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'input-validation', value: true, scope: 'service' }]);
});
