// The quick fixes of the delivery-pipeline rules and of the rules issue 16 changed: the exact
// text after each, and the finding gone when the fix is applied.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { applyEdits, fixesFor } from '../../server/src/fix/fixes.js';

function fixed(model: string, rule: string, title: string): string {
  const analysis = analyzeYaml(model);
  const finding = analysis.findings.find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule} finding`);
  const fixes = fixesFor(analysis, finding);
  const fix = fixes.find((f) => f.title === title);
  assert.ok(fix, `no fix «${title}»; got ${fixes.map((f) => `«${f.title}»`).join(', ')}`);
  const after = applyEdits(model, fix.edits);
  assert.deepEqual(analyzeYaml(after).findings.filter((f) => f.rule === rule && f.target === finding.target).map((f) => f.message), [],
    'the fix leaves the finding');
  return after;
}

describe('quick fixes of the delivery-pipeline rules', () => {
  it('missing-secret-scanning adds the control to the repository, keeping its comment', () => {
    const model = yaml`
      moat: 1
      name: delivery
      boundaries: { tools: { trust: internal } }
      services:
        git:
          kind: repository   # GitLab, self-hosted
          boundary: tools
    `;
    assert.equal(fixed(model, 'missing-secret-scanning', 'Add `secret-scanning: true` to the controls of `git`'), yaml`
      moat: 1
      name: delivery
      boundaries: { tools: { trust: internal } }
      services:
        git:
          kind: repository   # GitLab, self-hosted
          boundary: tools
          controls:
            secret-scanning: true
    `);
  });

  it('missing-hardening turns `hardening: false` on', () => {
    const model = yaml`
      moat: 1
      name: delivery
      boundaries: { tools: { trust: internal } }
      services:
        jenkins: { kind: ci, boundary: tools, runtime: { platform: vm }, controls: { hardening: false } }
    `;
    assert.equal(fixed(model, 'missing-hardening', 'Add `hardening: true` to the controls of `jenkins`'),
      model.replace('hardening: false', 'hardening: true'));
  });

  it('unchecked-deployment adds the missing check to the ci', () => {
    const model = yaml`
      moat: 1
      name: delivery
      boundaries: { tools: { trust: internal } }
      controls: { security-testing: true }
      services:
        build: { kind: ci, boundary: tools, controls: { audit-log: true }, calls: [{ to: images, protocol: https, auth: token, access: write }] }
        images: { kind: registry, boundary: tools }
    `;
    assert.equal(fixed(model, 'unchecked-deployment', 'Add `image-scanning: true` to the controls of `build`'),
      model.replace('controls: { audit-log: true }', 'controls: { audit-log: true, image-scanning: true }'));
  });

  it('missing-mfa for a user reaching the pipeline adds mfa to the user', () => {
    const model = yaml`
      moat: 1
      name: delivery
      boundaries: { tools: { trust: internal } }
      services:
        developer: { kind: user, boundary: tools, calls: [{ to: git, protocol: https, auth: oidc }] }
        git: { kind: repository, boundary: tools, controls: { secret-scanning: true } }
    `;
    assert.equal(fixed(model, 'missing-mfa', 'Add `mfa: true` to the controls of `developer`'),
      model.replace('auth: oidc }] }', 'auth: oidc }], controls: { mfa: true } }'));
  });

  it('missing-failure-isolation puts the timeout under the flow\'s controls', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        payments:
          kind: service
          boundary: cluster
          calls:
            - to: stripe
              protocol: https
              auth: api-key
        stripe: { kind: external }
    `;
    const after = fixed(model, 'missing-failure-isolation', 'Add `timeout: 2s` to the flow payments → stripe');
    assert.equal(after, model.replace('        auth: api-key\n', '        auth: api-key\n        controls:\n          timeout: 2s\n'));
  });
});
