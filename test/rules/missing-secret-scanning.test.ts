import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

const HEAD0 = 'moat: 1';
const HEAD1 = 'name: delivery';
const HEAD2 = 'boundaries: { tools: { trust: internal } }';

ruleTests('missing-secret-scanning', {
  fires: [
    {
      name: 'a repository without the control, at its id; with other controls, at the controls key',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          app-repo: { kind: repository, boundary: tools }
          infra-repo: { kind: repository, boundary: tools, controls: { mfa: true } }
      `,
      expect: [
        { target: 'app-repo', text: 'app-repo', message: 'The repository `app-repo` has no `secret-scanning`' },
        { target: 'infra-repo', text: 'controls' },
      ],
    },
    {
      name: 'switched off under a system-wide control, at `false`',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        controls: { secret-scanning: true }
        services:
          legacy-repo:
            kind: repository
            boundary: tools
            controls:
              secret-scanning: false
      `,
      expect: [{ target: 'legacy-repo', text: 'false', message: 'turns `secret-scanning` off' }],
    },
  ],
  silent: [
    {
      name: 'the control on the repository or system-wide',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        controls: { secret-scanning: gitleaks }
        services:
          app-repo: { kind: repository, boundary: tools }
          infra-repo: { kind: repository, boundary: tools, controls: { secret-scanning: push-protection } }
      `,
    },
    {
      name: 'components that are not repositories',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        services:
          build: { kind: ci, boundary: tools }
          images: { kind: registry, boundary: tools }
      `,
    },
  ],
});
