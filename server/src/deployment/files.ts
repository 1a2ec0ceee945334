// How the deployment readers reach files: by absolute path, named in messages as the user named
// them (relative to the working directory), with a size limit so a 50 MB file is an error, not a hang.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeploymentError } from './types.js';

/** The largest file read: rendered charts of hundreds of services stay well below it. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface InputFiles {
  /** The text of a file; a DeploymentError naming `context` when it cannot be read. */
  readText(absolute: string, context?: string): string;
  /** The text of a file, or undefined when there is none (`.env`, `env_file`). */
  readOptional(absolute: string): string | undefined;
  /** How messages name a file. */
  display(absolute: string): string;
  /** The absolute path of a file named `display` (undefined for standard input). */
  absolute(display: string): string | undefined;
  /** A line for the summary. */
  note(line: string): void;
}

export function nodeFiles(cwd: string, notes: string[]): InputFiles {
  const byDisplay = new Map<string, string>();
  const display = (absolute: string) => {
    const rel = path.relative(cwd, absolute);
    const shown = rel === '' ? '.' : rel.startsWith('..') && path.isAbsolute(absolute) && rel.split(path.sep).filter((p) => p === '..').length > 3 ? absolute : rel;
    const name = shown.split(path.sep).join('/');
    byDisplay.set(name, absolute);
    return name;
  };
  return {
    readText(absolute, context) {
      const name = display(absolute);
      let size: number;
      try {
        const stat = fs.statSync(absolute);
        // A FIFO or a device would block or never end: never opened.
        if (!stat.isFile()) throw new DeploymentError(context ? `${context}: ${name} is not a regular file` : `${name}: not a regular file (a device, a pipe or a socket)`);
        size = stat.size;
      } catch (err) {
        if (err instanceof DeploymentError) throw err;
        throw new DeploymentError(context ? `${context}: cannot read ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` : `${name}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      if (size > MAX_FILE_BYTES) {
        throw new DeploymentError(`${name}: too large to read as a deployment file (${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
      }
      try {
        return fs.readFileSync(absolute, 'utf8');
      } catch (err) {
        throw new DeploymentError(context ? `${context}: cannot read ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` : `${name}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    },
    readOptional(absolute) {
      try {
        const stat = fs.statSync(absolute);
        if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
        return fs.readFileSync(absolute, 'utf8');
      } catch {
        return undefined;
      }
    },
    display,
    absolute: (name) => byDisplay.get(name),
    note: (line) => { notes.push(line); },
  };
}
