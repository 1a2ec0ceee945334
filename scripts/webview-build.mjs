// How the diagram page's script is bundled: one set of esbuild options for the build
// (esbuild.mjs), the page tests (test/webview/browser.ts) and the diagram benchmark
// (bench/diagram.ts), so that all three measure and ship the same code.
//
// Mermaid's getConfig() returns a copy of its whole configuration (every diagram type's
// defaults and ~270 theme variables) made with assignWithDepth, which defines each property
// with Object.defineProperty; the renderer calls it several times per node and per edge, in
// Mermaid and again in the copy of Mermaid's rendering code that @mermaid-js/layout-elk bundles.
// At 300 services that copying is about a quarter of the time Mermaid takes to draw. The
// plugin below makes that copy with plain assignments instead: the same result (a fresh object
// two levels deep, nulls left out, arrays without repeats), checked against assignWithDepth by
// test/webview/bundle.test.ts.

/** The copy `assignWithDepth({}, src)` makes (depth 2), without defineProperty. */
export const COPY_CONFIG_SOURCE = `
function __moatCopyConfig(src) {
  const copy = (value, depth) => {
    if (Array.isArray(value)) {
      const out = [];
      for (const item of value) if (!out.includes(item)) out.push(item);
      return out;
    }
    if (depth <= 0) return Object.assign({}, value);
    const out = {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === null) continue;
      const next = typeof v === 'object' ? copy(v, depth - 1) : v;
      if (key === '__proto__') Object.defineProperty(out, key, { value: next, writable: true, enumerable: true, configurable: true });
      else out[key] = next;
    }
    return out;
  };
  return copy(src, 2);
}
`;

/** Where Mermaid copies its configuration, in Mermaid and in layout-elk's copy of it. */
const COPIES = /return assignWithDepth_default\(\{\}, (currentConfig|siteConfig)\);/g;
const FILES = /[\\/]node_modules[\\/](mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core|@mermaid-js[\\/]layout-elk[\\/]dist[\\/]chunks[\\/]mermaid-layout-elk\.core)[\\/]chunk-[^\\/]+\.mjs$/;

/** A module of Mermaid's with its configuration copies made by __moatCopyConfig, or undefined when it has none. */
export function patchConfigCopy(source) {
  if (!source.includes('var getConfig = ')) return undefined;
  const contents = source.replace(COPIES, (_, name) => `return __moatCopyConfig(${name});`);
  return contents === source ? undefined : `${contents}\n${COPY_CONFIG_SOURCE}`;
}

export const fastConfigCopy = {
  name: 'mermaid-fast-config-copy',
  setup(build) {
    let patched = 0;
    build.onStart(() => {
      patched = 0;
    });
    build.onLoad({ filter: FILES }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const contents = patchConfigCopy(await readFile(args.path, 'utf8'));
      if (contents === undefined) return undefined;
      patched++;
      return { contents, loader: 'js' };
    });
    build.onEnd((result) => {
      // Mermaid and layout-elk hold one each: fewer means an upgrade moved the code.
      if (patched < 2 && result.errors.length === 0) {
        console.warn(`mermaid-fast-config-copy: patched ${patched} of 2 copies of Mermaid's getConfig; the diagram draws, but slower`);
      }
    });
  },
};

/** esbuild options for the page script: client/webview/main.ts → one browser IIFE. */
export function webviewBuildOptions(outfile, { sourcemap = false } = {}) {
  return {
    entryPoints: ['client/webview/main.ts'], outfile, bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
    sourcemap, minify: true, logLevel: 'warning', plugins: [fastConfigCopy],
  };
}
