// Hostile input: files built to exhaust a YAML tool (alias bombs, huge files, deep nesting,
// binary data, devices, self-inclusion). Each must end, quickly and cleanly, with a `model/…`
// finding or a one-line error: never a hang, an out-of-memory or a stack trace. The timeouts
// are generous; they tell a hang from a run, they do not measure speed.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel, checkText } from '../../server/src/engine.js';
import { MAX_FILE_BYTES } from '../../server/src/model/host.js';
import type { Analysis } from '../../server/src/analysis/analyze.js';
import { assertCleanExit, assertWellFormed, cliExists, runCli, tempDir } from './support.js';

const FILE = path.resolve('/virtual/hostile.moat.yaml');
const TODAY = '2026-11-25';
const HEADER = 'moat: 1\nname: hostile\n';

/** Billion laughs: nine levels of nine aliases, 9^9 strings if anything expands it. */
function aliasBomb(): string {
  let text = `${HEADER}boundaries:\n  b: &l0 { trust: internal, description: lol }\n`;
  text += 'services:\n';
  for (let i = 1; i <= 9; i++) text += `  s${i}: &l${i}\n    kind: service\n    boundary: b\n    env: [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
  return text + '  victim:\n    kind: service\n    boundary: *l9\n    calls: [*l9, *l9, *l9]\n    stores: [*l9, *l9]\n';
}

/** Merge keys that merge, nine times over, mappings that merge the level below: 9^depth merges if each is followed. */
function mergeBomb(depth: number): string {
  let text = `${HEADER}boundaries: { b: { trust: internal } }\nx-defaults:\n  m0: &m0 { kind: service, boundary: b }\n`;
  for (let i = 1; i <= depth; i++) text += `  m${i}: &m${i} { <<: [${Array(9).fill(`*m${i - 1}`).join(', ')}] }\n`;
  return `${text}services:\n  victim: { <<: *m${depth} }\n`;
}

const DEEP = 10_000;
const HOSTILE: { name: string; text: () => string; expect: RegExp }[] = [
  { name: 'an alias bomb (billion laughs)', text: aliasBomb, expect: /^model\// },
  { name: `${DEEP.toLocaleString('en')}-deep flow sequences`, text: () => `${HEADER}services: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`, expect: /^model\// },
  { name: `${DEEP.toLocaleString('en')}-deep flow mappings`, text: () => `${HEADER}services: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`, expect: /^model\// },
  { name: `${DEEP.toLocaleString('en')}-deep block sequences`, text: () => `${HEADER}services:\n  ${'- '.repeat(DEEP)}x\n`, expect: /^model\// },
  { name: '2,000-deep indented block mappings', text: () => `${HEADER}services:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:\n`).join('')}`, expect: /^model\// },
  { name: 'binary data', text: () => `moat: 1\n\u0000\u0001\u0002\u00ff${'\u0000garbage\u0007'.repeat(100)}`, expect: /^model\// },
  { name: 'an empty file', text: () => '', expect: /^model\/version$/ },
  { name: 'only comments and blank lines', text: () => '# nothing here\n\n   \n# still nothing\n', expect: /^model\/version$/ },
  { name: 'a stream of several documents', text: () => `${HEADER}---\n${HEADER}---\n- a\n...\n`, expect: /^model\/syntax$/ },
  { name: 'a scalar root', text: () => 'just a sentence', expect: /^model\/type$/ },
  { name: 'a list root', text: () => '- moat: 1\n- name: x\n', expect: /^model\/type$/ },
  { name: 'a null root with a tag', text: () => '!!null ""\n', expect: /^model\// },
  {
    name: 'keys of wrong types everywhere',
    text: () => `moat: 1\nname: [not, text]\n? [a, list]\n: as a key\n1: numeric\ntrue: boolean\n~: null key\n` +
      `boundaries:\n  ? { a: map }\n  : { trust: internal }\n  42: { trust: 7 }\n  b: [trust, internal]\n` +
      `data:\n  [x]: { classification: public }\n  d: { classification: { a: 1 }, pii: maybe }\n` +
      `roles:\n  r: { grants: [a, b] }\n  q: { grants: { "*": { read: true } } }\n` +
      `services:\n  true: { kind: service }\n  s:\n    kind: [service]\n    boundary: { b: 1 }\n    calls: { to: x }\n    stores: 5\n    roles: { a: b }\n` +
      `    controls: [waf]\n    runtime: [image]\n    secrets: [a]\n    env: 3\n  t:\n    kind: service\n    boundary: b\n    calls:\n      - 42\n      - [to, s]\n      - { to: [s], protocol: {a: 1}, port: "80", tls: 1, auth: [], access: 3, data: {}, async: maybe, controls: 1 }\n` +
      `controls: [a, b]\naccept: { rule: x }\n`,
    expect: /^model\/type$/,
  },
  { name: 'an unterminated flow mapping at the end of the file', text: () => `${HEADER}boundaries:\n  edge: { trust: dmz`, expect: /^model\/syntax$/ },
  { name: 'an unterminated quote at the end of the file', text: () => `${HEADER}description: "never closed`, expect: /^model\/syntax$/ },
  { name: 'a huge scalar (7 MB)', text: () => `${HEADER}description: ${'a'.repeat(7 * 1024 * 1024)}\n`, expect: /^(?!)/ },
  { name: 'a 100,000-entry flow list', text: () => `${HEADER}services: [${Array(100_000).fill('x').join(',')}]\n`, expect: /^model\/type$/ },
  { name: 'lone surrogates and right-to-left marks', text: () => `${HEADER}description: "\\ud800 \u202e evil"\nservices:\n  "\u202eabc": { kind: service }\n`, expect: /^model\/type$/ },
];

function rulesOf(a: Analysis): string[] {
  return [...new Set(a.findings.map((f) => f.rule))];
}

describe('hostile input, through the engine', () => {
  for (const h of HOSTILE) {
    it(`${h.name}: ends with well-formed findings`, { timeout: 60_000 }, () => {
      const text = h.text();
      const analysis = checkText(text, FILE, { today: TODAY });
      assertWellFormed(analysis, new Map([[FILE, text]]));
      const model = analysis.findings.filter((f) => f.rule.startsWith('model/'));
      if (h.expect.source !== '^(?!)') {
        assert.ok(model.some((f) => h.expect.test(f.rule)), `expected a finding matching ${h.expect}, got ${rulesOf(analysis).join(', ') || 'none'}`);
      }
      for (const f of model) {
        // The parser's own failures must reach the user as a reason, not as an internal error.
        assert.doesNotMatch(f.message, /call stack|RangeError|TypeError|undefined/, `${f.rule}: ${f.message}`);
        assert.ok(!f.message.includes('\n'), `${f.rule}: a message is one line: ${f.message}`);
      }
    });
  }

  it('a syntax error at the very end of the file points inside it (minimal: `x: [`)', () => {
    for (const text of ['x: [', 'x: {', 'x: "abc', "x: 'a"]) {
      const analysis = checkText(text, FILE, { today: TODAY });
      for (const f of analysis.findings) {
        assert.ok(f.range.end <= text.length, `${JSON.stringify(text)}: ${f.rule} range ${f.range.start}-${f.range.end} ends past the ${text.length} characters of the file`);
      }
    }
  });

  it(`a document over ${MAX_FILE_BYTES / 2 ** 20} MB held in memory (an editor buffer) is refused like a file on disk`, { timeout: 60_000 }, () => {
    const text = `${HEADER}description: ${'a'.repeat(50 * 1024 * 1024)}\n`;
    const analysis = checkText(text, FILE, { today: TODAY });
    assert.ok(analysis.findings.some((f) => f.rule.startsWith('model/') && /limit/.test(f.message)),
      `a 50 MB buffer was analysed: ${rulesOf(analysis).join(', ') || 'no findings'}`);
  });

  describe('files on disk', () => {
    const dir = tempDir();
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };

    it('a model including /dev/zero gets a model/include finding, and is not read', { timeout: 30_000 }, () => {
      const file = write('zero.moat.yaml', `${HEADER}include: [/dev/zero]\n`);
      const analysis = checkModel(file, { today: TODAY });
      const include = analysis.findings.find((f) => f.rule === 'model/include');
      assert.match(include?.message ?? '', /\/dev\/zero.*not a regular file/);
    });

    it('a model including itself gets an include cycle, named', () => {
      const file = write('self.moat.yaml', `${HEADER}include: [self.moat.yaml]\n`);
      const analysis = checkModel(file, { today: TODAY });
      assert.deepEqual(analysis.findings.filter((f) => f.rule === 'model/include').map((f) => f.message),
        ['Include cycle: self.moat.yaml → self.moat.yaml. Remove one of these includes.']);
    });

    it('a model including itself through a glob is read once', () => {
      const file = write('glob.moat.yaml', `${HEADER}include: ['*.moat.yaml']\nservices:\n  only: { kind: service, boundary: internet }\n`);
      const analysis = checkModel(file, { today: TODAY });
      assertWellFormed(analysis, new Map());
      assert.equal(analysis.findings.filter((f) => f.rule === 'model/duplicate-id' && f.message.includes('`only`')).length, 0);
    });

    it('a binary file is refused as binary', () => {
      const file = write('binary.moat.yaml', Buffer.from([0x6d, 0x6f, 0x61, 0x74, 0x3a, 0x20, 0x31, 0x0a, 0x00, 0xff, 0xfe, 0x00, 0x01]));
      const analysis = checkModel(file, { today: TODAY });
      assert.deepEqual(analysis.findings.map((f) => [f.rule, f.message]), [['model/syntax', 'Cannot read the model: it is a binary file, not YAML.']]);
    });

    it(`a file over ${MAX_FILE_BYTES / 2 ** 20} MB is refused before it is read`, () => {
      const file = write('big.moat.yaml', `${HEADER}description: ${'a'.repeat(MAX_FILE_BYTES)}\n`);
      const analysis = checkModel(file, { today: TODAY });
      assert.equal(analysis.findings.length, 1);
      assert.match(analysis.findings[0].message, /^Cannot read the model: it is 8 MB, over the 8 MB limit for a model file\.$/);
    });
  });
});

describe('hostile input, through the command line', { concurrency: 4, skip: cliExists ? false : 'server/src/cli/main.ts is not written yet' }, () => {
  const dir = tempDir();
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  /** The CLI ends cleanly and says, in a finding or in one line, what is wrong. */
  async function expectClearEnd(file: string, what: string, pattern: RegExp): Promise<void> {
    const run = await runCli(['check', file, '--format', 'json', '--no-color'], { timeoutMs: 60_000 });
    assertCleanExit(run, what);
    if (run.stdout.trim().startsWith('{')) {
      const report = JSON.parse(run.stdout) as { models: { findings: { rule: string; message: string }[] }[] };
      const findings = report.models.flatMap((m) => m.findings);
      assert.ok(findings.some((f) => f.rule.startsWith('model/') && pattern.test(`${f.rule} ${f.message}`)),
        `${what}: no model finding matching ${pattern}: ${findings.map((f) => `${f.rule} ${f.message}`).join(' | ').slice(0, 600)}`);
    } else {
      assert.equal(run.code, 2, `${what}: no report and exit ${run.code}`);
      assert.ok(run.stderr.trim().split('\n').length <= 2, `${what}: the error is not one line: ${run.stderr.slice(0, 600)}`);
      assert.match(run.stderr, pattern);
    }
  }

  const cases: { name: string; file: () => string; pattern: RegExp }[] = [
    { name: 'an alias bomb', file: () => write('bomb.moat.yaml', aliasBomb()), pattern: /model\// },
    { name: 'a 50 MB file', file: () => write('fifty.moat.yaml', `${HEADER}description: ${'a'.repeat(50 * 1024 * 1024)}\n`), pattern: /50 MB.*limit/ },
    { name: '10,000-deep flow nesting', file: () => write('deep-flow.moat.yaml', `${HEADER}services: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`), pattern: /model\/(syntax|type)/ },
    { name: '10,000-deep block nesting', file: () => write('deep-block.moat.yaml', `${HEADER}services:\n  ${'- '.repeat(DEEP)}x\n`), pattern: /model\/(syntax|type)/ },
    { name: 'a binary file', file: () => write('binary.moat.yaml', Buffer.from('moat: 1\n\0\0\xff binary')), pattern: /binary/ },
    { name: 'a model including /dev/zero', file: () => write('zero.moat.yaml', `${HEADER}include: [/dev/zero]\n`), pattern: /model\/include .*not a regular file/ },
    { name: 'a model including itself', file: () => write('itself.moat.yaml', `${HEADER}include: [itself.moat.yaml]\n`), pattern: /model\/include Include cycle/ },
    { name: 'an empty file', file: () => write('empty.moat.yaml', ''), pattern: /model\/version/ },
    { name: 'a stream of documents', file: () => write('stream.moat.yaml', `${HEADER}---\n${HEADER}`), pattern: /model\/syntax .*document/ },
    { name: 'a non-mapping root', file: () => write('list.moat.yaml', '- a\n- b\n'), pattern: /model\/type/ },
    { name: '/dev/zero as the model', file: () => '/dev/zero', pattern: /not a regular file/ },
    { name: 'a folder named like a model', file: () => { fs.mkdirSync(path.join(dir, 'folder.moat.yaml'), { recursive: true }); return path.join(dir, 'folder.moat.yaml', 'missing.moat.yaml'); }, pattern: /no such file|not found|does not exist|cannot/i },
  ];
  for (const c of cases) {
    it(`${c.name}: a clear finding or a one-line error`, { timeout: 90_000 }, async () => {
      await expectClearEnd(c.file(), c.name, c.pattern);
    });
  }

  it('merge keys nested eight deep, nine wide (a merge-key bomb of 0.5 KB) end', { timeout: 90_000 }, async () => {
    // Minimal: `<<: [*m, *m, …]` nine times per level, eight levels: 9^8 merges if each is followed anew.
    const file = write('merge-bomb.moat.yaml', mergeBomb(8));
    const run = await runCli(['check', file, '--format', 'json'], { timeoutMs: 20_000 });
    assertCleanExit(run, 'a merge-key bomb');
  });
});
