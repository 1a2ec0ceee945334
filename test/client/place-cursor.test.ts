// `moat.placeCursor`, the command "Accept …" carries: once the edit is applied, the editor of the
// document shows with the cursor (an empty selection) where the server said, and nothing else.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { FakeEditor } from './fake-editor.js';

const ROOT = path.resolve(__dirname, '../..');

async function load(): Promise<{ commands: Map<string, (...args: unknown[]) => unknown>; editors: FakeEditor[] }> {
  const out = path.join(ROOT, 'test-output', 'client', 'place-cursor.cjs');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'client/src/place-cursor.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent',
    plugins: [{ name: 'fake-vscode', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: path.join(ROOT, 'test/client/fake-editor.ts') })) }],
  });
  delete require.cache[out];
  const mod = require(out) as { registerPlaceCursor(context: unknown): void; PLACE_CURSOR: string };
  const context = { subscriptions: [] as unknown[] };
  mod.registerPlaceCursor(context);
  assert.equal(mod.PLACE_CURSOR, 'moat.placeCursor');
  assert.equal(context.subscriptions.length, 1);
  return (globalThis as unknown as { __editor: { commands: Map<string, (...args: unknown[]) => unknown>; editors: FakeEditor[] } }).__editor;
}

describe('moat.placeCursor (client)', () => {
  it('shows the document with the cursor at the position given, revealed; ignores malformed arguments', async () => {
    const fake = await load();
    const place = fake.commands.get('moat.placeCursor')!;
    const uri = 'file:///work/shop.moat.yaml';
    await place(uri, { start: { line: 20, character: 13 }, end: { line: 20, character: 13 } });
    assert.equal(fake.editors.length, 1);
    const [editor] = fake.editors;
    assert.equal(editor.uri, uri);
    assert.deepEqual([editor.selection?.start, editor.selection?.end].map((p) => [p?.line, p?.character]), [[20, 13], [20, 13]]);
    assert.deepEqual([editor.revealed?.start.line, editor.revealed?.end.character], [20, 13]);
    for (const bad of [[42, { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }], [uri, undefined], [uri, { start: { line: 1 }, end: { line: 1, character: 1 } }], [uri, { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }]]) {
      await place(...bad);
    }
    assert.equal(fake.editors.length, 1, 'no editor shown for malformed arguments');
  });
});
