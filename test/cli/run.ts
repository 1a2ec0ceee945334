// Runs the `moat` command as users do: a bundle of server/src/cli/main.ts built with the same
// esbuild settings as dist/cli.js (built once per test process, so tests never run a stale
// dist/), started as a child process with its own working directory and environment.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

export const REPO = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/cli');

let bundle: string | undefined;

export function cliBundle(): string {
  if (bundle) return bundle;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-cli-'));
  const outfile = path.join(dir, 'cli.js');
  // As in esbuild.mjs: ESM dependencies read import.meta.url, empty in a CommonJS bundle.
  // The CLI and, beside it, the language server that `moat lsp` starts, as esbuild.mjs lays them out.
  for (const [entry, out] of [['server/src/cli/main.ts', outfile], ['server/src/lsp/main.ts', path.join(dir, 'server.js')]]) {
    buildSync({
      entryPoints: [path.join(REPO, entry)], outfile: out, absWorkingDir: REPO,
      platform: 'node', target: 'node20', format: 'cjs', bundle: true, logLevel: 'error',
      banner: { js: "const __bundle_url = require('url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__bundle_url' },
    });
  }
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return (bundle = outfile);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Milliseconds before the run is killed (its code is then null). */
  timeout?: number;
}

/** The environment of a plain CI shell: no colour settings inherited from the developer's. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'MOAT_DEBUG', 'GITHUB_ACTIONS', 'NODE_OPTIONS']) delete env[name];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function moat(args: readonly string[], options: RunOptions = {}): Run {
  const result = spawnSync(process.execPath, [cliBundle(), ...args], {
    cwd: options.cwd ?? FIXTURES, env: cleanEnv(options.env), input: options.input, encoding: 'utf8', timeout: options.timeout,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder with copies of fixture folders (tests that write files work there). */
export function scratch(...fixtures: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-test-'));
  for (const f of fixtures) fs.cpSync(path.join(FIXTURES, f), path.join(dir, path.basename(f)), { recursive: true });
  return dir;
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*[A-Za-z]/;
