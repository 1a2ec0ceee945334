import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-authorization', {
  fires: [
    {
      name: 'a service receiving personal data from the edge, at its id',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential, pii: true } }
        services:
          gw: { kind: gateway, boundary: edge, controls: { authorization: true }, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt, data: [order] }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'orders', messageId: 'missing', text: 'orders', message: 'orders handles `order` (confidential, personal) for callers from a less trusted boundary (gw → orders)' }],
    },
    {
      name: 'each workload kind entered from the internet with sensitive data; the controls key or `authorization: false` is the range',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { profile: { classification: internal, pii: true } }
        services:
          shopper:
            kind: user
            calls:
              - { to: web, protocol: https, auth: oidc, data: [profile] }
              - { to: gw, protocol: https, auth: oidc, access: read, data: [profile] }
              - { to: thumbnailer, protocol: https, auth: oidc, data: [profile] }
          web: { kind: frontend, boundary: edge, controls: { rate-limit: 100/min } }
          gw:
            kind: gateway
            boundary: edge
            controls:
              authorization: false
          thumbnailer: { kind: function, boundary: edge }
      `,
      expect: [
        { target: 'web', messageId: 'missing', text: 'controls' },
        { target: 'gw', messageId: 'disabled', text: 'false', message: 'with `authorization` off' },
        { target: 'thumbnailer', messageId: 'missing', text: 'thumbnailer' },
      ],
    },
    {
      name: 'one finding per workload, however many flows',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc, data: [order] }] }
          partner: { kind: external, calls: [{ to: orders, protocol: https, auth: oauth2, data: [order] }] }
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'orders', messageId: 'missing', text: 'orders', message: '(shopper → orders)' }],
    },
  ],
  silent: [
    {
      name: 'authorization in place',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc, data: [order] }] }
          gw: { kind: gateway, boundary: edge, controls: { authorization: scopes per route }, calls: [{ to: orders, protocol: grpc, tls: mtls, auth: jwt, data: [order] }] }
          orders: { kind: service, boundary: cluster, controls: { authorization: true } }
      `,
    },
    {
      name: 'no sensitive data from lower trust; sensitive data from equal or higher trust',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { catalog: { classification: public }, order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none, data: [catalog] }] }
          web: { kind: frontend, boundary: edge }
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, tls: mtls, auth: mtls, data: [order] }, { to: mailer, protocol: https, auth: mtls, data: [order] }] }
          billing: { kind: service, boundary: cluster }
          mailer: { kind: service, boundary: edge }
      `,
    },
    {
      name: 'datastores and identity providers entered from lower trust are not workloads',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { credentials: { classification: restricted } }
        services:
          shopper: { kind: user, calls: [{ to: idp, protocol: https, auth: oidc, data: [credentials] }, { to: uploads, protocol: s3, tls: tls, auth: iam, data: [credentials] }] }
          idp: { kind: identity-provider, boundary: cluster }
          uploads: { kind: storage, boundary: cluster }
      `,
    },
  ],
});

it('missing-authorization: the fix data adds the control to the workload', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    data: { order: { classification: confidential } }
    services:
      shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc, data: [order] }] }
      orders: { kind: service, boundary: cluster }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-authorization').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'authorization', value: true, scope: 'service' }]);
});

it('missing-authorization: a workload an administrator calls is an admin interface (rules.md)', () => {
  const text = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    roles: { ops: { grants: { console: [admin] } } }
    services:
      alice: { kind: user, boundary: cluster, roles: [ops], controls: { mfa: true }, calls: [{ to: console, protocol: https, auth: oidc }] }
      bob: { kind: user, boundary: cluster, calls: [{ to: shop, protocol: https, auth: oidc }] }
      console: { kind: frontend, boundary: cluster }
      shop: { kind: frontend, boundary: cluster }
  `;
  const found = analyzeYaml(text).findings.filter((f) => f.rule === 'missing-authorization' || f.rule === 'missing-audit-log');
  assert.deepEqual(found.map((f) => [f.rule, f.target, text.slice(f.range.start, f.range.end), f.message]), [
    ['missing-audit-log', 'console', 'console', 'console is called by the administrator `alice` (alice → console), so it is an admin interface, but keeps no audit log: admin actions leave no trail. Add `audit-log: true` to its `controls:`.'],
    ['missing-authorization', 'console', 'console', 'console is called by the administrator `alice` (alice → console), so it is an admin interface, but has no `authorization` control: anyone who reaches it may do what an administrator does. Add `authorization: true` to its `controls:`.'],
  ]);
  const off = text.replace('console: { kind: frontend, boundary: cluster }', 'console: { kind: frontend, boundary: cluster, controls: { authorization: false, audit-log: true } }');
  const [f] = analyzeYaml(off).findings.filter((x) => x.rule === 'missing-authorization');
  assert.equal(f.message, 'console is called by the administrator `alice` (alice → console), so it is an admin interface, with `authorization` off. Set `authorization: true` in its `controls:`.');
  assert.equal(off.slice(f.range.start, f.range.end), 'false');
});
