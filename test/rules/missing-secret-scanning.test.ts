import { ruleTests } from './harness.js';
import { yaml } from '../helpers.js';

const VERSION = 'moat: 1';
const NAME = 'name: delivery';
const BOUNDARIES = 'boundaries: { tools: { trust: internal } }';

ruleTests('missing-secret-scanning', {
  fires: [
    {
      name: 'a repository without the control, at its id; with other controls, at the controls key',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        services:
          app-repo: { kind: repository, boundary: tools }
          infra-repo: { kind: repository, boundary: tools, controls: { mfa: true } }
      `,
      expect: [
        { target: 'app-repo', messageId: 'missing', text: 'app-repo', message: 'The repository `app-repo` has no `secret-scanning`' },
        { target: 'infra-repo', messageId: 'missing', text: 'controls' },
      ],
    },
    {
      name: 'switched off under a system-wide control, at `false`',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        controls: { secret-scanning: true }
        services:
          legacy-repo:
            kind: repository
            boundary: tools
            controls:
              secret-scanning: false
      `,
      expect: [{ target: 'legacy-repo', messageId: 'disabled', text: 'false', message: 'turns `secret-scanning` off' }],
    },
  ],
  silent: [
    {
      name: 'the control on the repository or system-wide',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        controls: { secret-scanning: gitleaks }
        services:
          app-repo: { kind: repository, boundary: tools }
          infra-repo: { kind: repository, boundary: tools, controls: { secret-scanning: push-protection } }
      `,
    },
    {
      name: 'components that are not repositories',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        services:
          build: { kind: ci, boundary: tools }
          images: { kind: registry, boundary: tools }
      `,
    },
  ],
});
