// The comments a fix keeps are found in the unit that holds the range it edits (model/units.ts),
// not by tokenising the whole file: the same comments, at the same offsets, as the whole file's
// tokens give, whatever the range. `#` in quoted strings and block scalars is no comment.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Parser } from 'yaml';
import { commentsIn, parseAround, parseYaml, unitHolding } from '../../server/src/fix/text.js';

const MODEL = [
  '# the shop',
  'moat: 1',
  'name: "Shop # not a comment"',
  'description: |',
  '  A block scalar # with a hash',
  '  # and a line that looks like a comment',
  'services:   # the components',
  '  web:',
  '    kind: frontend   # the edge',
  '    # between keys',
  '    calls:',
  '      - { to: api, protocol: http }  # plain',
  '  api:',
  "    kind: 'service # quoted'",
  '# between sections',
  'data:',
  '  cards: { classification: restricted }  # PCI',
  '',
].join('\n');

/** The comments in [start, end) as the whole file's tokens give them. */
function wholeComments(text: string, start: number, end: number): { offset: number; source: string }[] {
  const out: { offset: number; source: string }[] = [];
  const walk = (token: unknown): void => {
    if (Array.isArray(token)) token.forEach(walk);
    else if (token !== null && typeof token === 'object') {
      const t = token as { type?: unknown; offset?: unknown; source?: unknown };
      if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
        if (start <= t.offset && t.offset < end) out.push({ offset: t.offset, source: t.source });
      } else for (const value of Object.values(token)) walk(value);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
  return out.sort((a, b) => a.offset - b.offset);
}

describe('comments in a range of a model file', () => {
  it('reads the unit that holds the range, and finds no comment in strings or block scalars', () => {
    const at = MODEL.indexOf('  web:');
    const end = MODEL.indexOf('  api:');
    const unit = unitHolding(MODEL, at, end);
    assert.deepEqual(unit && MODEL.slice(unit.start, unit.end).split('\n')[0], '  web:');
    assert.deepEqual(commentsIn(MODEL, at, end).map((c) => c.source), ['# the edge', '# between keys', '# plain']);
    assert.deepEqual(commentsIn(MODEL, 0, MODEL.indexOf('services:')).map((c) => c.source), ['# the shop']);
  });

  it('gives the whole file\'s comments for any range', () => {
    fc.assert(fc.property(fc.nat(MODEL.length), fc.nat(MODEL.length), (a, b) => {
      const [start, end] = a <= b ? [a, b] : [b, a];
      assert.deepEqual(commentsIn(MODEL, start, end), wholeComments(MODEL, start, end));
    }), { numRuns: 400 });
  });

  it('parses the unit around an offset, its ranges those of the whole file', () => {
    const offset = MODEL.indexOf('kind: frontend');
    const around = parseAround(MODEL, offset);
    const whole = parseYaml(MODEL);
    const web = (doc: ReturnType<typeof parseYaml>) => (doc.getIn(['services', 'web'], true) ?? doc.getIn(['web'], true)) as { range: number[] };
    assert.deepEqual(web(around).range, web(whole).range);
    assert.equal(around.toString().includes('cards'), false, 'only the unit of web is parsed');
  });
});
