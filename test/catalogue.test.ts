// Meta-tests over the whole catalogue: every rule of rules.md is registered with the spec's
// metadata, documented, tested, and the engine stays free of editor packages.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleById } from '../server/src/rules/index.js';
import type { Category, Rule, Stride, TargetKind } from '../server/src/rules/rule.js';
import { MODEL_RULES } from '../server/src/model/problems.js';

const ROOT = path.resolve(__dirname, '..');

/** An import of an editor package: `vscode`, `vscode-languageserver*`, `vscode-languageclient*`. */
const EDITOR_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](vscode(?:-languageserver[^'"/]*|-languageclient[^'"/]*)?)(?:\/[^'"]*)?['"]/gm;

interface SpecRule {
  category: Category;
  /** The catalogue's default; two where rules.md gives a severity that depends on the case. */
  severity: string | string[];
  stride?: Stride[];
  cwe?: number;
  /** rules.md gives a quick fix (its "fix" column is not "—"). */
  fix: boolean;
  /** What rules.md says the rule reports on (its "Targets" paragraph). */
  target: TargetKind;
}

// Mirrors the tables of ../shared/spec/rules.md (version 1), which CI's fresh clone does not
// have. When the catalogue changes, change this table with it.
const SPEC: Record<string, SpecRule> = {
  // Authentication and identity
  'unauthenticated-flow': { category: 'authentication', severity: 'high', stride: ['S'], cwe: 306, fix: true, target: 'flow' },
  'weak-authentication': { category: 'authentication', severity: 'medium', stride: ['S'], cwe: 1390, fix: true, target: 'flow' },
  'unspecified-auth': { category: 'authentication', severity: 'low', stride: ['S'], cwe: 306, fix: true, target: 'flow' },
  'missing-mfa': { category: 'authentication', severity: 'high', stride: ['S'], cwe: 308, fix: true, target: 'service' },
  'missing-authorization': { category: 'authentication', severity: 'medium', stride: ['E'], cwe: 862, fix: true, target: 'service' },
  'missing-identity-propagation': { category: 'authentication', severity: 'low', stride: ['R'], cwe: 284, fix: false, target: 'flow' },
  'missing-identity-provider': { category: 'authentication', severity: 'low', stride: ['S'], cwe: 287, fix: false, target: 'system' },
  // Encryption
  'unencrypted-flow': { category: 'encryption', severity: 'high', stride: ['I', 'T'], cwe: 319, fix: true, target: 'flow' },
  'unspecified-tls': { category: 'encryption', severity: 'low', stride: ['I'], cwe: 319, fix: true, target: 'flow' },
  'unencrypted-at-rest': { category: 'encryption', severity: ['high', 'medium'], stride: ['I'], cwe: 311, fix: true, target: 'service' },
  // Entry points and exposure
  'gateway-bypass': { category: 'exposure', severity: 'high', stride: ['E'], cwe: 284, fix: true, target: 'flow' },
  'exposed-datastore': { category: 'exposure', severity: 'critical', stride: ['I', 'T'], cwe: 668, fix: false, target: 'service' },
  'missing-rate-limit': { category: 'exposure', severity: 'medium', stride: ['D'], cwe: 770, fix: true, target: 'service' },
  'missing-waf': { category: 'exposure', severity: 'low', stride: ['T'], cwe: 1008, fix: true, target: 'service' },
  'missing-input-validation': { category: 'exposure', severity: 'medium', stride: ['T'], cwe: 20, fix: true, target: 'service' },
  // Least privilege
  'over-privileged-role': { category: 'least-privilege', severity: ['high', 'medium'], stride: ['E'], cwe: 250, fix: true, target: 'role' },
  'unused-grant': { category: 'least-privilege', severity: 'medium', stride: ['E'], cwe: 272, fix: true, target: 'role' },
  'shared-role': { category: 'least-privilege', severity: 'low', stride: ['E'], cwe: 269, fix: false, target: 'role' },
  // Secrets
  'hardcoded-secret': { category: 'secrets', severity: 'critical', stride: ['I'], cwe: 798, fix: true, target: 'service' },
  'missing-secrets-manager': { category: 'secrets', severity: 'medium', stride: ['I'], cwe: 522, fix: true, target: 'system' },
  // Isolation and resilience
  'shared-datastore': { category: 'isolation', severity: 'medium', stride: ['T'], cwe: 653, fix: false, target: 'service' },
  'missing-network-segmentation': { category: 'isolation', severity: 'medium', stride: ['I'], cwe: 1008, fix: false, target: 'service' },
  'mixed-trust-runtime': { category: 'isolation', severity: 'medium', stride: ['E'], cwe: 653, fix: false, target: 'service' },
  'missing-failure-isolation': { category: 'isolation', severity: 'low', stride: ['D'], cwe: 400, fix: true, target: 'flow' },
  // Containers
  'privileged-container': { category: 'containers', severity: 'high', stride: ['E'], cwe: 250, fix: true, target: 'service' },
  'root-container': { category: 'containers', severity: 'medium', stride: ['E'], cwe: 250, fix: true, target: 'service' },
  'unpinned-image': { category: 'containers', severity: 'medium', stride: ['T'], cwe: 494, fix: false, target: 'service' },
  'missing-resource-limits': { category: 'containers', severity: 'low', stride: ['D'], cwe: 770, fix: true, target: 'service' },
  'writable-root-fs': { category: 'containers', severity: 'low', stride: ['T'], cwe: 732, fix: true, target: 'service' },
  'missing-image-signing': { category: 'containers', severity: 'low', stride: ['T'], cwe: 347, fix: true, target: 'system' },
  'missing-image-scanning': { category: 'containers', severity: 'low', stride: ['T'], cwe: 1104, fix: true, target: 'system' },
  // Pipeline and operations
  'missing-dependency-scanning': { category: 'pipeline', severity: 'medium', stride: ['T'], cwe: 1395, fix: true, target: 'service' },
  'missing-security-testing': { category: 'pipeline', severity: 'low', stride: ['T'], cwe: 1008, fix: true, target: 'system' },
  'missing-sbom': { category: 'pipeline', severity: 'low', stride: ['T'], cwe: 1104, fix: true, target: 'system' },
  'unsigned-commits': { category: 'pipeline', severity: 'info', stride: ['T'], cwe: 345, fix: true, target: 'system' },
  'missing-audit-log': { category: 'pipeline', severity: 'medium', stride: ['R'], cwe: 778, fix: true, target: 'service' },
  'missing-central-logging': { category: 'pipeline', severity: 'low', stride: ['R'], cwe: 778, fix: true, target: 'system' },
  'missing-incident-response': { category: 'pipeline', severity: 'low', stride: ['R'], cwe: 1008, fix: true, target: 'system' },
  // Delivery pipeline
  'exposed-delivery-pipeline': { category: 'delivery', severity: 'high', stride: ['T'], cwe: 506, fix: false, target: 'service' },
  'push-deployment': { category: 'delivery', severity: 'medium', stride: ['E'], cwe: 269, fix: false, target: 'flow' },
  'unchecked-deployment': { category: 'delivery', severity: 'medium', stride: ['T'], cwe: 1127, fix: true, target: 'service' },
  'missing-secret-scanning': { category: 'delivery', severity: 'low', stride: ['I'], cwe: 540, fix: true, target: 'service' },
  'missing-build-infrastructure': { category: 'delivery', severity: 'info', stride: ['T'], cwe: 1127, fix: false, target: 'system' },
  'missing-hardening': { category: 'delivery', severity: 'low', stride: ['T'], cwe: 16, fix: true, target: 'service' },
  // Data
  'sensitive-data-to-lower-trust': { category: 'data', severity: 'high', stride: ['I'], cwe: 200, fix: false, target: 'flow' },
  // Attack paths (../shared/spec/paths.md)
  'unauthenticated-path': { category: 'authentication', severity: 'high', stride: ['S', 'I'], cwe: 306, fix: false, target: 'service' },
  'missing-defense-in-depth': { category: 'isolation', severity: 'high', stride: ['I', 'E'], cwe: 654, fix: false, target: 'service' },
  // Completeness of the model (rules.md gives no STRIDE or CWE here)
  'orphan-component': { category: 'completeness', severity: 'low', fix: false, target: 'service' },
  'unknown-protocol': { category: 'completeness', severity: 'info', fix: true, target: 'flow' },
  'unused-data': { category: 'completeness', severity: 'info', fix: true, target: 'data' },
  'unused-role': { category: 'completeness', severity: 'info', fix: true, target: 'role' },
  'unused-boundary': { category: 'completeness', severity: 'info', fix: true, target: 'boundary' },
  'stale-acceptance': { category: 'completeness', severity: 'medium', fix: true, target: 'acceptance' },
  'expired-acceptance': { category: 'completeness', severity: 'medium', fix: false, target: 'acceptance' },
  // Drift from the deployment (deployment.md, "Drift"): CWE 1068, STRIDE by row
  'drift/missing-component': { category: 'drift', severity: 'medium', cwe: 1068, fix: true, target: 'service' },
  'drift/missing-flow': { category: 'drift', severity: 'medium', cwe: 1068, fix: true, target: 'flow' },
  'drift/blocked-flow': { category: 'drift', severity: 'medium', cwe: 1068, fix: false, target: 'flow' },
  'drift/runtime': { category: 'drift', severity: ['high', 'low'], cwe: 1068, fix: true, target: 'service' },
  'drift/tls': { category: 'drift', severity: 'high', cwe: 1068, fix: false, target: 'flow' },
  'drift/exposure': { category: 'drift', severity: 'high', cwe: 1068, fix: false, target: 'service' },
  'drift/secret': { category: 'drift', severity: 'high', cwe: 1068, fix: false, target: 'service' },
  'drift/unknown-component': { category: 'drift', severity: 'low', cwe: 1068, fix: true, target: 'service' },
};

const SPEC_MODEL_RULES: Record<string, string> = {
  'model/syntax': 'high', 'model/version': 'high', 'model/type': 'high', 'model/unknown-key': 'medium',
  'model/unresolved-reference': 'high', 'model/duplicate-id': 'high', 'model/include': 'high', 'model/missing-boundary': 'high',
  'model/deployment': 'high',
};

const RULES_DIR = path.join(ROOT, 'server/src/rules');
/** Files in server/src/rules/ that are not rules. */
const NOT_RULES = new Set(['index.ts', 'rule.ts', 'util.ts', 'docs.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'meta' in value && 'check' in value;
}

describe('the rule catalogue', () => {
  it('registers every rule of rules.md, and only those', () => {
    const registered = RULES.map((r) => r.meta.id).sort();
    assert.deepEqual(registered, Object.keys(SPEC).sort());
  });

  it('keeps the registry sorted by id, without duplicates', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length, 'a rule id is registered twice');
    for (const rule of RULES) assert.equal(ruleById(rule.meta.id), rule);
  });

  it('has the model/ rules of rules.md', () => {
    assert.deepEqual(Object.fromEntries(MODEL_RULES.map((m) => [m.id, m.severity])), SPEC_MODEL_RULES);
    for (const m of MODEL_RULES) {
      assert.ok(m.title.trim() && m.description.trim() && m.mitigation.trim(), `${m.id} lacks a title, description or mitigation`);
    }
  });

  it('names each rule file by its rule id, and registers every rule file', async () => {
    // Drift rules live in server/src/rules/drift/, named by what follows `drift/`.
    const files = fs.readdirSync(RULES_DIR, { recursive: true }).map(String).map((f) => f.split(path.sep).join('/')).filter((f) => f.endsWith('.ts') && !NOT_RULES.has(f));
    for (const file of files) {
      const mod = (await import(path.join(RULES_DIR, file))) as { default?: unknown };
      if (!isRule(mod.default)) continue; // a helper module shared by rules
      const id = file.replace(/\.ts$/, '');
      assert.equal(mod.default.meta.id, id, `server/src/rules/${file} defines rule ${mod.default.meta.id}`);
      assert.equal(ruleById(id), mod.default, `server/src/rules/${file} is not registered in index.ts`);
    }
    for (const rule of RULES) {
      assert.ok(files.includes(`${rule.meta.id}.ts`), `${rule.meta.id} has no file server/src/rules/${rule.meta.id}.ts`);
    }
  });

  for (const rule of RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      const spec = SPEC[meta.id];

      it('has the metadata rules.md gives it', () => {
        assert.ok(spec, `${meta.id} is not in rules.md`);
        assert.equal(meta.category, spec.category);
        if (Array.isArray(spec.severity)) assert.ok(spec.severity.includes(meta.severity), `severity ${meta.severity}`);
        else assert.equal(meta.severity, spec.severity);
        if (spec.stride) assert.deepEqual([...meta.stride].sort(), [...spec.stride].sort());
        assert.equal(meta.cwe, spec.cwe);
        assert.equal(meta.target, spec.target);
        assert.equal(meta.fix !== undefined, spec.fix, spec.fix ? 'rules.md gives a quick fix: say what it does in `fix`' : 'rules.md gives no quick fix');
      });

      it('has complete metadata', () => {
        assert.ok(meta.title.trim(), 'title');
        assert.ok(meta.title.length <= 80, 'a title is a short name');
        if (meta.fix !== undefined) assert.ok(meta.fix.trim(), 'fix');
        for (const field of ['checks', 'attack', 'fix', 'falsePositives', 'practice'] as const) {
          assert.ok(typeof meta.docs[field] === 'string' && meta.docs[field].trim().length > 0, `docs.${field} is empty`);
        }
        for (const d of meta.docs.decisions ?? []) assert.ok(d.trim(), 'an empty decision');
        const messages = Object.entries(meta.messages);
        assert.ok(messages.length > 0, 'at least one message');
        for (const [id, text] of messages) assert.ok(typeof text === 'string' && text.trim(), `message ${id} is empty`);
      });

      it('has a table-driven test with firing and silent cases', () => {
        if (meta.id.startsWith('drift/')) {
          // Drift needs deployment files: its tests are in test/drift/, each rule with exact findings.
          const text = fs.readFileSync(path.join(ROOT, 'test/drift/drift.test.ts'), 'utf8');
          assert.ok(text.includes(`'${meta.id}'`), `test/drift/drift.test.ts does not test ${meta.id}`);
          return;
        }
        const file = path.join(ROOT, 'test/rules', `${meta.id}.test.ts`);
        assert.ok(fs.existsSync(file), `test/rules/${meta.id}.test.ts is missing`);
        const text = fs.readFileSync(file, 'utf8');
        assert.ok(text.includes(`ruleTests('${meta.id}'`), `test/rules/${meta.id}.test.ts does not call ruleTests('${meta.id}', …)`);
        assert.match(text, /fires:\s*\[\s*\{/, 'no firing case');
        assert.match(text, /silent:\s*\[\s*\{/, 'no silent case');
      });
    });
  }
});

describe('the engine', () => {
  it('imports no editor package outside server/src/lsp/', () => {
    const lsp = path.join(ROOT, 'server/src/lsp') + path.sep;
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'server/src'))) {
      if (file.startsWith(lsp)) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(EDITOR_IMPORT)) offenders.push(`${path.relative(ROOT, file)} imports ${m[1]}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('would catch such an import (the check itself works)', () => {
    const sample = "import type { Range } from 'vscode-languageserver-types';\nimport * as vscode from 'vscode';\nconst x = require('vscode-languageserver/node');\nimport { URI } from 'vscode-uri';\nimport { parse } from 'yaml';\n";
    assert.deepEqual([...sample.matchAll(EDITOR_IMPORT)].map((m) => m[1]), ['vscode-languageserver-types', 'vscode', 'vscode-languageserver']);
  });
});

describe('model file names', () => {
  it('are the same in package.json (the editor\'s language) as in the one list the engine keeps', async () => {
    const { MODEL_FILE_PATTERNS, MODEL_FILE_NAME } = await import('../server/src/model/file-names.js');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const language = pkg.contributes.languages.find((l: { id: string }) => l.id === 'moat');
    const fromPackage = [...language.extensions.map((e: string) => `*${e}`), ...language.filenames].sort();
    assert.deepEqual(fromPackage, [...MODEL_FILE_PATTERNS].sort());
    for (const name of ['a.moat.yaml', 'b.moat.yml', 'moat.yaml', 'moat.yml']) assert.match(name, MODEL_FILE_NAME);
    for (const name of ['moat.yaml.bak', 'amoat.yaml', 'x.yaml']) assert.doesNotMatch(name, MODEL_FILE_NAME);
  });
});
