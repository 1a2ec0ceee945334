// Test helpers: YAML snippets written as YAML, and findings reduced to what a test asserts.

import * as path from 'node:path';
import { checkText } from '../server/src/engine.js';
import type { Analysis } from '../server/src/analysis/analyze.js';
import type { CheckOptions } from '../server/src/engine.js';
import type { Finding } from '../server/src/model/types.js';

/** Strips the common indentation of a template literal, so snippets read as YAML. */
export function yaml(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const raw = typeof strings === 'string' ? strings : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export const MODEL_FILE = path.resolve('/virtual/test.moat.yaml');

export function analyzeYaml(text: string, options: CheckOptions = {}): Analysis {
  return checkText(text, MODEL_FILE, { today: '2026-11-25', ...options });
}

/** A finding as tests compare it: rule, severity, target, and the exact text its range covers. */
export interface Seen {
  rule: string;
  severity: string;
  target: string;
  text: string;
}

export function seen(text: string, f: Finding): Seen {
  return { rule: f.rule, severity: f.severity, target: f.target, text: text.slice(f.range.start, f.range.end) };
}

/** The findings of one rule (or all, with `rule` undefined), excluding accepted ones. */
export function findingsOf(text: string, rule?: string, options: CheckOptions = {}): Seen[] {
  return analyzeYaml(text, options).findings
    .filter((f) => !f.accepted && (rule === undefined || f.rule === rule))
    .map((f) => seen(text, f));
}

/** A minimal valid model header, to put snippets under. */
export const HEADER = 'moat: 1\nname: test\n';
