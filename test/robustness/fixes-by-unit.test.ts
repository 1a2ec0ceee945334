// The fix of one finding parses only the unit of the file that holds the element (model/units.ts),
// an "Accept…" entry or a system control only the `accept:` or `controls:` unit, or the last
// section's header and last entry, and the removal of an entry (or of what is in it) its
// section's key and its unit; not the whole file. Their edits must be exactly those computed from the whole file's parse: here the
// same text is analysed twice, and in the second analysis "fix all" has parsed the whole file
// before any fix is asked for.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyzeYaml } from '../helpers.js';
import { generateDenseModel, generateModel } from '../../bench/generate.js';
import { acceptFix, fixAllOf, fixesFor } from '../../server/src/fix/fixes.js';
import type { Fix } from '../../server/src/fix/fixes.js';
import { segment } from '../../server/src/model/units.js';

const HANDWRITTEN = [
  '# A model written by hand, with what a unit boundary can cut through.',
  'moat: 1',
  'name: Shop',
  '',
  'services:',
  '  # the edge',
  '  web:',
  '    kind: frontend',
  '    calls:',
  '      - to: api',
  '        protocol: http   # plain, on purpose',
  '        auth: none',
  '    # a note at the end of web, less indented than its keys',
  '  api: { kind: service, image: reg/api:latest, calls: [{ to: db, protocol: postgres }] }',
  '',
  '  db:',
  '    kind: database',
  '    technology: postgres',
  '    exposure: internet',
  '    config:',
  '    env:',
  '      DB_PASSWORD: "hunter2hunter2-secret"',
  '# a comment between sections',
  'data:',
  '  cards:',
  '    classification: restricted',
  '    stores: [db]',
].join('\n');

const MODELS: [string, string][] = [
  ['a hand-written model (comments at unit edges, flow and block styles, no final newline)', HANDWRITTEN],
  ['the same with CRLF line ends', HANDWRITTEN.replace(/\n/g, '\r\n')],
  ['the same ending in a comment', `${HANDWRITTEN}\n    # the end, indented\n# and at the margin\n\n`],
  ['the same with an `accept:` section before `services:`', HANDWRITTEN.replace('services:\n', [
    'accept:',
    '  - rule: no-secrets-in-config',
    '    target: db',
    '    reason: a test value',
    'services:',
    '',
  ].join('\n'))],
  ['the same with an empty `accept:` last', `${HANDWRITTEN}\naccept:\n`],
  ['the same with top-level `controls:` before `services:` and a stale acceptance last', `${HANDWRITTEN.replace('services:\n', 'controls:\n  waf: true   # at the edge\nservices:\n')}\naccept:\n  - { rule: missing-waf, target: nowhere, reason: gone }\n`],
  ['the same with unused boundaries, an unused data asset and a grant nobody uses (fixes that remove from a section)', [
    HANDWRITTEN.replace('    kind: frontend\n', '    kind: frontend\n    roles: [reader]\n'),
    'boundaries:',
    '  dmz: { trust: dmz }',
    '  spare:   # never used',
    '    trust: internal',
    'roles:',
    '  reader:',
    '    grants:',
    '      api: [read]',
    '      db: [read]   # nobody calls it',
    '',
  ].join('\n')],
  ['the same after `---`, which does not split into units (the whole file is parsed)', `---\n${HANDWRITTEN}`],
  ['a generated dense model of 40 services', generateDenseModel(40)],
  ['a generated model of 40 services', generateModel(40, { seed: 7 })],
  ...['web-shop', 'saas-platform'].map((name): [string, string] => [
    `samples/${name}.moat.yaml`, fs.readFileSync(`samples/${name}.moat.yaml`, 'utf8'),
  ]),
];

const shape = (fixes: Fix[]) => fixes.map((f) => ({ title: f.title, safe: f.safe, preferred: f.preferred, edits: f.edits }));

describe('fixes computed from the unit that holds the element', () => {
  for (const [name, text] of MODELS) {
    it(`are those of the whole file's parse: ${name}`, () => {
      assert.equal(segment(text) !== undefined, !text.startsWith('---'), 'the text splits into units unless it starts a document');
      const byUnit = analyzeYaml(text);
      const whole = analyzeYaml(text);
      // "Fix all" parses each file of its findings whole, and the fixes asked for after read that parse.
      fixAllOf(whole, whole.findings);
      assert.equal(byUnit.findings.length, whole.findings.length);
      let withEdits = 0;
      byUnit.findings.forEach((finding, i) => {
        const got = shape(fixesFor(byUnit, finding));
        assert.deepEqual(got, shape(fixesFor(whole, whole.findings[i])), `${finding.rule} on ${finding.target}`);
        const accept = acceptFix(byUnit, finding, 'entry');
        assert.deepEqual(accept && shape([accept]), (() => { const w = acceptFix(whole, whole.findings[i], 'entry'); return w && shape([w]); })(), `accept ${finding.rule} on ${finding.target}`);
        if (got.length > 0) withEdits++;
      });
      assert.ok(withEdits >= 3, `only ${withEdits} findings with fixes`);
    });
  }
});
