// A file that does not parse: its syntax errors in plain words, on the line to change, and the
// findings a half-read model would make false held back, with how many.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';

/** The first finding, as the line it is on, the text it covers, and its message. */
function first(text: string) {
  const f = analyzeYaml(text).findings[0];
  return { rule: f.rule, line: text.slice(0, f.range.start).split('\n').length, text: text.slice(f.range.start, f.range.end), message: f.message };
}

const MODEL = yaml`
  moat: 1
  name: test
  controls:
    sbom: true
    central-logging: true
  boundaries:
    cluster: { trust: internal }
  services:
    web:
      kind: frontend
      boundary: cluster
      calls:
        - { to: api, protocol: https, auth: oidc }
    api:
      kind: service
      boundary: cluster
      controls: { rate-limit: 100/min }
      calls:
        - { to: api-db, protocol: postgres, tls: tls, auth: password }
    api-db:
      kind: database
      boundary: cluster
`;

function broken(from: string, to: string): string {
  assert.ok(MODEL.includes(from), from);
  return MODEL.replace(from, to);
}

describe('syntax errors in plain words', () => {
  it('a tab used as indentation, at the tab', () => {
    const text = broken('    boundary: cluster\n    controls', '\tboundary: cluster\n    controls');
    assert.deepEqual(first(text), {
      rule: 'model/syntax', line: 16, text: '\t',
      message: 'This line is indented with a tab; YAML indents with spaces only. Replace the tab with spaces, in line with the keys it belongs with. ' +
        '(8 other findings are held back until the file parses: with part of the model unread, they could be false.)',
    });
  });

  it('a key indented less than its siblings names them and what it lines up with', () => {
    const text = broken('    boundary: cluster\n    controls', '   boundary: cluster\n    controls');
    const f = first(text);
    assert.deepEqual([f.rule, f.line, f.text], ['model/syntax', 16, 'boundary']);
    assert.match(f.message, /^`boundary` is indented 3 spaces, out of line with `kind` above it \(4 spaces\): indent it 4 spaces to go with `kind`, or 2 spaces to go with `api`\./);
  });

  it('a key indented more than its siblings is reported on its own line, not the one above', () => {
    const text = broken('    boundary: cluster\n    controls', '      boundary: cluster\n    controls');
    const f = first(text);
    assert.deepEqual([f.rule, f.line, f.text], ['model/syntax', 16, 'boundary']);
    assert.match(f.message, /^`boundary` is indented 6 spaces, more than `kind` above it \(4 spaces\), so YAML reads it as part of `kind`'s value: indent it 4 spaces to line up with `kind`\./);
  });

  it('a key of a service written in line with the services is an indentation mistake, not a service', () => {
    const text = MODEL.replace(/    boundary: cluster\n$/, '  boundary: cluster\n');
    const found = analyzeYaml(text).findings;
    const f = first(text);
    assert.deepEqual([f.rule, f.line, f.text], ['model/syntax', 22, 'boundary']);
    assert.match(f.message, /^`boundary:` lines up with the services of `services`, so YAML reads it as one named `boundary`: indent it in line with the keys of the service it belongs to\./);
    assert.ok(!found.some((x) => x.target === 'boundary' && x.rule !== 'model/syntax'), 'no finding about a service named boundary');
  });

  it('a missing `:` after a key', () => {
    const text = broken('    kind: database', '    kind database');
    const f = first(text);
    assert.deepEqual([f.rule, f.line, f.text], ['model/syntax', 21, 'kind database']);
    assert.match(f.message, /^`kind database` needs a `:` after the key: write `kind: database`\./);
  });

  it('a key alone on its line', () => {
    const text = MODEL + '    owner\n';
    const f = analyzeYaml(text).findings.find((x) => x.rule === 'model/syntax')!;
    assert.equal(text.slice(f.range.start, f.range.end), 'owner');
    assert.match(f.message, /^`owner` needs a `:` after it and a value, such as `owner: …`\./);
  });

  it('an unclosed bracket is reported where it opened', () => {
    const text = broken('{ rate-limit: 100/min }', '{ rate-limit: 100/min');
    const f = first(text);
    assert.deepEqual([f.rule, f.line, f.text], ['model/syntax', 17, '{']);
    assert.match(f.message, /^This `\{` after `controls:` is never closed: end the mapping with `\}` on this line, or write it as indented lines\./);
  });

  it('an unclosed list bracket at the end of the file', () => {
    const text = MODEL + '    stores: [a, b\n';
    const f = analyzeYaml(text).findings.find((x) => x.rule === 'model/syntax')!;
    assert.equal(text.slice(0, f.range.start).split('\n').length, 23);
    assert.equal(text.slice(f.range.start, f.range.end), '[');
    assert.match(f.message, /^This `\[` after `stores:` is never closed: end the list with `\]`/);
  });

  it('an unclosed quote is reported where it opened', () => {
    const text = 'moat: 1\ndescription: "a shop\nname: x\n';
    assert.deepEqual(first(text), {
      rule: 'model/syntax', line: 2, text: '"',
      message: 'This `"` after `description:` is never closed, so the text runs on to the end of the file: add the closing `"`. ' +
        '(5 other findings are held back until the file parses: with part of the model unread, they could be false.)',
    });
  });

  it('a value holding `: ` says to quote it', () => {
    const text = 'moat: 1\nname: shop: v2\n';
    assert.deepEqual(first(text), {
      rule: 'model/syntax', line: 2, text: 'shop: v2',
      message: '`shop: v2` holds a `: `, so YAML reads a mapping inside the value of `name`: put the value in quotes (`name: "shop: v2"`). ' +
        '(7 other findings are held back until the file parses: with part of the model unread, they could be false.)',
    });
  });

  it('only the first error of a broken stretch: the parser\'s later guesses are not reported', () => {
    const text = broken('    boundary: cluster\n    controls', '\tboundary: cluster\n    controls');
    assert.equal(analyzeYaml(text).findings.filter((f) => f.rule === 'model/syntax').length, 1);
  });

  it('mistakes in two separate entries are both reported', () => {
    const text = broken('    kind: database', '    kind database').replace('    kind: frontend', '    kind frontend');
    const lines = analyzeYaml(text).findings.filter((f) => f.rule === 'model/syntax').map((f) => text.slice(0, f.range.start).split('\n').length);
    assert.deepEqual(lines, [10, 21]);
  });
});

describe('findings held back while a file does not parse', () => {
  it('system-level, completeness and reference findings are held back and counted; the others stand', () => {
    const text = broken('    boundary: cluster\n    controls', '\tboundary: cluster\n    controls');
    const analysis = analyzeYaml(text);
    assert.equal(analysis.findings[0].rule, 'model/syntax');
    // The tab cut `api` short: its boundary and controls were not read, so what is said about
    // `api` and the flow to it would be guesses; so would the system-wide findings.
    assert.deepEqual(analysis.heldBack.map((f) => [f.rule, f.target]), [
      ['missing-identity-provider', 'system'],
      ['missing-incident-response', 'system'],
      ['missing-security-testing', 'system'],
      ['unsigned-commits', 'system'],
      ['missing-dependency-scanning', 'web'],
      ['missing-dependency-scanning', 'api'],
      ['model/missing-boundary', analysis.heldBack[6].target],
      ['model/unknown-key', analysis.heldBack[7].target],
    ]);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['model/syntax']);
    assert.ok(!analysis.findings.some((f) => f.rule === 'missing-sbom'), 'sbom is in the file');
  });

  it('syntax errors come first, before findings on earlier lines', () => {
    const text = MODEL.replace('auth: oidc', 'auth: none') + '    owner\n';
    const found = analyzeYaml(text).findings.map((f) => [f.rule, text.slice(0, f.range.start).split('\n').length]);
    assert.deepEqual(found.slice(0, 2), [['model/syntax', 23], ['unauthenticated-flow', 13]]);
  });

  it('a model that parses holds nothing back', () => {
    const analysis = analyzeYaml(MODEL);
    assert.deepEqual(analysis.heldBack, []);
    assert.ok(analysis.findings.some((f) => f.rule === 'missing-security-testing'));
  });
});
