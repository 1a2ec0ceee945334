// The engine's front door. createMoatService (service/) is the one way in for the language
// server, the CLI and the diagram panel; checkModel and checkText are the one-shot checks the
// tests and the benchmark use.

import * as path from 'node:path';
import { loadModel } from './model/load.js';
import { nodeHost } from './model/host.js';
import type { ModelHost } from './model/host.js';
import type { ParseCache } from './model/units.js';
import { analyze } from './analysis/analyze.js';
import type { Analysis, AnalysisOptions } from './analysis/analyze.js';

export interface CheckOptions extends AnalysisOptions {
  host?: ModelHost;
  /** Keep one per editor session (createParseCache) so that an edit re-reads only what it touched. */
  cache?: ParseCache;
}

/** Loads the model rooted at `file` (with its includes) and analyses it. */
export function checkModel(file: string, options: CheckOptions = {}): Analysis {
  const model = loadModel(path.resolve(file), options.host ?? nodeHost, { cache: options.cache });
  return analyze(model, options);
}

/** A host that serves some files from memory and the rest from `fallback`. */
export function overlayHost(files: ReadonlyMap<string, string>, fallback: ModelHost = nodeHost): ModelHost {
  return {
    read: (file) => {
      const text = files.get(file);
      return text !== undefined ? { text } : fallback.read(file);
    },
    glob: (pattern, dir) => fallback.glob(pattern, dir),
  };
}

/** Analyses one model given as text (with no includes from disk unless they exist). */
export function checkText(text: string, file = path.resolve('model.moat.yaml'), options: CheckOptions = {}): Analysis {
  const host = overlayHost(new Map([[file, text]]), options.host);
  return checkModel(file, { ...options, host });
}

export { analyze } from './analysis/analyze.js';
export type { Analysis } from './analysis/analyze.js';
export { loadModel } from './model/load.js';
export { createParseCache } from './model/units.js';
export type { ParseCache } from './model/units.js';
export { RULES, ruleById } from './rules/index.js';
export { createMoatService } from './service/index.js';
export type { MoatService, MoatServiceOptions } from './service/index.js';
