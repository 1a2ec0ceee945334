// ESLint's default output: findings grouped by file, one aligned row each
// (`line:col  severity  message  rule-id`), then a summary line. Accepted and baselined findings
// are not listed (as ESLint leaves out suppressed messages); a last line counts them.

import { createColors } from 'picocolors';
import type { Severity } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { compareFindings } from '../analysis/analyze.js';
import { Locator } from './locate.js';
import type { Report, ReportedFinding } from './report.js';
import { displayPath, expiredNote, isProblem, notListed, notListedParts, plural, summarize, uniqueFindings } from './report.js';

type Colors = ReturnType<typeof createColors>;

function severityLabel(c: Colors, severity: Severity): string {
  switch (severity) {
    case 'critical': return c.bold(c.red(severity));
    case 'high': return c.red(severity);
    case 'medium': return c.yellow(severity);
    case 'low': return c.cyan(severity);
    case 'info': return c.gray(severity);
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (s: string) => (s.includes('\u001b') ? s.replace(ANSI, '').length : s.length);

/** text-table, as ESLint uses it: columns padded to their widest cell, two spaces apart, trailing space trimmed. */
function table(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) => row
    .map((cell, i) => {
      const pad = ' '.repeat(widths[i] - visibleLength(cell));
      return align[i] === 'r' ? pad + cell : cell + pad;
    })
    .join('  ')
    .trimEnd());
}

/** ESLint's messages end without a period: one after a word is dropped. */
function withoutFinalPeriod(message: string): string {
  const n = message.length;
  return n > 1 && message.charCodeAt(n - 1) === 46 /* . */ && message.charCodeAt(n - 2) !== 32 ? message.slice(0, -1) : message;
}

export function formatStylish(report: Report): string {
  const c = createColors(report.color ?? false);
  const locator = new Locator(report.files);
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of uniqueFindings(report.models)) {
    if (!isProblem(f)) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const summary = summarize(report.models, report.failOn);
  let out = '';
  const files = [...byFile.keys()].sort((a, b) => displayPath(a, report.cwd).localeCompare(displayPath(b, report.cwd)));
  for (const file of files) {
    const findings = byFile.get(file)!.sort(compareFindings);
    const rows = findings.map((f) => {
      const r = locator.region(f.file, f.range);
      const message = withoutFinalPeriod(f.message + expiredNote(f));
      return ['', String(r.startLine), String(r.startColumn), severityLabel(c, f.severity), message, c.dim(f.rule)];
    });
    // As ESLint does: align line and column as two columns, then join them, so the column's padding follows it.
    const lines = table(rows, ['l', 'r', 'l']).map((line) => line.replace(/(\d+)\s+(\d+)/u, (_m, l: string, col: string) => c.dim(`${l}:${col}`)));
    out += `${c.underline(displayPath(file, report.cwd))}\n${lines.join('\n')}\n\n`;
  }
  if (summary.problems > 0) {
    const counts = SEVERITIES.map((s) => `${summary.bySeverity[s]} ${s}`).join(', ');
    const color = summary.bySeverity.critical + summary.bySeverity.high > 0 ? c.red : c.yellow;
    out += `${color(c.bold(`\u2716 ${plural(summary.problems, 'problem')} (${counts})`))}\n`;
  }
  const hidden = notListed(report, summary);
  const notShown = notListedParts(report, hidden);
  // A clean run says so, as a test runner does: silence reads as "did it run?". With --quiet
  // hiding some, only what it kept is absent.
  if (summary.problems === 0 && summary.models > 0) {
    const none = hidden.quiet > 0 ? `no problems at or above ${report.quiet!.below}` : 'no problems';
    out += `${c.green(c.bold(`\u2714 ${plural(summary.models, 'model')} checked, ${none}`))}\n`;
  }
  if (notShown.length > 0) {
    const total = hidden.quiet + hidden.accepted + hidden.known;
    out += `  ${plural(total, 'finding')} not shown: ${notShown.join(', ')}\n`;
  }
  return summary.problems === 0 ? out : `\n${out}`;
}
