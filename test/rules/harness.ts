// Table-driven rule tests, as ESLint's RuleTester: a YAML model, and exactly the findings one rule
// must report on it (target, severity, the text its range covers, the message id, and, when
// given, the model's text after the finding's quick fix), or none. A case's model must itself be clean: any `model/…`
// finding fails it, fires or silent. Every case also runs through the editor's incremental
// analyzer, after an edit that leaves the meaning as it was and after one that adds and removes a
// service, and must give what the analysis from scratch gives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_FILE, analyzeYaml, seen } from '../helpers.js';
import { ruleById } from '../../server/src/rules/index.js';
import { createParseCache, loadModel, overlayHost } from '../../server/src/engine.js';
import type { Analysis, CheckOptions } from '../../server/src/engine.js';
import { IncrementalAnalyzer } from '../../server/src/analysis/incremental.js';
import { applyEdits, fixesFor } from '../../server/src/fix/fixes.js';
import type { Finding } from '../../server/src/model/types.js';

export interface Expected {
  target: string;
  /** Defaults to the rule's own severity. */
  severity?: string;
  /** The exact source text the finding's range covers. */
  text: string;
  /** A part the message must contain. */
  message?: string | RegExp;
  /** Which of the rule's messages it says (required, as RuleTester requires it). */
  messageId: string;
  /**
   * The model's whole text after the finding's quick fix (the preferred one when it offers a
   * choice); `null`: it offers none.
   */
  output?: string | null;
}

export interface RuleCase {
  name: string;
  model: string;
  options?: CheckOptions;
}

export interface FiringCase extends RuleCase {
  expect: Expected[];
}

export function assertCleanModel(analysis: Analysis, what = 'the test model itself has problems'): void {
  const problems = analysis.findings.filter((f) => f.rule.startsWith('model/'));
  assert.deepEqual(problems.map((f) => `${f.rule}: ${f.message}`), [], what);
}

/** The text after a finding's quick fix, or null when it offers none. */
export function textAfterFix(text: string, analysis: Analysis, finding: Finding): string | null {
  const fixes = fixesFor(analysis, finding);
  const fix = fixes.find((f) => f.preferred) ?? fixes[0];
  if (!fix) return null;
  return applyEdits(text, fix.edits.filter((e) => e.file === finding.file));
}

function comparable(findings: readonly Finding[]) {
  return findings.map((f) => ({
    rule: f.rule, severity: f.severity, message: f.message, messageId: f.messageId, file: f.file, range: f.range,
    target: f.target, accepted: f.accepted?.reason, expired: f.expired?.reason, data: f.data,
  }));
}

/** Texts the editor may have analysed just before the case's: the same model, then one more service. */
function editsBefore(model: string): string[] {
  const before = [`# an edit that changes nothing\n${model}`];
  const header = /^services:[ \t]*\n( +)/m.exec(model);
  if (header) {
    const at = header.index + header[0].length - header[1].length;
    before.push(`${model.slice(0, at)}${header[1]}harness-probe:\n${header[1]}  kind: service\n${model.slice(at)}`);
  }
  return before;
}

/** The case's model analysed as the editor would, after each edit that may lead to it. */
export function assertIncrementalAgrees(c: RuleCase, fromScratch: Analysis): void {
  for (const before of editsBefore(c.model)) {
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(MODEL_FILE, overlayHost(new Map([[MODEL_FILE, text]]), c.options?.host), { cache });
    const options = { today: '2026-11-25', ...c.options };
    analyzer.analyze(load(before), options);
    const incremental = analyzer.analyze(load(c.model), options);
    assert.deepEqual(comparable(incremental.findings), comparable(fromScratch.findings),
      `the editor, after analysing\n${before}\ngives other findings than an analysis from scratch`);
  }
}

export function ruleTests(ruleId: string, cases: { fires: FiringCase[]; silent: RuleCase[] }): void {
  const rule = ruleById(ruleId);
  describe(ruleId, () => {
    it('is in the catalogue', () => assert.ok(rule, `${ruleId} is not registered in server/src/rules/index.ts`));
    for (const c of cases.fires) {
      it(`fires: ${c.name}`, () => {
        const analysis = analyzeYaml(c.model, c.options);
        assertCleanModel(analysis);
        const got = analysis.findings.filter((f) => f.rule === ruleId && !f.accepted);
        assert.deepEqual(
          got.map((f) => {
            const s = seen(c.model, f);
            return { target: s.target, severity: s.severity, text: s.text, messageId: f.messageId };
          }),
          c.expect.map((e) => ({ target: e.target, severity: e.severity ?? rule!.meta.severity, text: e.text, messageId: e.messageId })),
        );
        c.expect.forEach((e, i) => {
          assert.ok(e.messageId in rule!.meta.messages, `${ruleId} has no message \`${e.messageId}\``);
          assert.equal(got[i].messageId, e.messageId, `finding ${i} (${e.target})`);
          if (typeof e.message === 'string') assert.ok(got[i].message.includes(e.message), `message «${got[i].message}» lacks «${e.message}»`);
          else if (e.message !== undefined) assert.match(got[i].message, e.message);
          const after = textAfterFix(c.model, analysis, got[i]);
          if (e.output !== undefined) assert.equal(after, e.output, `the text after the fix of finding ${i} (${e.target})`);
          // Whatever it writes, a fix leaves a model that reads without a problem.
          if (after !== null) assertCleanModel(analyzeYaml(after, c.options), `the fix of finding ${i} (${e.target}) gives a model with problems:\n${after}`);
        });
        assertIncrementalAgrees(c, analysis);
      });
    }
    for (const c of cases.silent) {
      it(`silent: ${c.name}`, () => {
        const analysis = analyzeYaml(c.model, c.options);
        assertCleanModel(analysis);
        const got = analysis.findings.filter((f) => f.rule === ruleId && !f.accepted).map((f) => seen(c.model, f));
        assert.deepEqual(got, []);
        assertIncrementalAgrees(c, analysis);
      });
    }
  });
}
