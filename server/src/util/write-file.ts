// Writing a file the user named (`-o`, `--write-baseline`): its folders are made one level at a
// time (Node's recursive mkdir never returns on some paths, such as under /proc), and a failure
// is said in words, not as an error code.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a file cannot be written, in words. */
export class WriteError extends Error {}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'that folder cannot hold files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'a file is in the way',
};

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) ?? (code ? `the system refused (${code})` : String((err as Error)?.message ?? err));
}

/** Writes `text` to `file`, making its missing folders; throws WriteError with a one-line reason. */
export function writeTextFile(file: string, text: string | Iterable<string>): void {
  const absolute = path.resolve(file);
  const missing: string[] = [];
  let dir = path.dirname(absolute);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new WriteError(`cannot reach the folder ${dir}: ${reason(err)}`);
    }
    if (stat) {
      if (!stat.isDirectory()) throw new WriteError(`${dir} is a file, not a folder`);
      break;
    }
    missing.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (err) {
      throw new WriteError(`cannot create the folder ${folder}: ${reason(err)}`);
    }
  }
  const attempt = <T>(io: () => T): T => {
    try {
      return io();
    } catch (err) {
      throw new WriteError(reason(err));
    }
  };
  if (typeof text === 'string') {
    attempt(() => fs.writeFileSync(absolute, text));
    return;
  }
  // Written as it comes: a view in pieces may be larger than one string can hold. Only the file's
  // own errors are write errors; a piece that fails to be made fails as itself.
  const fd = attempt(() => fs.openSync(absolute, 'w'));
  try {
    for (const piece of text) attempt(() => fs.writeSync(fd, piece));
  } finally {
    fs.closeSync(fd);
  }
}
