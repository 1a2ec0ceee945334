// Baselines: the fingerprints (`RULE@TARGET`) of findings a team has decided to live with for
// now, per model. A finding whose fingerprint is in the baseline is reported as known and does
// not fail the run. Fingerprints name elements, not positions, so a baseline survives reordering
// and reformatting. Model paths are relative to the baseline's folder, so it works from any
// working directory and can be committed.

import * as fs from 'node:fs';
import { writeTextFile } from '../util/write-file.js';
import * as path from 'node:path';

export const BASELINE_VERSION = 1;

export interface Baseline {
  file: string;
  /** Fingerprints by absolute model path. */
  models: Map<string, Set<string>>;
}

export class BaselineError extends Error {}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read the baseline ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BaselineError(`the baseline ${file} is not JSON; write one with --write-baseline`);
  }
  const shape = `the baseline ${file} should be {"version": ${BASELINE_VERSION}, "models": {"<model path>": ["RULE@TARGET", …]}}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BaselineError(shape);
  const { version, models } = raw as Record<string, unknown>;
  if (version !== BASELINE_VERSION) throw new BaselineError(`the baseline ${file} has version ${JSON.stringify(version)}; this Moat reads version ${BASELINE_VERSION}`);
  if (typeof models !== 'object' || models === null || Array.isArray(models)) throw new BaselineError(shape);
  const dir = path.dirname(path.resolve(file));
  const baseline: Baseline = { file, models: new Map() };
  for (const [model, fingerprints] of Object.entries(models)) {
    if (!Array.isArray(fingerprints) || fingerprints.some((f) => typeof f !== 'string')) throw new BaselineError(shape);
    baseline.models.set(path.resolve(dir, model), new Set(fingerprints as string[]));
  }
  return baseline;
}

export function isKnown(baseline: Baseline | undefined, model: string, fingerprint: string): boolean {
  return baseline?.models.get(model)?.has(fingerprint) ?? false;
}

/** The baseline's text: models and fingerprints sorted, so it diffs cleanly. */
export function baselineText(file: string, entries: readonly { model: string; fingerprints: Iterable<string> }[]): string {
  const dir = path.dirname(path.resolve(file));
  const models: Record<string, string[]> = {};
  const sorted = entries
    .map((e) => ({ key: path.relative(dir, e.model).split(path.sep).join('/'), fingerprints: [...new Set(e.fingerprints)].sort() }))
    .filter((e) => e.fingerprints.length > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of sorted) models[e.key] = [...new Set([...(models[e.key] ?? []), ...e.fingerprints])].sort();
  return `${JSON.stringify({ version: BASELINE_VERSION, models }, null, 2)}\n`;
}

export function writeBaseline(file: string, entries: readonly { model: string; fingerprints: Iterable<string> }[]): void {
  writeTextFile(file, baselineText(file, entries));
}
