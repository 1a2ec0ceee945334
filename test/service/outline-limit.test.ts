// The outline within moat.outline.maxSymbols: whole when it fits, else without the calls under
// services, else each section with its first entries, a share of the room in proportion to its
// size; a note first says what was left out.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols, limitSymbols, placeSymbol, symbolOrigin } from '../../server/src/service/symbols.js';
import type { ModelSymbol } from '../../server/src/service/symbols.js';
import { yaml } from '../helpers.js';

const MODEL = yaml`
  moat: 1
  name: shop
  data:
    orders: { classification: confidential }
  services:
    web:
      kind: service
      calls:
        - { to: api, protocol: https }
        - { to: cdn, protocol: https }
    api:
      kind: service
      calls: [{ to: db }]
    db: { kind: database }
`;

const count = (symbols: readonly ModelSymbol[]): number => symbols.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
const shape = (symbols: readonly ModelSymbol[]): unknown[] => symbols.map((s) => (s.children ? [s.name, shape(s.children)] : s.name));

describe('the outline within a number of symbols', () => {
  const all = documentSymbols(MODEL);

  it('is the whole outline, the same array, when it fits', () => {
    assert.equal(count(all), 11);
    assert.equal(limitSymbols(all, 11), all);
    assert.equal(limitSymbols(all, 5000), all);
  });

  it('leaves out the calls first, every element still listed, and says how many first', () => {
    const out = limitSymbols(all, 10);
    assert.deepEqual(shape(out), ['3 calls not listed', 'moat', 'name', ['data', ['orders']], ['services', ['web', 'api', 'db']]]);
    assert.equal(out[0].kind, 'note');
    assert.equal(out[0].detail, 'more than moat.outline.maxSymbols (10)');
    // At the top of the file, where the first key is, and empty.
    assert.deepEqual([out[0].start, out[0].end, out[0].selectionStart, out[0].selectionEnd], [0, 0, 0, 0]);
    assert.ok(count(out) <= 10);
    // The elements are as they were, but for their calls.
    const web = out.at(-1)!.children![0];
    // (It also carries the element it was made from, under a symbol key: symbolOrigin, below.)
    const { children: _, ...fields } = all.at(-1)!.children![0];
    assert.equal(web.children, undefined);
    assert.deepEqual(Object.entries(web).filter(([k]) => k !== 'children'), Object.entries(fields));
  });

  it('keeps every section\'s first entries, a share each, when the elements alone are too many, within the limit note included', () => {
    const out = limitSymbols(all, 6);
    assert.deepEqual(shape(out), ['6 symbols not listed', 'moat', 'name', ['data', ['orders']], 'services']);
    assert.equal(count(out), 6);
    assert.deepEqual(shape(limitSymbols(all, 1)), ['11 symbols not listed']);
    assert.deepEqual(shape(limitSymbols(all, 4)), ['8 symbols not listed', 'moat', 'name', 'data']);
  });

  it('does not let a large section written first push the next out', () => {
    const entries = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `  ${prefix}${i}: {}\n`).join('');
    const big = documentSymbols(`moat: 1\nname: x\ndata:\n${entries('d', 10)}services:\n${entries('s', 10)}`);
    const out = limitSymbols(big, 13);
    assert.deepEqual(shape(out), ['12 symbols not listed', 'moat', 'name', ['data', ['d0', 'd1', 'd2', 'd3']], ['services', ['s0', 's1', 's2', 's3']]]);
    assert.equal(count(out), 13);
    // What the shares leave over goes to the first sections.
    assert.deepEqual(shape(limitSymbols(big, 12)).slice(3), [['data', ['d0', 'd1', 'd2', 'd3']], ['services', ['s0', 's1', 's2']]]);
  });

  it('keeps a small section whole, and shares the rest of the room between the large ones', () => {
    const entries = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `  ${prefix}${i}: {}\n`).join('');
    const model = documentSymbols(`moat: 1\nname: x\nboundaries:\n${entries('b', 3)}data:\n${entries('d', 10)}services:\n${entries('s', 10)}`);
    const out = limitSymbols(model, 16);
    assert.deepEqual(shape(out).slice(3), [['boundaries', ['b0', 'b1', 'b2']], ['data', ['d0', 'd1', 'd2', 'd3']], ['services', ['s0', 's1', 's2']]]);
    assert.equal(count(out), 16);
    assert.equal(out[0].name, '13 symbols not listed');
  });

  it('makes an element without its calls from the element (symbolOrigin), so that an edge keeps what it made of it', () => {
    const web = all.at(-1)!.children![0];
    const bare = limitSymbols(all, 10).at(-1)!.children![0];
    assert.notEqual(bare, web);
    assert.equal(bare.children, undefined);
    assert.equal(symbolOrigin(bare), web);
    assert.equal(symbolOrigin(placeSymbol(bare, 7)), web);
    assert.deepEqual([placeSymbol(bare, 7).start, placeSymbol(bare, 7).selectionEnd], [bare.start + 7, bare.selectionEnd + 7]);
  });

  it('writes large counts with separators', () => {
    const many = documentSymbols(`moat: 1\nservices:\n${Array.from({ length: 1200 }, (_, i) => `  s${i}:\n    calls: [{ to: s${i + 1} }]\n`).join('')}`);
    assert.equal(limitSymbols(many, 2000)[0].name, '1,200 calls not listed');
    assert.equal(limitSymbols(many, 2000)[0].detail, 'more than moat.outline.maxSymbols (2,000)');
  });
});
