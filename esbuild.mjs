// Builds every bundle: the CLI, the language server, the VS Code client and the webview.
// Entries whose source does not exist yet are skipped, so a partial tree still builds.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { webviewBuildOptions } from './scripts/webview-build.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// ESM dependencies (tinyglobby's fdir) call createRequire(import.meta.url); in a CommonJS bundle
// import.meta is empty, so give it the bundle's own URL.
// The `yaml` library as ES modules (its browser build, the same code): bundled that way, the
// engine's calls into it are direct. Its CommonJS build would be reached through a getter per
// call (esbuild's interop), and it reads process.env.LOG_TOKENS for every token and LOG_STREAM
// for every document, lookups in the real environment.
const yamlAsModules = {
  name: 'yaml-as-modules',
  setup(build) {
    const browser = fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url));
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: browser }));
  },
};

const node = {
  plugins: [yamlAsModules],
  platform: 'node', target: 'node20', format: 'cjs', bundle: true, sourcemap: !production, minify: production, logLevel: 'warning',
  banner: { js: "const __bundle_url = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundle_url' },
};
const entries = [
  // The command runs where its dependencies are installed: ELK (3 MB, for diagrams and reports
  // only) is loaded from node_modules when a layout is first asked for, not compiled at every
  // start. The language server ships without node_modules (the .vsix), so it bundles ELK.
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', external: ['elkjs'] },
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  webviewBuildOptions('dist/webview/main.js', { sourcemap: !production }),
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) await (await esbuild.context(e)).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build(e)));
}
