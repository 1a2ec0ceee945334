import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const VERSION = 'moat: 1';
const NAME = 'name: delivery';
const BOUNDARIES = 'boundaries: { tools: { trust: internal }, prod: { trust: internal } }';
const REGISTRY = 'images: { kind: registry, boundary: tools }';
const ORDERS = 'orders: { kind: service, boundary: prod }';

ruleTests('unchecked-deployment', {
  fires: [
    {
      name: 'a pipeline pushing images with neither check, at its id',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        services:
          build: { kind: ci, boundary: tools, calls: [{ to: images, protocol: https, auth: token, access: write }] }
          ${REGISTRY}
          ${ORDERS}
      `,
      expect: [{ target: 'build', messageId: 'unchecked', text: 'build', message: 'The pipeline `build` ships to `images` without `security-testing` or `image-scanning`: ' }],
    },
    {
      name: 'one check system-wide, the other missing; at the controls key',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        controls: { security-testing: true }
        services:
          build: { kind: ci, boundary: tools, controls: { audit-log: true }, calls: [{ to: orders, protocol: https, auth: token }, { to: images, protocol: https, auth: token }] }
          ${REGISTRY}
          ${ORDERS}
      `,
      expect: [{ target: 'build', messageId: 'unchecked', text: 'controls', message: 'ships to `orders` and `images` without `image-scanning`' }],
    },
    {
      name: 'a check switched off on the ci under a system-wide one; at its value',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        controls: { security-testing: true, image-scanning: true }
        services:
          build:
            kind: ci
            boundary: tools
            controls:
              image-scanning: false
            calls: [{ to: orders, protocol: https, auth: token, access: write }]
          ${REGISTRY}
          ${ORDERS}
      `,
      expect: [{ target: 'build', messageId: 'unchecked', text: 'false', message: 'Add `image-scanning: true` to its `controls:`' }],
    },
  ],
  silent: [
    {
      name: 'both checks in force, on the ci or system-wide',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        controls: { image-scanning: true }
        services:
          build: { kind: ci, boundary: tools, controls: { security-testing: semgrep }, calls: [{ to: images, protocol: https, auth: token, access: write }] }
          ${REGISTRY}
          ${ORDERS}
      `,
    },
    {
      name: 'a ci that only reads, or writes only to a repository',
      model: yaml`
        ${VERSION}
        ${NAME}
        ${BOUNDARIES}
        services:
          git: { kind: repository, boundary: tools }
          build: { kind: ci, boundary: tools, calls: [{ to: git, protocol: ssh, auth: token }, { to: images, protocol: https, auth: token, access: read }] }
          ${REGISTRY}
          ${ORDERS}
      `,
    },
  ],
});

it('unchecked-deployment: the fix data adds the first missing check to the ci', () => {
  const model = yaml`
    ${VERSION}
    ${NAME}
    ${BOUNDARIES}
    services:
      build: { kind: ci, boundary: tools, calls: [{ to: images, protocol: https, auth: token, access: write }] }
      images: { kind: registry, boundary: tools }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'unchecked-deployment').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'security-testing', value: true, scope: 'service' }]);
});
