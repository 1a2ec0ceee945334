// A large file is read on two threads by the built CLI: the worker's half must read exactly as
// this thread would have read it, and a worker that fails must cost nothing but time.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateModel } from '../../bench/generate.js';
import { checkText, createParseCache, loadModel, overlayHost } from '../../server/src/engine.js';
import { PARALLEL_FROM_CHARS, readInParallel } from '../../server/src/model/parallel.js';
import { LineIndex } from '../../server/src/util/lines.js';
import { cliBundle, moat } from './run.js';

const FILE = path.resolve('/virtual/large.moat.yaml');
const TEXT = generateModel(2200);

function shape(text: string, cache?: ReturnType<typeof createParseCache>) {
  const model = loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
  return {
    services: [...model.services.values()].map((s) => [s.id, s.src.key, s.calls.map((f) => [f.target, f.src.key, f.src.props.get('protocol')?.value])]),
    data: [...model.data.keys()],
    problems: model.problems.map((p) => [p.rule, p.range, p.message]),
  };
}

describe('reading a large file on two threads', () => {
  it('the worker\'s half reads as this thread reads it', async () => {
    assert.ok(TEXT.length > PARALLEL_FROM_CHARS, `the model is ${TEXT.length} characters`);
    const cache = createParseCache();
    assert.equal(await readInParallel(cache, FILE, TEXT, cliBundle()), true);
    assert.deepEqual(shape(TEXT, cache), shape(TEXT));
  });

  it('a worker that fails leaves its units to the load', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-worker-'));
    const broken = path.join(dir, 'broken.js');
    fs.writeFileSync(broken, 'throw new Error("no parser here");\n');
    const cache = createParseCache();
    assert.equal(await readInParallel(cache, FILE, TEXT, broken), false);
    assert.deepEqual(shape(TEXT, cache), shape(TEXT));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a small file is not worth a thread', async () => {
    assert.equal(await readInParallel(createParseCache(), FILE, generateModel(100), cliBundle()), false);
  });

  it('`moat check` on a large model reports what the engine finds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-large-'));
    fs.writeFileSync(path.join(dir, 'large.moat.yaml'), TEXT);
    const run = moat(['check', 'large.moat.yaml', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    const reported = (JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { models: { findings: { rule: string; range: { start: { line: number } } }[] }[] }).models[0].findings;
    const expected = checkText(TEXT, path.join(dir, 'large.moat.yaml')).findings.filter((f) => !f.accepted);
    assert.equal(reported.length, expected.length);
    // Every finding where the engine puts it (json lines count from 1).
    const lines = new LineIndex(TEXT);
    assert.deepEqual(reported.map((f) => `${f.rule}@${f.range.start.line}`), expected.map((f) => `${f.rule}@${lines.position(f.range.start).line + 1}`));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
