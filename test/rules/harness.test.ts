// The rule test harness fails what it must: a case whose model has a problem, and a rule whose
// findings the editor's incremental analysis would leave stale.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { defineRule } from '../../server/src/rules/rule.js';
import { assertCleanModel, assertIncrementalAgrees, textAfterFix } from './harness.js';

const MODEL = yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  services:
    web:
      kind: service
      boundary: cluster
    db:
      kind: database
      boundary: cluster
`;

describe('the rule test harness', () => {
  it('fails a model with an unknown key (a medium model problem)', () => {
    const analysis = analyzeYaml(MODEL.replace('    kind: database', '    kind: database\n    colour: blue'));
    assert.ok(analysis.findings.some((f) => f.rule === 'model/unknown-key' && f.severity === 'medium'));
    assert.throws(() => assertCleanModel(analysis), /the test model itself has problems/);
    assert.doesNotThrow(() => assertCleanModel(analyzeYaml(MODEL)));
  });

  it('fails a rule whose findings the incremental analyzer would keep stale', () => {
    // Says it looks at each component alone, but reports on `db` from the services' count.
    const lying = defineRule({
      id: 'lying-scope', title: 'Lying scope', category: 'completeness', severity: 'low', target: 'service', stride: ['I'],
      scope: 'component', messages: { many: '{n} services' },
      docs: { checks: 'x', attack: 'x', fix: 'x', falsePositives: 'x', practice: 'x' },
    }, ({ model, report }) => {
      const db = model.services.get('db');
      if (db) report({ element: db, messageId: 'many', args: { n: model.services.size } });
    });
    const c = { name: 'lying', model: MODEL, options: { catalogue: [lying] } };
    assert.throws(() => assertIncrementalAgrees(c, analyzeYaml(MODEL, c.options)), /gives other findings than an analysis from scratch/);
  });

  it('applies a finding\'s quick fix to the model\'s text', () => {
    const text = MODEL.replace('    kind: database\n', '    kind: database\n    secrets: { ROOT_PASSWORD: hunter22 }\n');
    const analysis = analyzeYaml(text);
    const f = analysis.findings.find((x) => x.rule === 'hardcoded-secret')!;
    assert.equal(f.messageId, 'secret');
    assert.equal(textAfterFix(text, analysis, f), text.replace('hunter22', 'vault:secret/db/root_password'));
    assert.equal(textAfterFix(text, analysis, analysis.findings.find((x) => x.rule === 'unsigned-commits')!)?.includes('signed-commits: true'), true);
  });
});
