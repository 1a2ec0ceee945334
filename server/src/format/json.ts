// Machine-readable output: every model with every finding (accepted and baselined ones marked),
// positions 1-based, and the summary the exit code follows.

import { ruleCatalogue } from './catalogue.js';
import { Locator } from './locate.js';
import type { Report, ReportedFinding } from './report.js';
import { displayPath, notListed, summarize } from './report.js';

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  fingerprint: string;
  target: string;
  accepted?: { reason: string; until?: string; by?: string };
  /** The acceptance that covered it has run out. */
  expired?: { reason: string; until?: string; by?: string };
  /** Its fingerprint is in the baseline. */
  known?: true;
  cwe: number | null;
  /** STRIDE letters: S, T, R, I, D, E. */
  stride: string[];
}

export interface JsonReport {
  version: string;
  models: { file: string; findings: JsonFinding[] }[];
  /**
   * Counts of the findings listed; with `--quiet`, `quiet` says below which severity findings
   * were left out and how many problems that was.
   */
  summary: ReturnType<typeof summarize> & { failOn: string; quiet?: { below: string; notListed: number } };
}

const note = (n: { reason: string; until?: string; by?: string }) => ({
  reason: n.reason,
  ...(n.until !== undefined ? { until: n.until } : {}),
  ...(n.by !== undefined ? { by: n.by } : {}),
});

export function toJsonReport(report: Report): JsonReport {
  const locator = new Locator(report.files);
  const rules = new Map(ruleCatalogue().map((r) => [r.id, r]));
  const finding = (f: ReportedFinding): JsonFinding => {
    const r = locator.region(f.file, f.range);
    const rule = rules.get(f.rule);
    // The optional keys are set in the order the output lists them (not spread from objects made for the purpose).
    const out: Partial<JsonFinding> = {
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file: displayPath(f.file, report.cwd),
      range: { start: { line: r.startLine, column: r.startColumn }, end: { line: r.endLine, column: r.endColumn } },
      fingerprint: f.fingerprint,
      target: f.target,
    };
    if (f.accepted) out.accepted = note(f.accepted);
    if (f.expired) out.expired = note(f.expired);
    if (f.known) out.known = true;
    out.cwe = rule?.cwe ?? null;
    out.stride = rule?.stride ?? [];
    return out as JsonFinding;
  };
  const shown = summarize(report.models, report.failOn);
  return {
    version: report.tool.version,
    models: report.models.map((m) => ({ file: displayPath(m.file, report.cwd), findings: m.findings.map(finding) })),
    summary: { ...shown, failOn: report.failOn, ...(report.quiet ? { quiet: { below: report.quiet.below, notListed: notListed(report, shown).quiet } } : {}) },
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
