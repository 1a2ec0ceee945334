// What every output format is given: the checked models with their findings, the text of every
// file (formats turn offsets into 1-based lines and columns themselves), and the run's settings.
// Counting and the pass/fail verdict live here so that every format and the exit code agree.

import * as path from 'node:path';
import type { Finding, Severity } from '../model/types.js';
import { SEVERITIES, severityRank } from '../model/types.js';
import type { RuleSetting } from '../analysis/config.js';

export type FailOn = Severity | 'none';

export interface ReportedFinding extends Finding {
  /** Its fingerprint is in the baseline: reported, but it does not fail the run. */
  known?: boolean;
}

export interface CheckedModel {
  /** Absolute path of the model's root file. */
  file: string;
  /** Every finding of the model (in its included files too), accepted ones marked. */
  findings: ReportedFinding[];
  /** The rule settings the model was checked with (rules turned `off` did not run). */
  settings?: ReadonlyMap<string, RuleSetting>;
}

export interface Report {
  tool: { version: string };
  models: CheckedModel[];
  /** The text of every file a finding may point into, by absolute path. */
  files: ReadonlyMap<string, string>;
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** SARIF and GitHub annotations name files relative to the repository root. */
  repoRoot: string;
  /**
   * Where files open in a browser: a URL under which paths relative to `repoRoot` resolve (in
   * GitHub Actions, `SERVER/OWNER/REPO/blob/SHA/`), so links work in a pull-request comment.
   * Without it, links are relative to `cwd`.
   */
  browseBase?: string;
  failOn: FailOn;
  /** Whether a baseline was applied (SARIF then says which results are new). */
  baseline?: boolean;
  color?: boolean;
  /**
   * With `--quiet`: `models` holds only the findings at or above `below` (and `model/syntax`);
   * `all` counts every finding of the run, so that no summary says "no problems" of what it hid.
   */
  quiet?: { below: Severity; all: Summary };
}

/** A finding nobody has accepted or baselined: one of the run's problems. */
export function isProblem(f: ReportedFinding): boolean {
  return !f.accepted && !f.known;
}

/** A problem at or above the `--fail-on` severity. */
export function isFailing(f: ReportedFinding, failOn: FailOn): boolean {
  return isProblem(f) && failOn !== 'none' && severityRank(f.severity) >= severityRank(failOn);
}

/**
 * A finding that means the model could not be read as written (its YAML does not parse, or the
 * file cannot be read): the run was not done as asked, whatever the threshold.
 */
export function isBroken(f: Finding): boolean {
  return f.rule === 'model/syntax';
}

export interface Summary {
  models: number;
  /** Findings neither accepted nor known. */
  problems: number;
  bySeverity: Record<Severity, number>;
  accepted: number;
  known: number;
  /** Problems at or above `--fail-on`. */
  failing: number;
  /** Models that could not be read as written. */
  broken: number;
  exitCode: 0 | 1 | 2;
}

/**
 * Two models that include one file report its findings twice; the outputs show and count such a
 * finding once. Same rule and element, same place, same words: the same finding.
 */
export function findingKey(f: Finding): string {
  return `${f.file}\n${f.fingerprint}\n${f.range.start}:${f.range.end}\n${f.message}`;
}

/** Every model's findings in order, each finding once (see findingKey). */
export function uniqueFindings(models: readonly CheckedModel[]): ReportedFinding[] {
  // A report asks several times (the summary, the format): the answer is kept with the list of models.
  const known = uniqueOf.get(models);
  if (known && known.lists.length === models.length && known.lists.every((list, i) => models[i].findings === list)) return known.findings;
  const findings = uniqueFindingsOf(models);
  uniqueOf.set(models, { lists: models.map((m) => m.findings), findings });
  return findings;
}

const uniqueOf = new WeakMap<readonly CheckedModel[], { lists: readonly ReportedFinding[][]; findings: ReportedFinding[] }>();

function uniqueFindingsOf(models: readonly CheckedModel[]): ReportedFinding[] {
  if (models.length === 1) return uniqueInOrder(models[0].findings) ?? uniqueByKey(models);
  return uniqueByKey(models);
}

/**
 * The findings of one list sorted by place (as an analysis gives them), each once: the same
 * finding twice has one place, so only findings at the same place are compared. Undefined when
 * the list is not in that order.
 */
function uniqueInOrder(findings: readonly ReportedFinding[]): ReportedFinding[] | undefined {
  const out: ReportedFinding[] = [];
  const files = new Set<string>();
  let run = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const previous = i > 0 ? findings[i - 1] : undefined;
    if (previous && (previous.file !== f.file || previous.range.start !== f.range.start || previous.range.end !== f.range.end)) {
      if (previous.file === f.file
        ? previous.range.start > f.range.start || (previous.range.start === f.range.start && previous.range.end > f.range.end)
        : files.has(f.file)) return undefined;
      run = out.length;
    }
    if (previous?.file !== f.file) files.add(f.file);
    let seen = false;
    for (let j = run; j < out.length && !seen; j++) seen = out[j].fingerprint === f.fingerprint && out[j].message === f.message;
    if (!seen) out.push(f);
  }
  return out;
}

function uniqueByKey(models: readonly CheckedModel[]): ReportedFinding[] {
  // By fingerprint first, a string each finding already holds: the key (tens of thousands of
  // strings on a large model) is built only for findings that share a fingerprint.
  const seen = new Map<string, ReportedFinding | Set<string>>();
  const out: ReportedFinding[] = [];
  for (const model of models) {
    for (const f of model.findings) {
      const earlier = seen.get(f.fingerprint);
      if (earlier === undefined) seen.set(f.fingerprint, f);
      else {
        let keys: Set<string>;
        if (earlier instanceof Set) keys = earlier;
        else seen.set(f.fingerprint, (keys = new Set([findingKey(earlier)])));
        const key = findingKey(f);
        if (keys.has(key)) continue;
        keys.add(key);
      }
      out.push(f);
    }
  }
  return out;
}

export function summarize(models: readonly CheckedModel[], failOn: FailOn): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let problems = 0;
  let accepted = 0;
  let known = 0;
  let failing = 0;
  let broken = 0;
  for (const model of models) if (model.findings.some(isBroken)) broken++;
  for (const f of uniqueFindings(models)) {
    if (f.accepted) accepted++;
    else if (f.known) known++;
    else {
      problems++;
      bySeverity[f.severity]++;
      if (isFailing(f, failOn)) failing++;
    }
  }
  const exitCode = broken > 0 ? 2 : failing > 0 ? 1 : 0;
  return { models: models.length, problems, bySeverity, accepted, known, failing, broken, exitCode };
}

/** What a report counts but does not list: problems `--quiet` left out, accepted and known findings. */
export interface NotListed {
  /** Problems below `Report.quiet.below`. */
  quiet: number;
  accepted: number;
  known: number;
}

/** What the report given `shown` (its models' summary) leaves out of its listing. */
export function notListed(report: Pick<Report, 'quiet'>, shown: Summary): NotListed {
  const all = report.quiet?.all ?? shown;
  return { quiet: all.problems - shown.problems, accepted: all.accepted, known: all.known };
}

/** The not-listed counts as a summary line says them: `5 below high (--quiet), 2 accepted`. */
export function notListedParts(report: Pick<Report, 'quiet'>, n: NotListed): string[] {
  return [
    ...(n.quiet > 0 ? [`${n.quiet} below ${report.quiet?.below} (--quiet)`] : []),
    ...(n.accepted > 0 ? [`${n.accepted} accepted`] : []),
    ...(n.known > 0 ? [`${n.known} known from the baseline`] : []),
  ];
}

/** A path as the user reads it: relative to `base`, with forward slashes. */
/** Paths already shown, by base and file: a report names the same few files thousands of times. */
const shownPaths = new Map<string, string>();

export function displayPath(file: string, base: string): string {
  const key = `${base}\0${file}`;
  let shown = shownPaths.get(key);
  if (shown === undefined) {
    const rel = path.relative(base, file);
    shown = rel === '' ? path.basename(file) : rel.split(path.sep).join('/');
    // A long-lived process (the language server renders reports too) keeps no more than a page of them.
    if (shownPaths.size >= 1000) shownPaths.clear();
    shownPaths.set(key, shown);
  }
  return shown;
}

/** What an expired acceptance adds to a finding's message. */
export function expiredNote(f: Finding): string {
  if (!f.expired) return '';
  return ` (its acceptance expired on ${f.expired.until}: ${f.expired.reason})`;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

export function allFindings(report: Pick<Report, 'models'>): ReportedFinding[] {
  return report.models.flatMap((m) => m.findings);
}

/** The URL files of the checked-out commit open at in GitHub Actions, from its environment. */
export function githubBrowseBase(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_ACTIONS, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA } = env;
  if (GITHUB_ACTIONS !== 'true' || !GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_SHA) return undefined;
  return `${GITHUB_SERVER_URL.replace(/\/+$/, '')}/${GITHUB_REPOSITORY}/blob/${GITHUB_SHA}/`;
}
