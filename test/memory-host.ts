// An in-memory file system for engine tests: models with includes, without touching the disk.

import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ModelHost } from '../server/src/model/host.js';

export function memoryHost(files: Record<string, string>, root = '/m'): ModelHost & { paths: string[] } {
  const byPath = new Map(Object.entries(files).map(([p, text]) => [path.resolve(root, p), text]));
  return {
    paths: [...byPath.keys()],
    read: (file) => {
      const text = byPath.get(file);
      return text === undefined ? { error: 'no such file' } : { text };
    },
    glob: (pattern, dir) => {
      const match = picomatch(path.resolve(dir, pattern));
      return [...byPath.keys()].filter((p) => match(p)).sort();
    },
  };
}
