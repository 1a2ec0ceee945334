// The rule documentation pages: generated from the rules' metadata, and committed as generated.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleById } from '../server/src/rules/index.js';
import { MODEL_RULES } from '../server/src/model/problems.js';
import { THREAGILE_COVERAGE, docMarkdownFor, modelRuleDocMarkdown, ruleDocMarkdown, ruleDocPages, ruleDocPath, ruleIndexMarkdown } from '../server/src/rules/docs.js';
import { CONTROLS } from '../server/src/model/vocabulary.js';

const ROOT = path.resolve(__dirname, '..');

function committedPages(dir = path.join(ROOT, 'docs/rules')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return committedPages(p);
    return e.name.endsWith('.md') ? [path.relative(ROOT, p).split(path.sep).join('/')] : [];
  });
}

describe('rule documentation pages', () => {
  it('are committed exactly as generated (run `npm run docs` after changing a rule)', () => {
    const differing: string[] = [];
    for (const [rel, text] of ruleDocPages()) {
      const file = path.join(ROOT, rel);
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) differing.push(rel);
    }
    assert.deepEqual(differing, [], 'pages that differ from their rule\'s metadata; run `npm run docs`');
  });

  it('include no page for a rule that does not exist', () => {
    const pages = ruleDocPages();
    assert.deepEqual(committedPages().filter((rel) => !pages.has(rel)), []);
  });

  it('cover every rule and every model rule, plus the index', () => {
    const pages = ruleDocPages();
    assert.equal(pages.size, RULES.length + MODEL_RULES.length + 1);
    for (const r of RULES) assert.ok(pages.has(`docs/rules/${r.meta.id}.md`));
    for (const m of MODEL_RULES) assert.ok(pages.has(`docs/rules/model/${m.id.slice('model/'.length)}.md`));
    assert.equal(ruleDocPath('model/syntax'), 'docs/rules/model/syntax.md');
  });

  it('show what a reader needs: severity, target, STRIDE names, the CWE link, the prose, decisions, the quick fix', () => {
    const rule = ruleById('unauthenticated-flow')!;
    const page = ruleDocMarkdown(rule);
    assert.match(page, /^# unauthenticated-flow$/m);
    assert.ok(page.includes('**Unauthenticated flow**'));
    assert.match(page, /^\| Severity \| high /m);
    assert.match(page, /^\| Reports on \| the flow: its `id`, or `FROM->TO` \|$/m);
    assert.match(page, /^\| STRIDE \| Spoofing \|$/m);
    assert.ok(page.includes('[CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)'));
    assert.ok(page.includes(`| Quick fix | ${rule.meta.fix} |`));
    for (const text of [rule.meta.docs.checks, rule.meta.docs.attack, rule.meta.docs.fix, rule.meta.docs.falsePositives, rule.meta.docs.practice]) {
      assert.ok(page.includes(text));
    }
    for (const d of rule.meta.docs.decisions ?? []) assert.ok(page.includes(`- ${d}`));
    assert.ok(page.includes('  - rule: unauthenticated-flow\n    target: web->orders\n'));
  });

  it('say so when a rule has no quick fix, and name every STRIDE category', () => {
    const page = ruleDocMarkdown(ruleById('unencrypted-flow')!);
    assert.match(page, /^\| STRIDE \| Information disclosure, Tampering \|$/m);
    const noFix = RULES.find((r) => r.meta.fix === undefined);
    if (noFix) assert.match(ruleDocMarkdown(noFix), /^\| Quick fix \| — \|$/m);
  });

  it('escape table cells, so a pipe in a fix does not break the table', () => {
    const rule = { ...ruleById('unauthenticated-flow')!, meta: { ...ruleById('unauthenticated-flow')!.meta, fix: 'Use `a | b`.' } };
    assert.ok(ruleDocMarkdown(rule).includes('| Quick fix | Use `a \\| b`. |'));
  });

  it('give model rules their own pages, linking back to the index', () => {
    const page = modelRuleDocMarkdown(MODEL_RULES.find((m) => m.id === 'model/include')!);
    assert.match(page, /^# model\/include$/m);
    assert.ok(page.includes('[All rules](../README.md)'));
    assert.equal(docMarkdownFor('model/include'), page);
    assert.equal(docMarkdownFor('no-such-rule'), undefined);
  });

  it('index every rule under its catalogue section', () => {
    const index = ruleIndexMarkdown();
    for (const r of RULES) assert.ok(index.includes(`[\`${r.meta.id}\`](${r.meta.id}.md)`), r.meta.id);
    for (const m of MODEL_RULES) assert.ok(index.includes(`[\`${m.id}\`](${m.id}.md)`), m.id);
    assert.ok(index.indexOf('## Authentication and identity') < index.indexOf('## Containers'));
  });

  it("say which of Threagile's risk categories Moat covers, naming only rules and controls that exist", () => {
    const index = ruleIndexMarkdown();
    assert.ok(index.includes("## Threagile's risk categories"));
    assert.ok(index.includes('| code-backdooring | `exposed-delivery-pipeline`, `missing-mfa` |'));
    assert.ok(index.includes('| sql-nosql-injection, ldap-injection'), 'the code-level categories are listed with why');
    for (const [category, moat] of THREAGILE_COVERAGE) {
      for (const [, id] of moat.matchAll(/`([^`]+)`/g)) {
        if (id.startsWith('model/')) continue;
        assert.ok(ruleById(id) || CONTROLS[id], `${category}: \`${id}\` is neither a rule nor a control`);
      }
    }
  });

  it('say where the attack-path rules stop seeing (paths.md): queues pulled by consumers, mesh mTLS, telemetry pushes', () => {
    for (const id of ['unauthenticated-path', 'missing-defense-in-depth']) {
      const page = ruleDocMarkdown(ruleById(id)!);
      assert.match(page, /poisoned message is not a path \(a false negative in event-driven systems\)/, id);
      assert.match(page, /[Mm]esh mTLS .*counts as a lock on every hop it covers, though every workload in the mesh holds an identity/, id);
      assert.match(page, /An absent `auth` counts as a lock/, id);
      assert.match(page, /^\| Quick fix \| — \|$/m, id);
    }
    assert.match(ruleDocMarkdown(ruleById('unauthenticated-path')!), /reached only by anonymous telemetry pushes is reported \(anonymous writes into the telemetry pipeline\), which owners may accept with that reason/);
  });
});
