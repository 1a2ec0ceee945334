import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

const HEAD0 = 'moat: 1';
const HEAD1 = 'name: delivery';
const HEAD2 = 'boundaries: { tools: { trust: internal }, edge: { trust: dmz } }';

ruleTests('exposed-delivery-pipeline', {
  fires: [
    {
      name: 'a Git server reached from the internet with a password, at its id, naming the caller',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          developer: { kind: user, calls: [{ to: git, protocol: https, auth: password }] }
          git: { kind: repository, boundary: tools }
      `,
      expect: [{ target: 'git', text: 'git', message: 'The repository `git` is reached from the untrusted `developer` with `auth: password`: whoever guesses, phishes or finds that credential can plant code in every build.' }],
    },
    {
      name: 'CI and registry with none, basic or api-key; every weak caller named once',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          developer: { kind: user, controls: { mfa: true }, calls: [{ to: jenkins, protocol: http, auth: basic }, { to: images, protocol: https, auth: api-key }] }
          scanner: { kind: external, calls: [{ to: jenkins, protocol: https, auth: none }] }
          jenkins: { kind: ci, boundary: tools }
          images: { kind: registry, boundary: tools }
      `,
      expect: [
        { target: 'jenkins', text: 'jenkins', message: 'reached from the untrusted `developer` and `scanner` with `auth: basic`, `auth: none`' },
        { target: 'images', text: 'images', message: 'with `auth: api-key`' },
      ],
    },
    {
      name: 'single sign-on without MFA on either end is single-factor (and so is an unstated auth)',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          developer: { kind: user, calls: [{ to: git, protocol: https, auth: oidc }] }
          contractor: { kind: user, calls: [{ to: build, protocol: https }] }
          git: { kind: repository, boundary: tools }
          build: { kind: ci, boundary: tools, controls: { mfa: false } }
      `,
      expect: [
        { target: 'git', text: 'git', message: 'is reached from the untrusted `developer` without multi-factor authentication' },
        { target: 'build', text: 'build', message: 'without multi-factor authentication' },
      ],
    },
    {
      name: 'MFA does not make a password-only endpoint safe',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          developer: { kind: user, controls: { mfa: true }, calls: [{ to: git, protocol: https, auth: password }] }
          git: { kind: repository, boundary: tools, controls: { mfa: true } }
      `,
      expect: [{ target: 'git', text: 'git', message: '`auth: password`' }],
    },
  ],
  silent: [
    {
      name: 'single sign-on with MFA on the user, or on the repository for everyone',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          developer: { kind: user, controls: { mfa: true }, calls: [{ to: git, protocol: https, auth: oidc }, { to: build, protocol: https, auth: saml }] }
          reviewer: { kind: user, calls: [{ to: git, protocol: https, auth: oidc }] }
          git: { kind: repository, boundary: tools, controls: { mfa: true } }
          build: { kind: ci, boundary: tools }
      `,
    },
    {
      name: 'callers inside (an administrator on the internal network, a gateway in the dmz) are not the internet',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          admin: { kind: user, boundary: tools, calls: [{ to: git, protocol: https, auth: password }] }
          proxy: { kind: gateway, boundary: edge, calls: [{ to: build, protocol: https, auth: api-key }] }
          build: { kind: ci, boundary: tools, calls: [{ to: git, protocol: ssh, auth: token }] }
          git: { kind: repository, boundary: tools }
      `,
    },
    {
      name: 'other kinds reached from the internet with a password are other rules\' concern',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          developer: { kind: user, calls: [{ to: wiki, protocol: https, auth: password }] }
          wiki: { kind: service, boundary: tools }
      `,
    },
  ],
});
