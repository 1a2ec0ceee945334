import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

ruleTests('missing-failure-isolation', {
  fires: [
    {
      name: 'a synchronous call to an external, at the flow',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          payments: { kind: service, boundary: cluster, calls: [{ to: stripe, protocol: https, auth: api-key }] }
          stripe: { kind: external }
      `,
      expect: [{ target: 'payments->stripe', text: 'to: stripe', message: 'waits on the external `stripe` with neither `timeout` nor `circuit-breaker`: when it hangs, `payments` hangs with it. Add `timeout: 2s` under the flow\'s `controls:`.' }],
    },
    {
      name: 'across a boundary, at the controls key when the flow has one',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          gw:
            kind: gateway
            boundary: edge
            calls:
              - { to: orders, protocol: grpc, controls: { retries: 3 } }
              - { to: orders, protocol: grpc, async: false, controls: { timeout: false }, id: second }
          orders: { kind: service, boundary: cluster, controls: { timeout: 1s } }
      `,
      expect: [
        { target: 'gw->orders', text: 'controls', message: '(edge → cluster)' },
        { target: 'second', text: 'controls' },
      ],
    },
    {
      name: 'a flow setting timeout false overrides the caller\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, controls: { timeout: 2s }, calls: [{ to: ext, protocol: https, controls: { timeout: false } }] }
          ext: { kind: external }
      `,
      expect: [{ target: 'a->ext', text: 'controls' }],
    },
  ],
  silent: [
    {
      name: 'a ci\'s deployments and build steps across boundaries are not request paths',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { tools: { trust: internal }, prod: { trust: restricted } }
        services:
          build: { kind: ci, boundary: tools, calls: [{ to: orders, protocol: https, auth: token }, { to: npm, protocol: https, auth: token, access: read }] }
          orders: { kind: service, boundary: prod }
          npm: { kind: external }
      `,
    },
    {
      name: 'a timeout or circuit breaker on the flow or the caller',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          gw: { kind: gateway, boundary: edge, controls: { circuit-breaker: true }, calls: [{ to: orders, protocol: grpc }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: stripe, protocol: https, controls: { timeout: 2s } }] }
          stripe: { kind: external }
      `,
    },
    {
      name: 'asynchronous flows',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: partner, protocol: https, async: true }] }
          partner: { kind: external }
      `,
    },
    {
      name: 'flows opened by users and externals, and flows within one boundary',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https }] }
          partner: { kind: external, calls: [{ to: gw, protocol: https }] }
          gw: { kind: gateway, boundary: edge, calls: [{ to: web, protocol: https }] }
          web: { kind: frontend, boundary: edge }
      `,
    },
  ],
});
