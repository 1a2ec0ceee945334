// Each finding once in every output (format/report.ts uniqueFindings): the same rule, element,
// place and words twice is one finding, in one model's list or across models, sorted or not.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findingKey, uniqueFindings } from '../../server/src/format/report.js';
import type { CheckedModel, ReportedFinding } from '../../server/src/format/report.js';
import { BOUNDARY, HTTP_FLOW, PART, SHOP, WAF } from './sample.js';

/** What the outputs list: the first of each key, in order (the definition the fast paths must keep). */
function expected(models: CheckedModel[]): ReportedFinding[] {
  const seen = new Set<string>();
  return models.flatMap((m) => m.findings).filter((f) => !seen.has(findingKey(f)) && !!seen.add(findingKey(f)));
}

const sameWordsElsewhere = { ...HTTP_FLOW, range: { start: HTTP_FLOW.range.start + 1, end: HTTP_FLOW.range.end + 1 } };
const otherWordsHere = { ...HTTP_FLOW, message: 'another message' };
const otherTargetHere = { ...HTTP_FLOW, target: 'x', fingerprint: 'unencrypted-flow@x' };

describe('unique findings', () => {
  it('drops a repeat at the same place in one sorted list, and keeps findings that differ in place, words or target', () => {
    const sorted = [WAF, HTTP_FLOW, otherTargetHere, { ...HTTP_FLOW }, otherWordsHere, sameWordsElsewhere].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    const models = [{ file: SHOP, findings: sorted }];
    const unique = uniqueFindings(models);
    assert.deepEqual(unique, expected(models));
    assert.equal(unique.length, sorted.length - 1);
  });

  it('drops repeats apart from each other in an unsorted list and across files', () => {
    const findings = [HTTP_FLOW, BOUNDARY, WAF, { ...HTTP_FLOW }, { ...BOUNDARY }, otherWordsHere];
    const models = [{ file: SHOP, findings }];
    assert.deepEqual(uniqueFindings(models), expected(models));
    assert.deepEqual(uniqueFindings(models).map((f) => f.file), [SHOP, PART, SHOP, SHOP]);
  });

  it('keeps a finding of a file two models include once, at its first place in the run', () => {
    const models = [{ file: SHOP, findings: [WAF, BOUNDARY] }, { file: PART, findings: [{ ...BOUNDARY }, HTTP_FLOW] }];
    assert.deepEqual(uniqueFindings(models), [WAF, BOUNDARY, HTTP_FLOW]);
  });
});
