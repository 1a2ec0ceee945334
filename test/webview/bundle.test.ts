// The page script's build (scripts/webview-build.mjs) swaps Mermaid's configuration copy for a
// faster one: it must find both copies (Mermaid's and the one @mermaid-js/layout-elk bundles)
// and make exactly the copy Mermaid's assignWithDepth makes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COPY_CONFIG_SOURCE, patchConfigCopy } from '../../scripts/webview-build.mjs';
import { mermaidConfig } from '../../server/src/render/config.js';

const CHUNKS = ['node_modules/mermaid/dist/chunks/mermaid.core', 'node_modules/@mermaid-js/layout-elk/dist/chunks/mermaid-layout-elk.core'];

/** The chunk of a package that defines Mermaid's getConfig. */
function configChunk(dir: string): string {
  const found = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => path.resolve(dir, f))
    .filter((f) => fs.readFileSync(f, 'utf8').includes('var getConfig = '));
  assert.equal(found.length, 1, `one chunk of ${dir} defines getConfig: ${found.join(', ')}`);
  return found[0];
}

const copyConfig = new Function(`${COPY_CONFIG_SOURCE}\nreturn __moatCopyConfig;`)() as (src: object) => Record<string, unknown>;

interface ConfigModule {
  assignWithDepth_default: (dst: object, src: object) => Record<string, unknown>;
  setSiteConfig: (config: object) => void;
  getConfig: () => Record<string, unknown>;
}

describe('the page script build', () => {
  it('makes Mermaid\'s and layout-elk\'s getConfig copy with __moatCopyConfig', () => {
    for (const dir of CHUNKS) {
      const source = fs.readFileSync(configChunk(dir), 'utf8');
      const patched = patchConfigCopy(source);
      assert.ok(patched, dir);
      assert.match(patched, /var getConfig = [^\n]*\n\s*return __moatCopyConfig\(currentConfig\);/);
      assert.doesNotMatch(patched, /return assignWithDepth_default\(\{\}, currentConfig\)/);
      assert.ok(patched.includes('function __moatCopyConfig(src)'));
    }
    assert.equal(patchConfigCopy('var x = 1;'), undefined);
  });

  it('copies a configuration exactly as assignWithDepth({}, config) does', async () => {
    const mermaid = await import(pathToFileURL(configChunk(CHUNKS[0])).href) as ConfigModule;
    for (const theme of ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const) {
      for (const nodes of [10, 300]) {
        mermaid.setSiteConfig(mermaidConfig('flowchart LR\n', nodes, theme));
        const config = mermaid.getConfig();
        const copy = copyConfig(config);
        assert.deepStrictEqual(copy, mermaid.assignWithDepth_default({}, config));
        // A fresh object two levels deep, as Mermaid's callers expect.
        assert.notEqual(copy.flowchart, config.flowchart);
        assert.notEqual(copy.themeVariables, config.themeVariables);
      }
    }
    const odd = {
      a: null, b: [1, 2, 2, { x: 1 }], c: { d: null, e: [3, 3], f: { g: { h: 1 } }, i: () => 1, j: undefined }, k: 'text', l: 0, m: false,
    };
    const copy = copyConfig(odd);
    assert.deepStrictEqual(copy, mermaid.assignWithDepth_default({}, odd));
    assert.equal((copy.c as { f: object }).f === odd.c.f, false);
    assert.equal((copy.c as { f: { g: object } }).f.g, odd.c.f.g);
  });
});
