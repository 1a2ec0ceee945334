// The ids, outline and folding the service keeps per unit of a file equal those read from the
// whole text, on the samples, generated models and texts that stretch the units' edges.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldingByUnits, occurrencesByUnits, symbolsByUnits } from '../../server/src/service/service.js';
import { occurrencesIn } from '../../server/src/service/occurrences.js';
import { documentSymbols, limitSymbols } from '../../server/src/service/symbols.js';
import type { ModelSymbol } from '../../server/src/service/symbols.js';
import { foldingSpans } from '../../server/src/service/folding.js';
import type { UnitMemo } from '../../server/src/service/by-units.js';
import { LineIndex } from '../../server/src/util/lines.js';
import { generateDenseModel, generateModel } from '../../bench/generate.js';
import { yaml } from '../helpers.js';
import fc from 'fast-check';

const ROOT = path.resolve(__dirname, '../..');
const FILE = '/m/model.moat.yaml';

const EDGES = [
  yaml`
    moat: 1
    # a comment before the section
    services:
      # a comment before the first entry

      web: { kind: service, calls: [{ to: db }] }   # trailing


      db:
        kind: database
        # trailing comment in the entry
    # a comment after the section
    data: { a: { classification: public } }
    accept:
      - { rule: missing-waf, target: web, reason: x }   # moat-accept note
  `,
  'moat: 1\nservices:\n  a:\n    kind: service\n',
  'moat: 1\nservices: {}\n',
  'moat: 1\nservices:\n',
];

function texts(): [string, string][] {
  const out: [string, string][] = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml'))) out.push([f, fs.readFileSync(path.join(ROOT, 'samples', f), 'utf8')]);
  out.push(['generated 200', generateModel(200)], ['dense 60', generateDenseModel(60)]);
  EDGES.forEach((t, i) => out.push([`edge ${i}`, t]));
  return out;
}

const foldLines = (text: string, spans: { start: number; end: number; comment?: boolean }[]) => {
  const lines = new LineIndex(text);
  return spans.map((s) => `${lines.position(s.start).line}-${lines.position(s.end).line}${s.comment ? 'c' : ''}`)
    .filter((x) => { const [a, b] = x.replace('c', '').split('-').map(Number); return b > a; }).sort();
};
/** Symbols as an edge sends them: placed ones also carry what they were made from (symbolOrigin), which no edge sends. */
const plain = (symbols: ModelSymbol[]): unknown => JSON.parse(JSON.stringify(symbols));
const byStart = <T extends { start: number; end: number }>(xs: T[]) => [...xs].sort((a, b) => a.start - b.start || a.end - b.end);

describe('answers per unit', () => {
  for (const [name, text] of texts()) {
    it(`equal the whole text's: ${name}`, () => {
      assert.deepEqual(byStart(occurrencesByUnits(FILE, text)), byStart(occurrencesIn(FILE, text)));
      assert.deepEqual(plain(symbolsByUnits(FILE, text)), plain(documentSymbols(text)));
      assert.deepEqual(plain(symbolsByUnits(FILE, text, undefined, 40)), plain(limitSymbols(documentSymbols(text), 40)));
      assert.deepEqual(foldLines(text, foldingByUnits(FILE, text)), foldLines(text, foldingSpans(text)));
    });
  }

  it('reuse the units an edit did not touch, and move them', () => {
    const text = generateDenseModel(50);
    const memo: { current: UnitMemo<ReturnType<typeof occurrencesIn>[number]> } = { current: new Map() };
    occurrencesByUnits(FILE, text, memo);
    const kept = new Set(memo.current.values());
    const edited = text.replace('description: Every', 'description: xEvery');
    const after = occurrencesByUnits(FILE, edited, memo);
    assert.equal([...memo.current.values()].filter((v) => !kept.has(v)).length, 1, 'only the edited unit is read again');
    assert.deepEqual(byStart(after), byStart(occurrencesIn(FILE, edited)));
  });

  it('after any series of edits, read with what the last text left, equal a reading from scratch', () => {
    const base = `${generateDenseModel(6)}accept:\n  - { rule: missing-waf, target: svc-1, reason: x }\n`;
    const edit = fc.oneof(
      fc.record({ at: fc.nat(), del: fc.constant(0), text: fc.constantFrom('x', '\n', '  ', '\n  extra:\n    kind: service\n', 'services:\n', 'data:', '# c\n', ':', '- ') }),
      fc.record({ at: fc.nat(), del: fc.integer({ min: 1, max: 30 }), text: fc.constant('') }),
      // A top-level key renamed: the entries after it belong to another section, or none.
      fc.record({ at: fc.constant(-1), del: fc.constant(0), text: fc.constantFrom('roles:', 'servicez:') }),
    );
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const memos = { occ: { current: new Map() }, sym: { current: new Map() }, limited: { current: new Map() }, fold: { current: new Map() } };
      let text = base;
      // Against a reading of the same text with nothing to reuse (a text an edit broke reads per
      // unit past the break, where a whole read stops: the cases above are texts that parse).
      const check = () => {
        assert.deepEqual(occurrencesByUnits(FILE, text, memos.occ), occurrencesByUnits(FILE, text));
        assert.deepEqual(plain(symbolsByUnits(FILE, text, memos.sym)), plain(symbolsByUnits(FILE, text)));
        // Past the limit, elements are placed without their calls; an edit may cross it either way.
        assert.deepEqual(plain(symbolsByUnits(FILE, text, memos.limited, 40)), plain(symbolsByUnits(FILE, text, undefined, 40)));
        assert.deepEqual(foldingByUnits(FILE, text, memos.fold), foldingByUnits(FILE, text));
      };
      check();
      for (const e of edits) {
        if (e.at === -1) text = text.replace(/^services:/m, e.text);
        else {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.text + text.slice(at + e.del);
        }
        check();
      }
    }), { numRuns: 60 });
  });
});
