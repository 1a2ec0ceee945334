// Table-driven rule tests: a YAML model, and exactly the findings one rule must report on it
// (target, severity, and the text its range covers), or none.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, seen } from '../helpers.js';
import { ruleById } from '../../server/src/rules/index.js';
import type { CheckOptions } from '../../server/src/engine.js';

export interface Expected {
  target: string;
  /** Defaults to the rule's own severity. */
  severity?: string;
  /** The exact source text the finding's range covers. */
  text: string;
  /** A part the message must contain. */
  message?: string | RegExp;
}

export interface RuleCase {
  name: string;
  model: string;
  options?: CheckOptions;
}

export interface FiringCase extends RuleCase {
  expect: Expected[];
}

export function ruleTests(ruleId: string, cases: { fires: FiringCase[]; silent: RuleCase[] }): void {
  const rule = ruleById(ruleId);
  describe(ruleId, () => {
    it('is in the catalogue', () => assert.ok(rule, `${ruleId} is not registered in server/src/rules/index.ts`));
    for (const c of cases.fires) {
      it(`fires: ${c.name}`, () => {
        const analysis = analyzeYaml(c.model, c.options);
        const modelErrors = analysis.findings.filter((f) => f.rule.startsWith('model/') && f.severity !== 'medium');
        assert.deepEqual(modelErrors.map((f) => f.message), [], 'the test model itself has errors');
        const got = analysis.findings.filter((f) => f.rule === ruleId && !f.accepted);
        assert.deepEqual(
          got.map((f) => {
            const s = seen(c.model, f);
            return { target: s.target, severity: s.severity, text: s.text };
          }),
          c.expect.map((e) => ({ target: e.target, severity: e.severity ?? rule!.meta.severity, text: e.text })),
        );
        c.expect.forEach((e, i) => {
          if (e.message === undefined) return;
          if (typeof e.message === 'string') assert.ok(got[i].message.includes(e.message), `message «${got[i].message}» lacks «${e.message}»`);
          else assert.match(got[i].message, e.message);
        });
      });
    }
    for (const c of cases.silent) {
      it(`silent: ${c.name}`, () => {
        const analysis = analyzeYaml(c.model, c.options);
        const modelErrors = analysis.findings.filter((f) => f.rule.startsWith('model/') && f.severity !== 'medium');
        assert.deepEqual(modelErrors.map((f) => f.message), [], 'the test model itself has errors');
        const got = analysis.findings.filter((f) => f.rule === ruleId && !f.accepted).map((f) => seen(c.model, f));
        assert.deepEqual(got, []);
      });
    }
  });
}
