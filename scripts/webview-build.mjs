// How the diagram page's script is bundled: one set of esbuild options for the build
// (esbuild.mjs), the page tests (test/webview/browser.ts) and the diagram benchmark
// (bench/diagram.ts), so that all three measure and ship the same code. The page lays out with
// ELK (elkjs) and draws with server/src/render/svg.ts, as the CLI does.

/** esbuild options for the page script: client/webview/main.ts → one browser IIFE. */
export function webviewBuildOptions(outfile, { sourcemap = false } = {}) {
  return {
    entryPoints: ['client/webview/main.ts'], outfile, bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
    sourcemap, minify: true, logLevel: 'warning',
  };
}
