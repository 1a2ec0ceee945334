import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-rate-limit', {
  fires: [
    {
      name: 'an internet-facing frontend, at its controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: edge, controls: { waf: true } }
      `,
      expect: [{ target: 'web', messageId: 'internetFacing', text: 'controls', message: 'web is reachable from the internet (shopper) without a `rate-limit`' }],
    },
    {
      name: 'any gateway, even one nothing untrusted calls in the model',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          internal-gw: { kind: gateway, boundary: cluster }
      `,
      expect: [{ target: 'internal-gw', messageId: 'gateway', text: 'internal-gw', message: 'The gateway `internal-gw` has no `rate-limit`' }],
    },
    {
      name: 'internet-facing services, functions, queues and identity providers; rate-limit: false is the range',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: orders, protocol: https, auth: oidc }, { to: idp, protocol: https, auth: password }] }
          partner: { kind: external, calls: [{ to: events, protocol: kafka, tls: tls, auth: mtls }, { to: hook, protocol: https, auth: api-key }] }
          orders:
            kind: service
            boundary: cluster
            controls:
              rate-limit: false
          events: { kind: queue, boundary: cluster }
          hook: { kind: function, boundary: cluster }
          idp: { kind: identity-provider, boundary: cluster }
      `,
      expect: [
        { target: 'orders', messageId: 'disabled', text: 'false', message: 'orders has `rate-limit` off while it is reachable from the internet (shopper)' },
        { target: 'events', messageId: 'internetFacing', text: 'events', message: '(partner)' },
        { target: 'hook', messageId: 'internetFacing', text: 'hook' },
        { target: 'idp', messageId: 'internetFacing', text: 'idp' },
      ],
    },
  ],
  silent: [
    {
      name: 'limits in place, as a detail or true',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: oidc }, { to: gw, protocol: https, auth: oidc }] }
          web: { kind: frontend, boundary: edge, controls: { rate-limit: 100/min } }
          gw: { kind: gateway, boundary: edge, controls: { rate-limit: true } }
      `,
    },
    {
      name: 'databases, caches and storage reached from outside are exposed-datastore\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          analyst: { kind: user, calls: [{ to: db, protocol: postgres, tls: tls, auth: password }, { to: files, protocol: s3, tls: tls, auth: iam }, { to: cache, protocol: redis, tls: tls, auth: password }] }
          db: { kind: database, boundary: cluster }
          files: { kind: storage, boundary: cluster }
          cache: { kind: cache, boundary: cluster }
      `,
    },
    {
      name: 'users and externals called by the system, and services reached only from inside',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        services:
          shopper: { kind: user, calls: [{ to: bank, protocol: https, auth: oauth2 }] }
          bank: { kind: external }
          mailer: { kind: service, boundary: cluster, calls: [{ to: shopper, protocol: smtps, auth: none }] }
          edge-svc: { kind: service, boundary: edge, calls: [{ to: orders, protocol: https, auth: mtls }] }
          orders: { kind: service, boundary: cluster }
      `,
    },
  ],
});

it('missing-rate-limit: the fix data adds a limit of 100/min', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { edge: { trust: dmz } }
    services:
      gw: { kind: gateway, boundary: edge }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-rate-limit').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'rate-limit', value: '100/min', scope: 'service' }]);
});
