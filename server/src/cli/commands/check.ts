// `moat check [PATH...]`: find the models, check each (with its `.moatrc.yaml`), apply the
// baseline, print the report in the chosen format, and exit 0, 1 or 2 as docs/cli.md says.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option } from 'commander';
import picomatch from 'picomatch';
import { SEVERITIES, severityRank } from '../../model/types.js';
import type { Severity } from '../../model/types.js';
import type { Model } from '../../model/types.js';
import { ConfigError, readConfigFile } from '../../analysis/config.js';
import type { MoatConfig } from '../../analysis/config.js';
import { createMoatService } from '../../service/index.js';
import type { MoatService } from '../../service/index.js';
import { MODEL_FILE_LIST } from '../../model/file-names.js';
import { BaselineError, isKnown, readBaseline, writeBaseline } from '../../analysis/baseline.js';
import type { Baseline } from '../../analysis/baseline.js';
import { discoverModelFiles, selectRoots } from '../../analysis/discover.js';
import { FORMATS, FORMAT_NAMES } from '../../format/index.js';
import type { CheckedModel, FailOn, FormatName, Report, ReportedFinding } from '../../format/index.js';
import { displayPath, githubBrowseBase, isBroken, isFailing, summarize } from '../../format/report.js';
import type { Cli, CliCommand } from '../cli.js';
import { CliError, useColor } from '../cli.js';
import { checkRuleIds, parseRuleFlags } from '../rule-ids.js';
import { Progress } from '../progress.js';
import { loadDeployment } from '../../drift/load.js';
import { writeTextFile, WriteError } from '../../util/write-file.js';

export interface CheckOptions {
  format: FormatName;
  output?: string;
  failOn: FailOn;
  rule: string[];
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  color?: boolean;
  quiet?: boolean;
  /** `--deployment PATH` (repeatable): the deployment every model of the run is checked against. */
  deployment: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

const command: CliCommand = {
  register(program, cli) {
    program
      .command('check')
      .description(`check models: files, or folders searched for ${MODEL_FILE_LIST}`)
      .argument('[paths...]', 'model files or folders', ['.'])
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
      .option('-o, --output <file>', 'write the report to FILE instead of standard output')
      .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices([...SEVERITIES, 'none']).default('high'))
      .option('--rule <id=severity>', 'set a rule\'s severity, or turn it off (repeatable)', collect, [])
      .option('-c, --config <file>', 'use this .moatrc.yaml instead of the one found upward from each model')
      .option('--baseline <file>', 'report findings whose fingerprints are in FILE as known; they do not fail the run')
      .option('--write-baseline <file>', 'write the fingerprints of today\'s findings to FILE')
      .option('--color', 'colour the output even when it is not a terminal')
      .option('--no-color', 'never colour the output')
      .option('--deployment <path>', 'check drift against these docker-compose files, Kubernetes manifests or folders (repeatable; instead of `deployment:` in .moatrc.yaml)', collect, [])
      .option('-q, --quiet', 'report only findings that fail the run (critical and high with --fail-on none)')
      .action(cli.action((paths: string[], options: CheckOptions) => runCheck(cli, paths, options)));
  },
};
export default command;

interface Candidate {
  file: string;
  model: Model;
  config: MoatConfig;
}

export async function runCheck(cli: Cli, paths: string[], options: CheckOptions): Promise<number> {
  const { io } = cli;
  const flags = parseRuleFlags(options.rule);
  const explicitConfig = options.config !== undefined ? loadConfig(path.resolve(io.cwd, options.config), io.cwd) : undefined;
  const baseline = options.baseline !== undefined ? loadBaseline(path.resolve(io.cwd, options.baseline), io.cwd) : undefined;

  const flagDeployment = options.deployment?.length ? loadDeployment({ dir: io.cwd, paths: options.deployment.map((p) => ({ path: p })) }) : undefined;
  if (flagDeployment && flagDeployment.problems.length > 0) {
    throw new CliError(flagDeployment.problems.map((p) => `--deployment ${p.message.replace(/^The deployment (file |pattern )?/, '')}`).join('; '));
  }

  const discovery = discoverModelFiles(paths, io.cwd);
  if (discovery.unreadable.length > 0) {
    throw new CliError(discovery.unreadable.map((u) => `cannot read ${u.path}: ${u.reason}`).join('; '));
  }
  const service = createMoatService({ config: explicitConfig, settings: () => ({ rules: flags }), deployment: flagDeployment });
  const configFor = configReader(service, io.cwd);
  const files: { file: string; config: MoatConfig }[] = [];
  for (const file of discovery.files) {
    const config = configFor(file);
    if (isIgnored(file, config)) {
      if (discovery.named.has(file) && !options.quiet) {
        io.stderr.write(`moat: ${displayPath(file, io.cwd)} is skipped: it matches \`ignore:\` in ${displayPath(config.file!, io.cwd)}\n`);
      }
      continue;
    }
    files.push({ file, config });
  }
  // Models that are all ignored are a clean run (a pre-commit hook may name only such files);
  // no model at all means the paths are not what the user thinks they are.
  if (discovery.files.length === 0) {
    throw new CliError(`no model files in ${paths.join(' ')} (looked for ${MODEL_FILE_LIST})`);
  }

  const progress = Progress.for(io.stderr, files.length, options.quiet === true);
  const candidates: Candidate[] = [];
  for (const [i, { file, config }] of files.entries()) {
    progress.update(i, files.length, 'models read');
    candidates.push({ file, model: await service.model(file), config });
  }
  const roots = new Set(selectRoots(candidates.map((c) => ({ file: c.file, files: c.model.files.keys() }))));
  const checked: CheckedModel[] = [];
  const texts = new Map<string, string>();
  let internalErrors = 0;
  const toCheck = candidates.filter((c) => roots.has(c.file));
  for (const [i, c] of toCheck.entries()) {
    progress.update(i, toCheck.length, 'models checked');
    const settings = new Map([...c.config.rules, ...flags]);
    for (const [file, source] of c.model.files) texts.set(file, source.text);
    try {
      const { analysis } = await service.analyze(c.file);
      // A finding about a `deployment:` entry points into the config file.
      if (c.config.file && analysis.findings.some((f) => f.file === c.config.file)) texts.set(c.config.file, c.config.text ?? '');
      checked.push({ file: c.file, findings: analysis.findings, settings });
    } catch (err) {
      // An engine bug in one model must not stop the others from being checked.
      progress.done();
      io.stderr.write(`moat: internal error while checking ${displayPath(c.file, io.cwd)}: ${(err as Error)?.message ?? err} (please report it)\n`);
      if (io.env.MOAT_DEBUG) io.stderr.write(`${(err as Error)?.stack ?? err}\n`);
      internalErrors++;
    }
  }
  progress.done();

  for (const model of checked) {
    model.findings = model.findings.map((f): ReportedFinding => (!f.accepted && isKnown(baseline, model.file, f.fingerprint) ? { ...f, known: true } : f));
  }
  if (options.writeBaseline !== undefined) {
    const file = path.resolve(io.cwd, options.writeBaseline);
    try {
      writeBaseline(file, checked.map((m) => ({ model: m.file, fingerprints: m.findings.filter((f) => !f.accepted).map((f) => f.fingerprint) })));
    } catch (err) {
      throw new CliError(`cannot write the baseline ${options.writeBaseline}: ${err instanceof WriteError ? err.message : (err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    // What was just written down is known from now on, this run included.
    for (const model of checked) model.findings = model.findings.map((f) => (f.accepted ? f : { ...f, known: true }));
  }

  const verdict = summarize(checked, options.failOn);
  const shown = options.quiet ? checked.map((m) => ({ ...m, findings: m.findings.filter((f) => isError(f, options.failOn)) })) : checked;
  const toFile = options.output !== undefined;
  const report: Report = {
    tool: { version: cli.version },
    models: shown,
    files: texts,
    cwd: io.cwd,
    repoRoot: repositoryRoot(io.cwd),
    browseBase: githubBrowseBase(io.env),
    failOn: options.failOn,
    baseline: baseline !== undefined || options.writeBaseline !== undefined,
    color: !toFile && useColor(options.color, io.stdout, io.env),
    ...(options.quiet ? { quiet: { below: quietThreshold(options.failOn), all: verdict } } : {}),
  };
  const text = FORMATS[options.format](report);
  if (toFile) {
    const file = path.resolve(io.cwd, options.output!);
    try {
      writeTextFile(file, text);
    } catch (err) {
      if (!(err instanceof WriteError)) throw err;
      throw new CliError(`cannot write ${options.output}: ${err.message}`);
    }
  } else if (text !== '') {
    io.stdout.write(text);
  }
  return internalErrors > 0 ? 2 : verdict.exitCode;
}

/** The lowest severity `--quiet` keeps: what fails the run, or high when nothing can fail it. */
function quietThreshold(failOn: FailOn): Severity {
  return failOn === 'none' ? 'high' : failOn;
}

/** With `--quiet`: what fails the run, or critical and high when nothing can fail it. */
function isError(f: ReportedFinding, failOn: FailOn): boolean {
  if (isBroken(f)) return true;
  return failOn === 'none' ? !f.accepted && !f.known && severityRank(f.severity) >= severityRank(quietThreshold(failOn)) : isFailing(f, failOn);
}

/** The engine names files by absolute path; the user reads them relative to the working directory. */
function relativeMessage(message: string, file: string, cwd: string): string {
  return message.split(file).join(displayPath(file, cwd));
}

/**
 * The config of each model, from the service (read once per file): a config file that cannot be
 * read, or that names a rule that does not exist, stops the run.
 */
export function configReader(service: MoatService, cwd: string): (file: string) => MoatConfig {
  const vetted = new Set<string>();
  return (file) => {
    const { config, error } = service.configOf(file);
    if (error !== undefined) throw new CliError(relativeMessage(error, config.file ?? file, cwd));
    if (config.file !== undefined && !vetted.has(config.file)) {
      vetted.add(config.file);
      checkRuleIds(config.rules, displayPath(config.file, cwd));
    }
    return config;
  };
}

function loadConfig(file: string, cwd: string): MoatConfig {
  let config: MoatConfig;
  try {
    config = readConfigFile(file);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(relativeMessage(err.message, file, cwd));
    throw err;
  }
  checkRuleIds(config.rules, displayPath(file, cwd));
  return config;
}

function loadBaseline(file: string, cwd: string): Baseline {
  try {
    return readBaseline(file);
  } catch (err) {
    if (err instanceof BaselineError) throw new CliError(relativeMessage(err.message, file, cwd));
    throw err;
  }
}

function isIgnored(file: string, config: MoatConfig): boolean {
  if (config.ignore.length === 0 || config.dir === undefined) return false;
  const relative = path.relative(config.dir, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  return picomatch(config.ignore, { dot: true })(relative.split(path.sep).join('/'));
}

/** The git work tree's top level above `cwd`, else `cwd`: SARIF names files relative to it. */
export function repositoryRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}
