// How the engine reaches files. The CLI reads the disk; the language server lays the editor's
// open documents over it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';

/** Larger files are refused before they are read (a 50 MB YAML file is not a model). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type ReadResult = { text: string } | { error: string };

export interface ModelHost {
  /** The text of a file, or why it cannot be read. */
  read(file: string): ReadResult;
  /** Absolute paths of the files matching `pattern`, relative to `dir`, sorted. */
  glob(pattern: string, dir: string): string[];
}

export function readModelText(file: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { error: 'no such file' };
  }
  // Devices, FIFOs and folders are never models: reading /dev/zero would never end.
  if (stat.isDirectory()) return { error: 'it is a folder, not a file' };
  if (!stat.isFile()) return { error: 'it is not a regular file' };
  if (stat.size > MAX_FILE_BYTES) {
    return { error: `it is ${formatBytes(stat.size)}, over the ${formatBytes(MAX_FILE_BYTES)} limit for a model file` };
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    return { error: `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  return decodeModelText(buffer);
}

export function decodeModelText(buffer: Buffer): ReadResult {
  if (buffer.length > MAX_FILE_BYTES) {
    return { error: `it is ${formatBytes(buffer.length)}, over the ${formatBytes(MAX_FILE_BYTES)} limit for a model file` };
  }
  if (buffer.subarray(0, 8192).includes(0)) return { error: 'it is a binary file, not YAML' };
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export const nodeHost: ModelHost = {
  read: readModelText,
  glob(pattern, dir) {
    try {
      return globSync(pattern, { cwd: dir, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] })
        .map((f) => path.resolve(f))
        .sort();
    } catch {
      return [];
    }
  },
};
