// Severity overrides and ignores: from `.moatrc.yaml`, `--rule`, or editor settings.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isScalar, isSeq, parse, parseDocument } from 'yaml';
import type { TextRange } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import type { Severity } from '../model/types.js';

export type RuleSetting = Severity | 'off';

export interface MoatConfig {
  rules: Map<string, RuleSetting>;
  /** Globs (relative to the config file's folder) of model files to skip. */
  ignore: string[];
  /** The folder the config was found in, for resolving `ignore`. */
  dir?: string;
  file?: string;
  /** `deployment:`: the deployment files the models describe (relative to `dir`; globs allowed), each where it is written. */
  deployment: DeploymentEntry[];
  /** The config's text (findings about a `deployment:` entry point into it). */
  text?: string;
}

export interface DeploymentEntry {
  path: string;
  range: TextRange;
}

export const CONFIG_FILES = ['.moatrc.yaml', '.moatrc.yml'];

export function emptyConfig(): MoatConfig {
  return { rules: new Map(), ignore: [], deployment: [] };
}

export class ConfigError extends Error {}

export function parseRuleSetting(value: unknown): RuleSetting | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'off' || (SEVERITIES as readonly string[]).includes(v)) return v as RuleSetting;
  return undefined;
}

/** Reads a `.moatrc.yaml`; throws ConfigError with a one-line reason when it is malformed. */
export function readConfigFile(file: string): MoatConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`cannot read the config file ${file}`);
  }
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: false }) ?? {};
  } catch (err) {
    throw new ConfigError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file} should be a mapping with \`rules:\`, \`ignore:\` and \`deployment:\``);
  }
  const config: MoatConfig = { rules: new Map(), ignore: [], dir: path.dirname(file), file, deployment: [], text };
  const { rules, ignore, deployment, ...rest } = raw as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new ConfigError(`${file}: unknown key \`${unknown[0]}\` (known: rules, ignore, deployment)`);
  if (deployment !== undefined && deployment !== null) config.deployment = deploymentEntries(file, text);
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) throw new ConfigError(`${file}: \`rules\` should map rule ids to a severity or \`off\``);
    for (const [id, value] of Object.entries(rules)) {
      const setting = parseRuleSetting(value);
      if (!setting) throw new ConfigError(`${file}: rule \`${id}\` should be one of ${[...SEVERITIES, 'off'].join(', ')}`);
      config.rules.set(id, setting);
    }
  }
  if (ignore !== undefined && ignore !== null) {
    if (!Array.isArray(ignore) || ignore.some((g) => typeof g !== 'string')) throw new ConfigError(`${file}: \`ignore\` should be a list of globs`);
    config.ignore = ignore as string[];
  }
  return config;
}

/** `deployment:` as a path or a list of paths, each with where it is written. */
function deploymentEntries(file: string, text: string): DeploymentEntry[] {
  const node = parseDocument(text).get('deployment', true);
  const items = isSeq(node) ? node.items : [node];
  return items.map((item) => {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
      throw new ConfigError(`${file}: \`deployment\` should be a path or a list of paths (docker-compose files, Kubernetes manifests or folders)`);
    }
    const [start, end] = item.range ?? [0, 0];
    return { path: item.value, range: { start, end } };
  });
}

/** The nearest `.moatrc.yaml` in the folder of `start` or above it. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
