// The extension (dist/client/extension.js) carries no engine: the diagram panel asks the language
// server for the diagram. Bundled here as esbuild.mjs bundles it, the inputs from server/src are
// only the shared message types, the page template and the model file names.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
/** What the client may take from server/src: no rule, no reader, no analysis. */
const SHARED = ['server/src/service/protocol.ts', 'server/src/render/page.ts', 'server/src/model/file-names.ts'];

async function clientInputs(entry: string): Promise<{ inputs: string[]; text: string }> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, entry)], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'],
    write: false, metafile: true, logLevel: 'silent', absWorkingDir: ROOT,
  });
  return { inputs: Object.keys(result.metafile.inputs), text: result.outputFiles[0].text };
}

describe('the extension bundle', () => {
  it('holds no module of the engine, only what client and server share', async () => {
    const { inputs, text } = await clientInputs('client/src/extension.ts');
    const fromServer = inputs.filter((f) => f.startsWith('server/src/'));
    assert.deepEqual(fromServer.filter((f) => !SHARED.includes(f)), []);
    assert.ok(fromServer.includes('server/src/service/protocol.ts'), 'the shared messages are bundled');
    // Nor the yaml parser, nor a rule: no rule id appears in the bundle.
    assert.deepEqual(inputs.filter((f) => f.includes('node_modules/yaml/')), []);
    assert.doesNotMatch(text, /unencrypted-flow|hardcoded-secret/);
  });

  it('would see the engine if the client imported it (the check itself works)', async () => {
    const { inputs } = await clientInputs('server/src/engine.ts');
    assert.ok(inputs.some((f) => f.startsWith('server/src/rules/')));
  });
});
