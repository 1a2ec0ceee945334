// Finding the models to check: the files named on the command line, and the model files under
// the folders named there. A model file that another model includes is checked as part of that
// model, not on its own.

import * as fs from 'node:fs';
import * as path from 'node:path';

import { MODEL_FILE_NAME } from '../model/file-names.js';

export { MODEL_FILE_NAME };

/** Folders never searched: dependencies and version control. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function isModelFileName(file: string): boolean {
  return MODEL_FILE_NAME.test(path.basename(file));
}

export interface Discovery {
  /** Absolute paths of the model files found, sorted, each once. */
  files: string[];
  /** Files named on the command line (not found in a folder): ignore globs are reported for them. */
  named: Set<string>;
  /** Paths that could not be read, with why. */
  unreadable: { path: string; reason: string }[];
}

export function discoverModelFiles(paths: readonly string[], cwd: string): Discovery {
  const found = new Set<string>();
  const named = new Set<string>();
  const unreadable: Discovery['unreadable'] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      unreadable.push({ path: given, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `it cannot be read (${code})` });
      continue;
    }
    if (stat.isDirectory()) {
      const visited = new Set<string>();
      const error = walk(absolute, found, visited);
      if (error) unreadable.push({ path: given, reason: error });
    } else {
      // A file named on the command line is checked whatever its name: the user asked for it.
      found.add(absolute);
      named.add(absolute);
    }
  }
  return { files: [...found].sort(), named, unreadable };
}

/** Collects model files under `dir`; returns why `dir` itself cannot be read, if it cannot. */
function walk(dir: string, found: Set<string>, visited: Set<string>): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return 'it cannot be read';
  }
  // Symbolic links may loop back to a folder already searched.
  if (visited.has(real)) return undefined;
  visited.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    return `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = fs.statSync(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, found, visited);
    } else if (isFile && MODEL_FILE_NAME.test(entry.name)) {
      found.add(full);
    }
  }
  return undefined;
}

/**
 * Of the candidate models (each with every file it spans, itself included), those to check:
 * a candidate that another candidate includes is checked as part of it. Where candidates include
 * each other (a cycle), the first in path order is kept.
 */
export function selectRoots(candidates: readonly { file: string; files: Iterable<string> }[]): string[] {
  const filesOf = new Map(candidates.map((c) => [c.file, new Set(c.files)]));
  const includedBy = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const f of filesOf.get(c.file)!) {
      if (f === c.file) continue;
      let set = includedBy.get(f);
      if (!set) includedBy.set(f, (set = new Set()));
      set.add(c.file);
    }
  }
  const sorted = [...filesOf.keys()].sort();
  const roots: string[] = [];
  const covered = new Set<string>();
  for (const file of sorted) {
    if (includedBy.has(file)) continue;
    roots.push(file);
    for (const f of filesOf.get(file)!) covered.add(f);
  }
  for (const file of sorted) {
    if (covered.has(file)) continue;
    roots.push(file);
    for (const f of filesOf.get(file)!) covered.add(f);
  }
  return roots.sort();
}
