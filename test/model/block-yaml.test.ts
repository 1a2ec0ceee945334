// The block reader (server/src/model/block-yaml.ts) against the `yaml` library: on every text it
// reads, the same nodes with the same values, styles and ranges; every other text, and every text
// with an error, is left to the library.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { parseBlockYaml } from '../../server/src/model/block-yaml.js';
import { createParseCache, readModelFile, segment } from '../../server/src/model/units.js';
import { generateDenseModel, generateModel } from '../../bench/generate.js';
import { applyMutation, mutations } from '../robustness/mutations.js';
import { compare, differ, YAML_OPTIONS } from './block-yaml-compare.js';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** A text and each unit of it (what the editor and `moat check` read), as texts of their own. */
function withUnits(text: string): string[] {
  return [text, ...(segment(text) ?? []).map((u) => text.slice(u.start, u.end))];
}

function assertSameOrLeft(text: string, what: string): 'fallback' | 'same' {
  const result = compare(text);
  assert.ok(result === 'same' || result === 'fallback', `${what}: ${result}\n---\n${text.slice(0, 800)}`);
  return result;
}

describe('the block reader reads as the yaml library does', () => {
  it('every sample and fixture, whole and unit by unit; the samples are read by the block reader', () => {
    let read = 0;
    for (const file of [...yamlFiles(path.join(ROOT, 'samples')), ...yamlFiles(path.join(ROOT, 'test', 'fixtures'))]) {
      for (const text of withUnits(fs.readFileSync(file, 'utf8'))) if (assertSameOrLeft(text, file) === 'same') read++;
    }
    assert.ok(read > 400, `only ${read} texts read by the block reader`);
    assert.equal(compare(fs.readFileSync(path.join(ROOT, 'samples', 'web-shop.moat.yaml'), 'utf8')), 'same');
  });

  it('the deployment files of the corpus (other people\'s YAML)', (t) => {
    if (!fs.existsSync(CORPUS)) {
      t.skip(`../shared/corpus is absent (${CORPUS}): other people's files are read in place, not copied`);
      return;
    }
    for (const file of yamlFiles(CORPUS)) for (const text of withUnits(fs.readFileSync(file, 'utf8'))) assertSameOrLeft(text, file);
  });

  it('generated models, plain and dense, are read whole and unit by unit', () => {
    for (const text of [generateModel(60, { seed: 7 }), generateDenseModel(40)]) {
      for (const part of withUnits(text)) assert.equal(compare(part), 'same');
    }
  });

  it('random damage to a realistic model: never a different tree, and a text with an error is always left', { timeout: 120_000 }, () => {
    const base = fs.readFileSync(path.join(ROOT, 'samples', 'saas-platform.moat.yaml'), 'utf8').replace(/&\w+|\*\w+|<<: \*\w+,?/g, '');
    fc.assert(fc.property(mutations, (ms) => {
      const text = ms.reduce(applyMutation, base);
      for (const part of withUnits(text)) assertSameOrLeft(part, JSON.stringify(ms));
    }), { numRuns: 400 });
  });

  it('generated block YAML: keys, lists, scalars of every style, flow collections, comments at every indent', { timeout: 120_000 }, () => {
    let read = 0;
    fc.assert(fc.property(fc.oneof(blockTexts(TAME), blockTexts(WILD)), (text) => {
      if (assertSameOrLeft(text, 'generated') === 'same') read++;
    }), { numRuns: 3000 });
    // The comparison means something only if the block reader reads a good share of them.
    assert.ok(read > 150, `the block reader read ${read} of 3000`);
  });

  it('reads a part of a text in place: the ranges are the whole text\'s', () => {
    const text = 'moat: 1\nservices:\n  api:\n    kind: service   # the API\n    calls: [ { to: db } ]\n  db: { kind: database }\n';
    const units = segment(text)!;
    const api = units.find((u) => text.slice(u.start, u.end).startsWith('  api'))!;
    const inPlace = parseBlockYaml(text, api.start, api.end);
    const alone = parseDocument(text.slice(api.start, api.end), YAML_OPTIONS).contents;
    const shift = (n: unknown): unknown => {
      if (isScalar(n)) return { v: n.value, r: n.range!.map((x) => x + api.start) };
      if (isMap(n)) return { r: n.range!.map((x) => x + api.start), items: n.items.map((p) => [shift(p.key), shift(p.value)]) };
      if (isSeq(n)) return { r: n.range!.map((x) => x + api.start), items: n.items.map(shift) };
      return n;
    };
    const plain = (n: unknown): unknown => {
      if (isScalar(n)) return { v: n.value, r: n.range };
      if (isMap(n)) return { r: n.range, items: n.items.map((p) => [plain(p.key), plain(p.value)]) };
      if (isSeq(n)) return { r: n.range, items: n.items.map(plain) };
      return n;
    };
    assert.deepEqual(plain(inPlace), shift(alone));
    assert.equal(text.slice((inPlace as { range: number[] }).range[0], (inPlace as { range: number[] }).range[0] + 3), 'api');
  });

  it('a unit nested too deeply is refused when read once, as the editor\'s cached read refuses it', () => {
    let text = 'moat: 1\nname: x\nservices:\n  a:\n    kind: service\n    runtime:\n';
    for (let i = 0, indent = 6; i < 450; i++, indent++) text += `${' '.repeat(indent)}k${i}:\n`;
    const messages = (m: ReturnType<typeof readModelFile>) => m.problems.map((p) => p.message);
    const once = messages(readModelFile('/x.moat.yaml', text));
    assert.deepEqual(once, messages(readModelFile('/x.moat.yaml', text, createParseCache())));
    assert.ok(once.some((m) => m.startsWith('The file is nested more than 100 levels deep')), once.join('\n'));
  });

  it('leaves to the yaml library what it does not read', () => {
    for (const text of [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: b\n  c\n', 'a:\n\tb: 1\n', 'a: 1\r\nb: 2\r\n',
      '---\na: 1\n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n', '? a\n: b\n', 'a: "x\n  y"\n', 'a: [1,\n  2]\n', 'a: "\\x41"\n',
      '<<: {a: 1}\n', 'a: b: c\n', 'a:\n  b: 1\n c: 2\n', '- - a\n', '', '# only a comment\n',
    ]) assert.equal(parseBlockYaml(text), undefined, JSON.stringify(text));
  });

  it('values as YAML 1.2\'s core schema reads them, styles and the empty value', () => {
    const root = parseBlockYaml('a: 1\nb: 0x1f\nc: 1.5\nd: true\ne: ~\nf: null\ng:\nh: "1"\ni: \'it\'\'s\'\nj: .inf\nk: 1e3\nl: text\n');
    const full = parseDocument('a: 1\nb: 0x1f\nc: 1.5\nd: true\ne: ~\nf: null\ng:\nh: "1"\ni: \'it\'\'s\'\nj: .inf\nk: 1e3\nl: text\n', YAML_OPTIONS).contents;
    assert.equal(differ(root, full), undefined);
    assert.ok(isMap(root));
    assert.deepEqual(root.items.map((p) => (p.value as { value: unknown }).value), [1, 31, 1.5, true, null, null, null, '1', "it's", Infinity, 1000, 'text']);
  });
});

// ---- generated block YAML ---------------------------------------------------------------

/** Words of every kind YAML reads differently; the tame ones are what models are made of. */
const TAME = ['api', 'db', 'kind', 'to', 'a-b', 'x.y', 'k_1', 'http://h:8080/p', 'a:b', 'a#b', '1', '2.5', 'true', 'null', '~', '0x1F', 'é', '-x', 'a b'];
const WILD = [...TAME, '?y', ':z', '0o17', '.nan', '-.inf', '1e5', 'NO', 'yes', '2026-01-01', '@at', '%p', '*', '&', '!', '|', '>', ''];

interface Block { lines: string[] }

function blockTexts(words: string[]): fc.Arbitrary<string> {
  const word = fc.constantFrom(...words);
  const scalar = fc.oneof(
    word,
    word.map((w) => `"${w}"`),
    word.map((w) => `'${w.replace(/'/g, "''")}'`),
    fc.constantFrom('"a \\" b"', '"tab\\there"', '"\\u00e9"', "'it''s'", '"a # b"', "'a: b'", 'a b  c', 'a #b', 'a # comment'),
  );
  const flow = fc.letrec<{ flow: string }>((tie) => ({
    flow: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('[]', '{}', '[a,b]', '[ a , b , ]', '{a: 1}', '{ a: [x, y] }'),
      fc.array(fc.oneof(scalar, tie('flow')), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
      fc.array(fc.tuple(word, fc.oneof(scalar, tie('flow'))), { maxLength: 3 }).map((ps) => `{ ${ps.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    ),
  })).flow;
  const comment = fc.constantFrom('', '', '', '  # note', ' #x', '#x');
  const gap = fc.array(fc.tuple(fc.constantFrom(-1, 0, 2, 4, 1), fc.constantFrom('# c', '', '#')), { maxLength: 2 });
  const value = (tie: (k: string) => fc.Arbitrary<unknown>) =>
    fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, flow, fc.constant(''), tie('node') as fc.Arbitrary<Block>);
  const block = fc.letrec<{ node: Block; map: Block; seq: Block }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('map'), tie('seq')),
    map: fc.array(fc.tuple(word, value(tie), comment, fc.constantFrom(2, 2, 4, 1), gap), { minLength: 1, maxLength: 4 })
      .map((entries) => ({ lines: entries.flatMap(([k, v, c, step, g]) => entry(`${k}:`, v, c, step, g)) })),
    seq: fc.array(fc.tuple(value(tie), comment, fc.constantFrom(2, 2, 0), gap), { minLength: 1, maxLength: 4 })
      .map((items) => ({ lines: items.flatMap(([v, c, step, g]) => entry('-', v, c, step, g, true)) })),
  })).node;
  return fc.tuple(block, fc.integer({ min: 0, max: 4 }), fc.constantFrom('\n', '', '\n\n', '\n# end\n', '\n  # end\n'))
    .map(([b, indent, tail]) => b.lines.map((l) => ' '.repeat(indent) + l).join('\n') + tail);
}

/** One entry: its head (`key:` or `-`) with an inline value, or the block below indented by `step`. */
function entry(head: string, value: string | Block, note: string, step: number, gaps: [number, string][], item = false): string[] {
  const before = gaps.map(([indent, text]) => (indent >= 0 ? ' '.repeat(indent) + text : ''));
  if (typeof value === 'string') return [...before, `${head}${value === '' ? '' : ` ${value}`}${note}`];
  // A list item's mapping may start on the item's line.
  if (item && step === 2 && value.lines.length > 0 && !value.lines[0].startsWith(' ') && !value.lines[0].startsWith('#')) {
    const [first, ...rest] = value.lines;
    return [...before, `- ${first}`, ...rest.map((l) => `  ${l}`)];
  }
  return [...before, `${head}${note}`, ...value.lines.map((l) => ' '.repeat(step) + l)];
}
