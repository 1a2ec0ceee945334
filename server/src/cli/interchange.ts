// `moat import` of another tool's model (Threagile, OTM: interchange.md). The import command
// asks this first; when the input is neither, it reads deployment files (deployment.md).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { importInterchange, interchangeFormat } from '../interchange/import.js';
import { ImportError } from '../interchange/input.js';
import type { Cli } from './cli.js';
import { CliError } from './cli.js';

export interface InterchangeFlags {
  output?: string;
  name?: string;
  update?: string;
}

/**
 * Imports PATHS when they name a Threagile model or an OTM document, and returns the exit code;
 * undefined when they are something else (deployment files), which the caller reads. `stdin`
 * reads standard input once, so that what it held can be handed on.
 */
export function importForeignModel(cli: Cli, paths: readonly string[], flags: InterchangeFlags, stdin: () => string): number | undefined {
  const { io } = cli;
  const candidates = paths.filter((p) => p === '-' || isFile(path.resolve(io.cwd, p)));
  for (const p of candidates) {
    const text = p === '-' ? stdin() : readText(path.resolve(io.cwd, p), p);
    const format = interchangeFormat(text);
    if (!format) continue;
    const what = format === 'otm' ? 'an OTM document' : 'a Threagile model';
    if (paths.length > 1) throw new CliError(`${p} is ${what}: import it on its own`);
    if (flags.update !== undefined) throw new CliError(`--update adds from deployment files; ${p} is ${what}, which is imported whole (without --update)`);
    let result;
    try {
      result = importInterchange(text, p === '-' ? path.resolve(io.cwd, 'stdin') : path.resolve(io.cwd, p), { name: flags.name, cwd: io.cwd })!;
    } catch (err) {
      if (err instanceof ImportError) throw new CliError(err.message);
      throw err;
    }
    if (flags.output === undefined) io.stdout.write(result.text);
    else writeNewModel(path.resolve(io.cwd, flags.output), flags.output, result.text);
    io.stderr.write(result.summary);
    return 0;
  }
  return undefined;
}

/** As for deployment files: a model already at FILE holds the user's edits, and is never overwritten. */
function writeNewModel(file: string, shown: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EEXIST'
      ? `${shown} already exists; moat import does not overwrite a model: name a new file`
      : `cannot write ${shown} (${code ?? (err as Error).message})`);
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readText(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
