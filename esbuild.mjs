// Builds every bundle: the CLI, the language server, the VS Code client and the webview.
// Entries whose source does not exist yet are skipped, so a partial tree still builds.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { webviewBuildOptions } from './scripts/webview-build.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// ESM dependencies (tinyglobby's fdir) call createRequire(import.meta.url); in a CommonJS bundle
// import.meta is empty, so give it the bundle's own URL.
// The yaml parser reads process.env.LOG_TOKENS for every token and LOG_STREAM for every
// document: lookups in the real environment, a third of the parse time. Those debug switches are
// off in what we ship.
const yamlDebugOff = {
  name: 'yaml-debug-off',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'false'), loader: 'js' };
    });
  },
};

const node = {
  plugins: [yamlDebugOff],
  platform: 'node', target: 'node20', format: 'cjs', bundle: true, sourcemap: !production, minify: production, logLevel: 'warning',
  banner: { js: "const __bundle_url = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundle_url' },
};
const entries = [
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  webviewBuildOptions('dist/webview/main.js', { sourcemap: !production }),
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) await (await esbuild.context(e)).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build(e)));
}
