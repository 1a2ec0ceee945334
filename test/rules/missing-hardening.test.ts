import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const HEAD0 = 'moat: 1';
const HEAD1 = 'name: delivery';
const HEAD2 = 'boundaries: { tools: { trust: internal }, vault: { trust: restricted } }';
const HEAD3 = 'data: { card: { classification: restricted }, order: { classification: confidential, pii: true } }';

ruleTests('missing-hardening', {
  fires: [
    {
      name: 'a Git server and a CI server on VMs, a card vault on bare metal',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        ${HEAD3}
        services:
          git: { kind: repository, boundary: tools, runtime: { platform: vm } }
          jenkins: { kind: ci, boundary: tools, runtime: { platform: VM }, controls: { image-scanning: true } }
          card-db: { kind: database, boundary: vault, stores: [card], controls: { encryption-at-rest: true }, runtime: { platform: bare-metal } }
      `,
      expect: [
        { target: 'git', text: 'git', message: '`git` holds the source code and runs on `vm` with no `hardening`' },
        { target: 'jenkins', text: 'controls', message: 'builds and deploys the code' },
        { target: 'card-db', text: 'controls', message: '`card-db` stores restricted data and runs on `bare-metal`' },
      ],
    },
    {
      name: 'hardening switched off under a system-wide baseline, at `false`',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        ${HEAD3}
        controls: { hardening: cis-level-1 }
        services:
          jenkins:
            kind: ci
            boundary: tools
            runtime: { platform: vm }
            controls:
              hardening: false
      `,
      expect: [{ target: 'jenkins', text: 'false' }],
    },
  ],
  silent: [
    {
      name: 'a baseline on the component or system-wide',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        ${HEAD3}
        controls: { hardening: cis-level-1 }
        services:
          git: { kind: repository, boundary: tools, runtime: { platform: vm } }
          jenkins: { kind: ci, boundary: tools, runtime: { platform: vm }, controls: { hardening: stig } }
      `,
    },
    {
      name: 'a managed platform, or no platform named',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        ${HEAD3}
        services:
          git: { kind: repository, boundary: tools, runtime: { platform: kubernetes } }
          jenkins: { kind: ci, boundary: tools }
          card-db: { kind: database, boundary: vault, stores: [card], controls: { encryption-at-rest: true }, runtime: { platform: ecs } }
      `,
    },
    {
      name: 'hosts that neither store restricted data nor build the code',
      model: yaml`
        ${HEAD0}
        ${HEAD1}
        ${HEAD2}
        ${HEAD3}
        services:
          orders-db: { kind: database, boundary: vault, stores: [order], controls: { encryption-at-rest: true }, runtime: { platform: vm } }
          images: { kind: registry, boundary: tools, runtime: { platform: vm } }
      `,
    },
  ],
});

it('missing-hardening: the fix data adds the control to the component', () => {
  const model = yaml`
    ${HEAD0}
    ${HEAD1}
    ${HEAD2}
    ${HEAD3}
    services:
      git: { kind: repository, boundary: tools, runtime: { platform: vm } }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-hardening').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'hardening', value: true, scope: 'service' }]);
});
