import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

// One line each, so they interpolate into the dedented snippets at the right indentation.
const ROLES = 'roles: { platform-admin: { grants: { "*": [admin] } }, editor: { grants: { cms: [read, write] } }, cleaner: { grants: { cms: [delete] } }, everything: { grants: { cms: ["*"] } }, reader: { grants: { cms: [read] } }, runner: { grants: { cms: [execute] } } }';
const CMS = 'cms: { kind: service, boundary: cluster }';

ruleTests('missing-mfa', {
  fires: [
    {
      name: 'an administrator without controls, at the user id',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        ${ROLES}
        services:
          operator: { kind: user, roles: [platform-admin], calls: [{ to: cms, protocol: https, auth: oidc }] }
          ${CMS}
      `,
      expect: [{ target: 'operator', messageId: 'missing', text: 'operator', message: 'The user `operator` holds the role `platform-admin`, which grants the `admin` action on every service' }],
    },
    {
      name: 'write, delete and * grants each need MFA; the range is the controls key when there is one',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        ${ROLES}
        services:
          author: { kind: user, roles: [reader, editor], controls: { audit-log: true } }
          janitor: { kind: user, roles: [cleaner] }
          owner: { kind: user, roles: [everything] }
          ${CMS}
      `,
      expect: [
        { target: 'author', messageId: 'missing', text: 'controls', message: 'the role `editor`, which grants the `write` action on `cms`' },
        { target: 'janitor', messageId: 'missing', text: 'janitor' },
        { target: 'owner', messageId: 'missing', text: 'owner', message: 'grants every action (`*`) on `cms`' },
      ],
    },
    {
      name: 'mfa: false is the range',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        ${ROLES}
        services:
          operator:
            kind: user
            roles: [platform-admin]
            controls:
              mfa: false
          ${CMS}
      `,
      expect: [{ target: 'operator', messageId: 'disabled', text: 'false', message: 'its `mfa` is off' }],
    },
    {
      name: 'a user reaching a datastore, the delivery pipeline or a workload storing restricted data signs in with one factor',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal }, tools: { trust: internal } }
        data: { chart: { classification: restricted } }
        services:
          dba: { kind: user, boundary: cluster, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }] }
          developer: { kind: user, calls: [{ to: cms, protocol: https, auth: oidc }, { to: git, protocol: https, auth: oidc }] }
          clinician: { kind: user, calls: [{ to: charts, protocol: https }] }
          ${CMS}
          orders-db: { kind: database, boundary: cluster }
          git: { kind: repository, boundary: tools }
          charts: { kind: service, boundary: cluster, stores: [chart], controls: { encryption-at-rest: true } }
      `,
      expect: [
        { target: 'dba', messageId: 'reaches', text: 'dba', message: 'The user `dba` signs in to the database `orders-db` (a datastore) without multi-factor authentication: one phished password is enough to read or change its data' },
        { target: 'developer', messageId: 'reaches', text: 'developer', message: 'signs in to the repository `git` (the delivery pipeline)' },
        { target: 'clinician', messageId: 'reaches', text: 'clinician', message: 'signs in to the service `charts` (it stores restricted data)' },
      ],
    },
  ],
  silent: [
    {
      name: 'what a user reaches is covered by MFA on the user or on the component it calls',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal }, tools: { trust: internal } }
        services:
          dba: { kind: user, boundary: cluster, controls: { mfa: true }, calls: [{ to: orders-db, protocol: postgres, tls: tls, auth: password }] }
          developer: { kind: user, calls: [{ to: git, protocol: https, auth: oidc }, { to: build, protocol: https, auth: oidc }] }
          orders-db: { kind: database, boundary: cluster }
          git: { kind: repository, boundary: tools, controls: { mfa: true } }
          build: { kind: ci, boundary: tools, controls: { mfa: enforced by the SSO } }
      `,
    },
    {
      name: 'users who reach only ordinary workloads, an identity provider, or a datastore without credentials',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: shop, protocol: https, auth: oidc }, { to: login, protocol: https, auth: password }, { to: assets, protocol: https, auth: none }] }
          shop: { kind: service, boundary: cluster, stores: [order], controls: { encryption-at-rest: true } }
          login: { kind: identity-provider, boundary: cluster }
          assets: { kind: storage, boundary: cluster }
      `,
    },
    {
      name: 'an administrator with mfa (true or a detail)',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        ${ROLES}
        services:
          operator: { kind: user, roles: [platform-admin], controls: { mfa: true } }
          author: { kind: user, roles: [editor], controls: { mfa: webauthn } }
          ${CMS}
      `,
    },
    {
      name: 'users whose roles only read or execute',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        ${ROLES}
        services:
          support: { kind: user, roles: [reader] }
          scheduler-user: { kind: user, roles: [runner, reader] }
          shopper: { kind: user }
          ${CMS}
      `,
    },
    {
      name: 'services and externals holding powerful roles are not users',
      model: yaml`
        moat: 1
        name: saas
        boundaries: { cluster: { trust: internal } }
        ${ROLES}
        services:
          partner: { kind: external, roles: [editor] }
          deployer: { kind: service, boundary: cluster, roles: [platform-admin] }
          ${CMS}
      `,
    },
  ],
});

it('missing-mfa: the fix data adds the mfa control to the user', () => {
  const model = yaml`
    moat: 1
    name: saas
    roles: { admin: { grants: { "*": [admin] } } }
    services:
      operator: { kind: user, roles: [admin] }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-mfa').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'mfa', value: true, scope: 'service' }]);
});
