// `-o FILE` and `--write-baseline FILE` where the file cannot be written: one line that says why
// in words, exit 2, and never a hang (Node's recursive mkdir loops forever under /proc).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { moat, scratch } from './run.js';

const BOUND = { timeout: 60_000 };

describe('moat: outputs that cannot be written', () => {
  it('-o under /proc: one line, exit 2, at once', BOUND, (t) => {
    if (!fs.existsSync('/proc/self')) return t.skip('no /proc on this system');
    for (const args of [['check', 'shop', '-o', '/proc/x/y'], ['diagram', 'shop', '-o', '/proc/x/y'], ['report', 'shop', '-o', '/proc/x/y']]) {
      const run = moat(args, { timeout: 20_000 });
      assert.equal(run.code, 2, `${args.join(' ')}: exits 2 (null: it hung): ${run.stderr}`);
      assert.equal(run.stderr, 'moat: cannot write /proc/x/y: cannot create the folder /proc/x: that folder cannot hold files\n');
      assert.equal(run.stdout, '');
    }
  });

  it('a path through a file, a folder, and a read-only folder: the reason in words, not an error code', BOUND, () => {
    const dir = scratch('shop');
    fs.writeFileSync(path.join(dir, 'plain'), 'x');
    fs.mkdirSync(path.join(dir, 'out'));
    const cases: [string, string][] = [
      ['plain/report.json', `moat: cannot write plain/report.json: ${path.join(dir, 'plain')} is a file, not a folder\n`],
      ['out', 'moat: cannot write out: it is a folder\n'],
    ];
    if (process.getuid?.() !== 0) {
      fs.mkdirSync(path.join(dir, 'locked'), { mode: 0o555 });
      cases.push(['locked/r.json', 'moat: cannot write locked/r.json: permission denied\n']);
    }
    for (const [output, stderr] of cases) {
      const run = moat(['check', 'shop', '-f', 'json', '-o', output], { cwd: dir, timeout: 20_000 });
      assert.equal(run.code, 2, output);
      assert.equal(run.stderr, stderr);
    }
    const baseline = moat(['check', 'shop', '--write-baseline', 'plain/b.json'], { cwd: dir, timeout: 20_000 });
    assert.equal(baseline.code, 2);
    assert.equal(baseline.stderr, `moat: cannot write the baseline plain/b.json: ${path.join(dir, 'plain')} is a file, not a folder\n`);
  });

  it('still makes the missing folders of a writable path', BOUND, () => {
    const dir = scratch('shop');
    const run = moat(['check', 'shop', '-f', 'json', '-o', 'a/b/c/report.json'], { cwd: dir, timeout: 20_000 });
    assert.notEqual(run.code, 2, run.stderr);
    assert.ok(JSON.parse(fs.readFileSync(path.join(dir, 'a/b/c/report.json'), 'utf8')));
  });
});
