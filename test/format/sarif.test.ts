// SARIF as GitHub code scanning reads it, validated against the official 2.1.0 schema
// (shipped by @microsoft/jest-sarif; it is a draft-04 schema, hence ajv-draft-04), and JSON.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { formatSarif, toSarif } from '../../server/src/format/sarif.js';
import { toJsonReport } from '../../server/src/format/json.js';
import { ruleCatalogue } from '../../server/src/format/catalogue.js';
import { ACCEPTED, BOUNDARY, HTTP_FLOW, SHOP, WAF, report, shopReport } from './sample.js';

const SCHEMA = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's language pattern (`^[a-zA-Z]{2}|…]?$`) is not valid with the `u` flag that ajv uses by default.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

function assertValid(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
}

describe('sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    assert.equal(SCHEMA.title, 'Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
    assertValid(JSON.parse(formatSarif(shopReport())));
    assertValid(JSON.parse(formatSarif(shopReport({ baseline: true }))));
    assertValid(JSON.parse(formatSarif(report([]))));
  });

  it('and the schema does reject what is not SARIF', () => {
    const log = toSarif(shopReport()) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validate(log), false);
  });

  it('describes the tool and every rule of the catalogue, with GitHub\'s security-severity and tags', () => {
    const driver = toSarif(shopReport()).runs[0].tool.driver;
    assert.deepEqual([driver.name, driver.version, driver.semanticVersion, driver.informationUri], ['Moat', '1.2.3', '1.2.3', 'https://github.com/moat-security/moat']);
    const catalogue = ruleCatalogue();
    assert.deepEqual(driver.rules!.map((r) => r.id), catalogue.map((r) => r.id));
    const flow = driver.rules!.find((r) => r.id === 'unencrypted-flow')!;
    assert.deepEqual({ ...flow, help: undefined, fullDescription: undefined }, {
      id: 'unencrypted-flow',
      name: 'UnencryptedFlow',
      shortDescription: { text: 'Unencrypted flow' },
      fullDescription: undefined,
      help: undefined,
      helpUri: 'https://github.com/moat-security/moat/blob/main/docs/rules/unencrypted-flow.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'CWE-319', 'Information disclosure', 'Tampering'], 'security-severity': '8.0', category: 'encryption' },
    });
    assert.match(flow.fullDescription!.text, /tls/);
    assert.match(flow.help!.text, /^Unencrypted flow \(high\)\n\nWhat it checks: /);
    assert.match(flow.help!.markdown!, /^\*\*Unencrypted flow\*\* \(default severity: high\)\n\n### What it checks\n\n/);
    const bySeverity = new Map<string, Set<string>>();
    for (const r of driver.rules!) {
      const info = catalogue.find((c) => c.id === r.id)!;
      bySeverity.set(info.severity, new Set([...(bySeverity.get(info.severity) ?? []), `${r.properties!['security-severity']} ${r.defaultConfiguration!.level}`]));
      assert.ok(r.help?.text && r.help.markdown && r.fullDescription?.text && r.helpUri, r.id);
      assert.ok((r.properties!.tags as string[]).includes('security'), r.id);
    }
    assert.deepEqual(Object.fromEntries([...bySeverity].map(([k, v]) => [k, [...v]])), {
      critical: ['9.5 error'], high: ['8.0 error'], medium: ['5.5 warning'], low: ['3.0 note'], info: ['1.0 note'],
    });
    const syntax = driver.rules!.find((r) => r.id === 'model/syntax')!;
    assert.deepEqual([syntax.name, syntax.properties!.tags, syntax.helpUri], ['ModelSyntax', ['security'], 'https://github.com/moat-security/moat/blob/main/docs/rules/model/syntax.md']);
  });

  it('gives each finding one result: rule index, level, message, location relative to the repository root, fingerprint; accepted ones left out', () => {
    const run = toSarif(shopReport()).runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
    const rules = run.tool.driver.rules!;
    assert.deepEqual(run.results!.map((r) => [r.ruleId, rules[r.ruleIndex!].id, r.level, r.message.text]), [
      ['missing-waf', 'missing-waf', 'note', WAF.message],
      ['unencrypted-flow', 'unencrypted-flow', 'error', HTTP_FLOW.message],
      ['model/unresolved-reference', 'model/unresolved-reference', 'error', BOUNDARY.message],
    ]);
    assert.ok(!run.results!.some((r) => r.ruleId === ACCEPTED.rule));
    const [, flow, boundary] = run.results!;
    assert.deepEqual(flow.locations, [{ physicalLocation: {
      artifactLocation: { uri: 'models/shop.moat.yaml', uriBaseId: '%SRCROOT%' },
      // After an emoji (two UTF-16 units) on the same line.
      region: { startLine: 7, startColumn: 49, endLine: 7, endColumn: 53 },
    } }]);
    assert.deepEqual(boundary.locations![0].physicalLocation!.artifactLocation, { uri: 'models/parts/pay%20ments.moat.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(flow.partialFingerprints, { 'moat/v1': createHash('sha256').update('models/shop.moat.yaml\nunencrypted-flow@gateway->api').digest('hex') });
    assert.equal(flow.baselineState, undefined);
  });

  it('keeps the fingerprint when the finding moves, and says which results are new against a baseline', () => {
    const moved = { ...HTTP_FLOW, range: { start: 0, end: 4 } };
    const fingerprint = (f: typeof HTTP_FLOW) => toSarif(report([{ file: SHOP, findings: [f] }])).runs[0].results![0].partialFingerprints;
    assert.deepEqual(fingerprint(moved), fingerprint(HTTP_FLOW));
    const results = toSarif(report([{ file: SHOP, findings: [{ ...WAF, known: true }, HTTP_FLOW] }], { baseline: true })).runs[0].results!;
    assert.deepEqual(results.map((r) => [r.ruleId, r.baselineState]), [['missing-waf', 'unchanged'], ['unencrypted-flow', 'new']]);
  });

  it('gives findings that share RULE@TARGET (two secrets of one service) alerts of their own', () => {
    const second = { ...HTTP_FLOW, range: { start: 0, end: 4 } };
    const results = toSarif(report([{ file: SHOP, findings: [HTTP_FLOW, second] }])).runs[0].results!;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.deepEqual(results.map((r) => r.partialFingerprints), [
      { 'moat/v1': sha('models/shop.moat.yaml\nunencrypted-flow@gateway->api') },
      { 'moat/v1': sha('models/shop.moat.yaml\nunencrypted-flow@gateway->api\n#2') },
    ]);
  });

  it('names a file outside the repository by its file URI', () => {
    const outside = { ...WAF, file: '/elsewhere/x.moat.yaml' };
    const log = toSarif(report([{ file: outside.file, findings: [outside] }], { files: new Map([[outside.file, 'moat: 1\n']]) }));
    assert.deepEqual(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation, { uri: 'file:///elsewhere/x.moat.yaml' });
    assertValid(log);
  });
});

describe('json', () => {
  it('lists each model\'s findings with 1-based ranges, the acceptance, CWE and STRIDE, and the summary', () => {
    const json = toJsonReport(shopReport());
    assert.equal(json.version, '1.2.3');
    assert.deepEqual(json.models.map((m) => m.file), ['shop.moat.yaml']);
    assert.deepEqual(json.models[0].findings[1], {
      rule: 'unencrypted-flow', severity: 'high', message: HTTP_FLOW.message, file: 'shop.moat.yaml',
      range: { start: { line: 7, column: 49 }, end: { line: 7, column: 53 } },
      fingerprint: 'unencrypted-flow@gateway->api', target: 'gateway->api', cwe: 319, stride: ['I', 'T'],
    });
    assert.deepEqual(json.models[0].findings[2].accepted, { reason: 'mTLS at the mesh | sidecar', until: '2999-01-01', by: 'ops' });
    assert.deepEqual([json.models[0].findings[3].file, json.models[0].findings[3].cwe, json.models[0].findings[3].stride], ['parts/pay ments.moat.yaml', null, []]);
    assert.deepEqual(json.summary, {
      models: 1, problems: 3, bySeverity: { critical: 0, high: 2, medium: 0, low: 1, info: 0 },
      accepted: 1, known: 0, failing: 2, broken: 0, exitCode: 1, failOn: 'high',
    });
  });
});
