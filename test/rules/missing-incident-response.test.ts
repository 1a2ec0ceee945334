import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-incident-response', {
  fires: [
    {
      name: 'no control: once, on system, at the top-level controls key',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { sbom: true }
        services:
          orders: { kind: service, boundary: cluster }
      `,
      expect: [{ target: 'system', messageId: 'absent', text: 'controls', message: 'add `incident-response: docs/incident-response.md`' }],
    },
    {
      name: 'at name: when the model has no top-level controls',
      model: yaml`
        moat: 1
        name: shop
      `,
      expect: [{ target: 'system', messageId: 'absent', text: 'name' }],
    },
    {
      name: 'written false',
      model: yaml`
        moat: 1
        name: shop
        controls: { incident-response: false }
      `,
      expect: [{ target: 'system', messageId: 'off', text: 'controls', message: 'is `false`' }],
    },
    {
      name: 'set on every service is not a plan: only the system-wide control counts',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders: { kind: service, boundary: cluster, controls: { incident-response: true } }
      `,
      expect: [{ target: 'system', messageId: 'absent', text: 'name' }],
    },
  ],
  silent: [
    {
      name: 'a path to the playbook',
      model: yaml`
        moat: 1
        name: shop
        controls: { incident-response: docs/incident-response.md }
      `,
    },
    {
      name: 'a URL',
      model: yaml`
        moat: 1
        name: shop
        controls:
          incident-response: https://wiki.example.com/ir
      `,
    },
    {
      name: 'true',
      model: yaml`
        moat: 1
        name: shop
        controls: { incident-response: true }
      `,
    },
  ],
});

describe('missing-incident-response: quick-fix data', () => {
  it('adds the system control with the playbook path', () => {
    const found = analyzeYaml('moat: 1\nname: shop\n').findings.filter((f) => f.rule === 'missing-incident-response');
    assert.deepEqual(found.map((f) => f.data), [{ addControl: 'incident-response', value: 'docs/incident-response.md', scope: 'system' }]);
  });
});
