// Findings → LSP diagnostics: on the exact key or value, the rule id as the code, linked to the
// rule's documentation. Nothing rides along in `data`: a quick fix finds its finding again by the
// code and range (actions.ts), which keeps a report of thousands of findings small.

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

export function diagnosticsFor(file: string, analyses: readonly RootAnalysis[], lastGood?: LastGoodDiagnostics): Diagnostic[] {
  const text = analyses.find((a) => a.analysis.model.files.has(file))?.analysis.model.files.get(file)?.text ?? '';
  const lines = lineIndexOf(text);
  const diagnostics = findingsIn(file, analyses).map((f) => toDiagnostic(f, lines));
  return lastGood ? lastGood.through(file, analyses, diagnostics, lines.lineCount) : diagnostics;
}

/** What a kept diagnostic of the last analysis that parsed says after its message. */
export const KEPT_NOTE = ' (From the last analysis before the syntax error; checked again once the file parses.)';

/**
 * While a model does not parse, the editor shows the syntax error and, for the rest, the
 * findings of the last analysis that parsed, marked as such: a half-read model's findings come
 * and go with every keystroke and many are false. Remembered per file, for the open files.
 */
export class LastGoodDiagnostics {
  private readonly byFile = new Map<string, Diagnostic[]>();

  through(file: string, analyses: readonly RootAnalysis[], diagnostics: Diagnostic[], lineCount: number): Diagnostic[] {
    const broken = analyses.some((a) => a.analysis.findings.some((f) => f.rule === 'model/syntax' && a.analysis.model.files.has(file)));
    if (!broken) {
      this.byFile.set(file, diagnostics);
      return diagnostics;
    }
    const last = this.byFile.get(file);
    if (!last) return diagnostics;
    const syntax = diagnostics.filter((d) => d.code === 'model/syntax');
    const kept = last
      .filter((d) => d.range.end.line < lineCount && !syntax.some((s) => s.range.start.line === d.range.start.line))
      .map((d) => ({ ...d, message: d.message + KEPT_NOTE }));
    return [...syntax, ...kept];
  }

  forget(file: string): void {
    this.byFile.delete(file);
  }
}

export type SeverityCounts = Record<Severity, number>;

/** Finding counts of a whole model, for the status bar. */
export function countFindings(analysis: RootAnalysis): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of analysis.analysis.findings) if (!f.accepted) counts[f.severity]++;
  return counts;
}
