// What every robustness test checks of an analysis, and how they run the command line.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEVERITIES } from '../../server/src/model/types.js';
import type { Analysis } from '../../server/src/analysis/analyze.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI_SOURCE = path.join(ROOT, 'server', 'src', 'cli', 'main.ts');
/** tsx by path, so that the CLI can run in any folder. */
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/**
 * The invariants of any analysis, whatever the input: every finding lies inside the text of its
 * file, names a severity, and its fingerprint is `RULE@TARGET`.
 */
export function assertWellFormed(analysis: Analysis, texts: ReadonlyMap<string, string>): void {
  for (const f of analysis.findings) {
    const text = analysis.model.files.get(f.file)?.text ?? texts.get(f.file);
    assert.ok(text !== undefined, `${f.rule} points into ${f.file}, which is not a file of the model`);
    assert.ok(Number.isInteger(f.range.start) && Number.isInteger(f.range.end), `${f.rule}: range is not integral: ${JSON.stringify(f.range)}`);
    assert.ok(0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= text.length,
      `${f.rule} (${f.message}) has range ${f.range.start}-${f.range.end} outside its file of ${text.length} characters`);
    assert.ok((SEVERITIES as readonly string[]).includes(f.severity), `${f.rule}: unknown severity ${f.severity}`);
    assert.equal(f.fingerprint, `${f.rule}@${f.target}`);
    assert.equal(typeof f.message, 'string');
    assert.ok(f.message.length > 0, `${f.rule}: empty message`);
    assert.ok(!f.message.includes('[object Object]'), `${f.rule}: message shows an object: ${f.message}`);
  }
}

/** The findings as tests compare them: everything but the objects that carry them. */
export function comparable(analysis: Analysis): string[] {
  return analysis.findings.map((f) => `${f.file}:${f.range.start}-${f.range.end} ${f.severity} ${f.fingerprint} ${f.message}${f.accepted ? ' (accepted)' : ''}`);
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs `moat ARGS` from source in a child process. The timeout is generous: it tells a hang
 * (or an out-of-memory crawl) from a slow run, not fast from slow.
 */
export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number; maxOldSpaceMb?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      `--max-old-space-size=${options.maxOldSpaceMb ?? 512}`, '--import', TSX, CLI_SOURCE, ...args,
    ], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** A clean end: no hang, no crash, an exit code from the CLI contract, no stack trace. */
export function assertCleanExit(run: CliRun, what: string): void {
  assert.equal(run.timedOut, false, `${what}: the CLI did not finish (killed after the timeout)`);
  assert.equal(run.signal, null, `${what}: the CLI died of ${run.signal}`);
  assert.ok(run.code === 0 || run.code === 1 || run.code === 2, `${what}: exit code ${run.code}; stderr: ${run.stderr.slice(0, 800)}`);
  const output = run.stdout + run.stderr;
  assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+\)?\n/, `${what}: a stack trace escaped: ${output.slice(0, 1500)}`);
  assert.doesNotMatch(output, /heap out of memory|Maximum call stack size exceeded/i, `${what}: ${output.slice(0, 500)}`);
}

export function tempDir(prefix = 'moat-robust-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const cliExists = fs.existsSync(CLI_SOURCE);
