// Findings → LSP diagnostics: on the exact key or value, the rule id as the code, linked to the
// rule's documentation. Only the finding's target rides along in `data`: a quick fix finds its
// finding again by code, range and target (actions.ts), never by its message, and a report of
// thousands of findings stays small.

import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../model/types.js';
import { LineIndex, lineIndexOf } from '../util/lines.js';
import type { RootAnalysis } from './workspace.js';

export const REPOSITORY = 'https://github.com/moat-security/moat';

/** docs/rules/<id>.md in the repository; model rules live under docs/rules/model/. */
export function ruleDocsUrl(rule: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${rule}.md`;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** Rules whose finding is about something that can simply go: the editor greys it out. */
const UNNECESSARY = new Set(['unused-data', 'unused-role', 'unused-boundary', 'unused-grant', 'stale-acceptance']);

/** The diagnostic's text: the finding's message, and why it shows again when its acceptance ran out. */
export function messageOf(finding: Finding): string {
  return finding.expired ? `${finding.message} (The acceptance of this finding expired on ${finding.expired.until}.)` : finding.message;
}

export function toDiagnostic(finding: Finding, lines: LineIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: lines.position(finding.range.start), end: lines.position(finding.range.end) },
    severity: LSP_SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule) },
    source: 'moat',
    message: messageOf(finding),
    data: { target: finding.target },
  };
  if (UNNECESSARY.has(finding.rule)) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** The findings (not accepted ones) that point into `file`, from every model it belongs to. */
export function findingsIn(file: string, analyses: readonly RootAnalysis[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const { analysis } of analyses) {
    for (const f of analysis.findings) {
      if (f.file !== file || f.accepted) continue;
      const key = `${f.fingerprint}|${f.range.start}|${f.range.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out;
}

export function diagnosticsFor(file: string, analyses: readonly RootAnalysis[]): Diagnostic[] {
  const text = analyses.find((a) => a.analysis.model.files.has(file))?.analysis.model.files.get(file)?.text ?? '';
  const lines = lineIndexOf(text);
  return findingsIn(file, analyses).map((f) => toDiagnostic(f, lines));
}

export type SeverityCounts = Record<Severity, number>;

/** Finding counts of a whole model, for the status bar. */
export function countFindings(analysis: RootAnalysis): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of analysis.analysis.findings) if (!f.accepted) counts[f.severity]++;
  return counts;
}
