// Past the 1,000 diagnostics an editor shows per file, the least serious are left out: counted
// per severity, the same as a stable sort by the editor's severity would keep.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mostSerious } from '../../server/src/lsp/diagnostics.js';
import type { Finding, Severity } from '../../server/src/model/types.js';

const EDITOR_RANK: Record<Severity, number> = { critical: 1, high: 1, medium: 2, low: 3, info: 4 };
const finding = (severity: Severity, i: number): Finding =>
  ({ rule: 'r', severity, message: `m${i}`, file: '/m.moat.yaml', range: { start: i, end: i + 1 }, target: `t${i}`, fingerprint: `r@t${i}` });

describe('the most serious findings a file shows', () => {
  it('keeps errors (critical and high alike) in the order written, then warnings, then the rest', () => {
    const list = (['low', 'high', 'medium', 'critical', 'info', 'high', 'medium'] as Severity[]).map(finding);
    assert.deepEqual(mostSerious(list, 4).map((f) => f.message), ['m1', 'm2', 'm3', 'm5']);
    assert.deepEqual(mostSerious(list, 2).map((f) => f.message), ['m1', 'm3']);
    assert.deepEqual(mostSerious(list, 99), list);
    assert.deepEqual(mostSerious(list, 0), []);
  });

  it('is what a stable sort by the editor\'s severity keeps, in the order written', () => {
    const severity = fc.constantFrom<Severity>('critical', 'high', 'medium', 'low', 'info');
    fc.assert(fc.property(fc.array(severity, { maxLength: 60 }), fc.nat(70), (severities, max) => {
      const list = severities.map(finding);
      const kept = new Set([...list].sort((a, b) => EDITOR_RANK[a.severity] - EDITOR_RANK[b.severity]).slice(0, max));
      assert.deepEqual(mostSerious(list, max), list.filter((f) => kept.has(f)));
    }), { numRuns: 500 });
  });
});
