import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('unspecified-auth', {
  fires: [
    {
      name: 'a flow without auth, at its `to:` pair',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, tls: mtls }] }
          billing: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'orders->billing', text: 'to: billing', message: 'Add `auth:` (for example `auth: mtls`' }],
    },
    {
      name: 'every flow without auth, from users, to datastores and externals, and a second flow between one pair',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper:
            kind: user
            calls:
              - to: web
                protocol: https
          web:
            kind: frontend
            boundary: edge
            calls:
              - { to: cache, protocol: redis, auth: password }
              - { to: cache, protocol: redis }
              - { id: geo, to: maps, protocol: https }
          cache: { kind: cache, boundary: edge }
          maps: { kind: external }
      `,
      expect: [
        { target: 'shopper->web', text: 'to: web', message: '`auth: oidc`' },
        { target: 'web->cache#2', text: 'to: cache' },
        { target: 'geo', text: 'to: maps' },
      ],
    },
  ],
  silent: [
    {
      name: 'auth: none is stated, not unspecified',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, auth: none }] }
          web: { kind: frontend, boundary: edge }
      `,
    },
    {
      name: 'every method stated',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a:
            kind: service
            boundary: cluster
            calls:
              - { to: b, protocol: grpc, tls: mtls, auth: mtls }
              - { to: b, protocol: https, auth: jwt }
              - { to: b, protocol: https, auth: kerberos }
          b: { kind: service, boundary: cluster }
      `,
    },
  ],
});

it('unspecified-auth: the fix offers every method, the likeliest first and none last', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    services:
      a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: grpc }] }
      b: { kind: service, boundary: cluster }
  `;
  const [finding] = analyzeYaml(model).findings.filter((f) => f.rule === 'unspecified-auth');
  assert.deepEqual(finding.data, {
    prop: 'auth', value: 'mtls',
    choices: ['mtls', 'api-key', 'basic', 'password', 'session', 'token', 'jwt', 'oauth2', 'oidc', 'saml', 'iam', 'kerberos', 'signature', 'none'],
  });
});
