// GitHub Actions workflow commands: each finding becomes an annotation on the line it points at.
// GitHub keeps only ten annotations of each kind per step, so a closing line gives the counts
// (SARIF upload shows every finding). Files are named relative to the repository root, which is
// what GitHub resolves annotation paths against.

import type { Severity } from '../model/types.js';
import { Locator } from './locate.js';
import type { Report } from './report.js';
import { displayPath, expiredNote, isProblem, notListed, notListedParts, plural, summarize, uniqueFindings } from './report.js';
import { SEVERITIES } from '../model/types.js';

export function annotationLevel(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'notice';
}

/** The message part of a workflow command. */
export function escapeData(text: string): string {
  if (!/[%\r\n]/.test(text)) return text;
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command, where `:` and `,` are separators. */
export function escapeProperty(text: string): string {
  if (!/[%\r\n:,]/.test(text)) return text;
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: Report): string {
  const locator = new Locator(report.files);
  const lines: string[] = [];
  for (const f of uniqueFindings(report.models)) {
    if (!isProblem(f)) continue;
    const r = locator.region(f.file, f.range);
    const props = [
      `file=${escapeProperty(displayPath(f.file, report.repoRoot))}`,
      `line=${r.startLine}`, `col=${r.startColumn}`, `endLine=${r.endLine}`, `endColumn=${r.endColumn}`,
      `title=${escapeProperty(f.rule)}`,
    ];
    lines.push(`::${annotationLevel(f.severity)} ${props.join(',')}::${escapeData(f.message + expiredNote(f))}`);
  }
  const s = summarize(report.models, report.failOn);
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const extra = notListedParts(report, notListed(report, s));
  const verdict = s.exitCode === 2 ? 'a model could not be read' : s.failing > 0 ? `${plural(s.failing, 'finding')} at or above ${report.failOn} fail the run` : 'the run passes';
  lines.push(`Moat: ${plural(s.problems, 'problem')}${report.quiet ? ` at or above ${report.quiet.below}` : ''}${counts.length > 0 ? ` (${counts.join(', ')})` : ''} in ${plural(s.models, 'model')}${extra.length > 0 ? `; ${extra.join(', ')}` : ''}; ${verdict}.`);
  return `${lines.join('\n')}\n`;
}
