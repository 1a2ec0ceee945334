// The deployment a run checks drift against: the entries of `.moatrc.yaml`'s `deployment:`
// (relative to the config's folder, globs allowed) or of `--deployment`. An entry that does not
// exist or does not parse is a `model/deployment` finding at the entry, naming the file; the
// other entries are still read.

import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { DeploymentError, readDeployment } from '../deployment/index.js';
import { modelProblem } from '../model/problems.js';
import type { Finding, TextRange } from '../model/types.js';
import { driftView } from './view.js';
import type { DriftView } from './view.js';

export interface DeploymentSource {
  /** The folder the paths are relative to (the config's). */
  dir: string;
  paths: readonly { path: string; range?: TextRange }[];
  /** Where the entries are written (the config file), for findings; absent for `--deployment`. */
  file?: string;
}

export interface LoadedDeployment {
  view?: DriftView;
  /** `model/deployment` findings, at the entries (for `--deployment`, with no file: the caller reports them). */
  problems: { path: string; message: string; finding?: Finding }[];
  /** The files read, absolute (the editor re-reads them when one changes). */
  files: string[];
}

export function loadDeployment(source: DeploymentSource): LoadedDeployment {
  const problems: LoadedDeployment['problems'] = [];
  const problem = (entry: DeploymentSource['paths'][number], message: string) => {
    const finding = source.file && entry.range ? modelProblem('model/deployment', source.file, entry.range, message) : undefined;
    problems.push({ path: entry.path, message, finding });
  };
  const good: { entry: DeploymentSource['paths'][number]; inputs: string[] }[] = [];
  for (const entry of source.paths) {
    if (picomatch.scan(entry.path).isGlob) {
      const found = globSync(entry.path, { cwd: source.dir, onlyFiles: false, dot: false, expandDirectories: false }).sort();
      if (found.length === 0) problem(entry, `The deployment pattern \`${entry.path}\` matches no file.`);
      else good.push({ entry, inputs: found });
    } else if (!fs.existsSync(path.resolve(source.dir, entry.path))) {
      problem(entry, `The deployment file \`${entry.path}\` does not exist.`);
    } else good.push({ entry, inputs: [entry.path] });
  }
  if (good.length > 0) {
    try {
      return finish(readDeployment(good.flatMap((g) => g.inputs), { cwd: source.dir }), source, problems);
    } catch (err) {
      if (!(err instanceof DeploymentError)) throw err;
      // Read alone, each entry says whether it is the one that cannot be read.
      const readable = good.filter((g) => {
        try {
          readDeployment(g.inputs, { cwd: source.dir });
          return true;
        } catch (e) {
          if (!(e instanceof DeploymentError)) throw e;
          problem(g.entry, `The deployment \`${g.entry.path}\` cannot be read: ${e.message}`);
          return false;
        }
      });
      if (readable.length === 0) return { problems, files: [] };
      try {
        return finish(readDeployment(readable.flatMap((g) => g.inputs), { cwd: source.dir }), source, problems);
      } catch (e) {
        if (!(e instanceof DeploymentError)) throw e;
        for (const g of readable) problem(g.entry, `The deployment \`${g.entry.path}\` cannot be read: ${e.message}`);
        return { problems, files: [] };
      }
    }
  }
  return { problems, files: [] };
}

function finish(d: ReturnType<typeof readDeployment>, source: DeploymentSource, problems: LoadedDeployment['problems']): LoadedDeployment {
  return { view: driftView(d), problems, files: d.files.map((f) => path.resolve(source.dir, f)) };
}
