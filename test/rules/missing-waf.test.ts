import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-waf', {
  fires: [
    {
      name: 'an internet-facing gateway over https, at its controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge, controls: { rate-limit: 100/min } }
      `,
      expect: [{ target: 'gw', messageId: 'missing', text: 'controls', message: 'The gateway `gw` takes web traffic from the internet (shopper) without a `waf`' }],
    },
    {
      name: 'frontends over http and graphql; waf: false is the range',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: http, auth: none }, { to: api, protocol: graphql, tls: tls, auth: oidc }] }
          partner: { kind: external, calls: [{ to: api, protocol: graphql, tls: tls, auth: oauth2 }] }
          web: { kind: frontend, boundary: edge }
          api:
            kind: frontend
            boundary: edge
            controls:
              waf: false
      `,
      expect: [
        { target: 'web', messageId: 'missing', severity: 'low', text: 'web' },
        { target: 'api', messageId: 'disabled', text: 'false', message: 'The frontend `api` takes web traffic from the internet (shopper, partner) with `waf` off' },
      ],
    },
  ],
  silent: [
    {
      name: 'a waf in place',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }, { to: web, protocol: https, auth: oidc }] }
          gw: { kind: gateway, boundary: edge, controls: { waf: true } }
          web: { kind: frontend, boundary: edge, controls: { waf: cloudflare managed rules } }
      `,
    },
    {
      name: 'non-web protocols from the internet, and web traffic from inside',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          device: { kind: external, calls: [{ to: mqtt-gw, protocol: mqtts, auth: mtls }, { to: chat, protocol: wss, auth: jwt }] }
          mqtt-gw: { kind: gateway, boundary: edge }
          chat: { kind: frontend, boundary: edge }
          orders: { kind: service, boundary: cluster, calls: [{ to: internal-gw, protocol: https, auth: mtls }] }
          internal-gw: { kind: gateway, boundary: cluster }
      `,
    },
    {
      name: 'services reached from the internet are gateway-bypass\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
  ],
});

it('missing-waf: the fix data adds the control', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { edge: { trust: dmz } }
    services:
      shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
      gw: { kind: gateway, boundary: edge }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-waf').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'waf', value: true, scope: 'service' }]);
});
