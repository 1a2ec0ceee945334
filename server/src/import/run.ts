// `moat import` as one call, for the CLI and the language server alike: read the deployment,
// make the model, write it (or add to an existing one), and say what was found.

import * as path from 'node:path';
import { readDeployment } from '../deployment/read.js';
import { importDeployment } from './from-deployment.js';
import type { ImportOptions, ImportSummary } from './from-deployment.js';
import { elsewhereIn, updateModel } from './update.js';
import { loadModel } from '../model/load.js';
import { nodeHost } from '../model/host.js';
import type { ModelHost } from '../model/host.js';
import { writeModel } from './write.js';

export interface ImportRun {
  /** The model's text: a new model, or the updated one. */
  text: string;
  summary: ImportSummary;
  /** `--update`: what was added (empty when the model had it all). */
  added?: string[];
}

export interface RunImportOptions extends ImportOptions {
  cwd: string;
  stdin?: () => string;
  /** `--update`: the existing model's text. */
  update?: string;
  /** `--update`: the model's path, so the files it includes are seen (they are not edited). */
  updatePath?: string;
  /** Where the included files are read: the disk by default, or the engine service's documents over it. */
  host?: ModelHost;
}

/** Throws a DeploymentError or UpdateError (one line) when nothing can be imported. */
export function runImport(inputs: readonly string[], options: RunImportOptions): ImportRun {
  const deployment = readDeployment(inputs, { cwd: options.cwd, stdin: options.stdin });
  const name = options.name ?? deployment.project ?? defaultName(inputs, options.cwd);
  const { model, summary } = importDeployment(deployment, { ...options, name, inputs });
  if (options.update !== undefined) {
    const { text, added } = updateModel(options.update, model, options.updatePath ? includedFiles(options.updatePath, options.host ?? nodeHost) : undefined);
    return { text, summary, added };
  }
  return { text: writeModel(model), summary };
}

/** What the model's included files hold (read as `moat check` reads them). */
function includedFiles(modelPath: string, host: ModelHost) {
  const root = path.resolve(modelPath);
  const model = loadModel(root, host);
  return elsewhereIn([...model.files.values()].filter((f) => path.resolve(f.path) !== root).map((f) => f.text));
}

function defaultName(inputs: readonly string[], cwd: string): string {
  const first = inputs.find((i) => i !== '-');
  const base = path.basename(path.resolve(cwd, first ?? '.'));
  return base.replace(/\.(ya?ml)$/i, '') || 'system';
}

/** The summary as printed on standard error. */
export function summaryLines(s: ImportSummary, added?: string[]): string[] {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const lines = [`moat import: ${plural(s.components, 'component')}, ${plural(s.flows, 'flow')}, ${plural(s.boundaries, 'boundary', 'boundaries')}`];
  if (s.internetFacing.length > 0) lines.push(`  reachable from outside: ${s.internetFacing.join(', ')}`);
  if (s.skipped.size > 0) lines.push(`  skipped: ${[...s.skipped].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  lines.push(`  ${plural(s.todos, 'TODO')} left to fill in`);
  for (const n of s.notes) lines.push(`  ${n}`);
  if (added) lines.push(added.length === 0 ? '  added nothing: the model has everything the deployment shows' : `  added: ${added.join(', ')}`);
  return lines;
}
