// Findings → LSP diagnostics: on the exact key or value, the rule id as the code, linked to the
// rule's documentation. Only the finding's target rides along in `data`: a quick fix finds its
// finding again by code, range and target (actions.ts), never by its message, and a report of
// thousands of findings stays small.

import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../model/types.js';
import { ruleDocUrl } from '../format/catalogue.js';
import { LineIndex, lineIndexOf } from '../util/lines.js';
import { atLeast, findingsIn, messageOf } from '../service/index.js';
import type { RootAnalysis } from '../service/index.js';

export { messageOf };
export const ruleDocsUrl = ruleDocUrl;

/** VS Code shows at most this many diagnostics of a file; past it, it says only that there are more. */
export const MAX_SHOWN_DIAGNOSTICS = 1000;

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** Rules whose finding is about something that can simply go: the editor greys it out. */
const UNNECESSARY = new Set(['unused-data', 'unused-role', 'unused-boundary', 'unused-grant', 'stale-acceptance']);

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

export interface FileDiagnostics {
  items: Diagnostic[];
  /** Findings of the file the editor is not shown: below the lowest severity asked for, or past what it can show. */
  hidden: number;
}

/**
 * The diagnostics of `file`: those at or above `minSeverity`, the most serious first when there
 * are more than the editor shows, and then one at the top of the file that says how many are not
 * shown (and how to see them).
 */
export function fileDiagnostics(file: string, analyses: readonly RootAnalysis[], minSeverity: Severity = 'info', lastGood?: LastGoodDiagnostics): FileDiagnostics {
  const text = analyses.find((a) => a.analysis.model.files.has(file))?.analysis.model.files.get(file)?.text ?? '';
  const lines = lineIndexOf(text);
  const all = findingsIn(file, analyses);
  let shown = atLeast(all, minSeverity);
  const belowMin = all.length - shown.length;
  let overflow = 0;
  if (shown.length > MAX_SHOWN_DIAGNOSTICS - 1) {
    // The editor cuts a long list where it ends: what is cut is the least serious, not the bottom of the file.
    const candidates = shown;
    shown = mostSerious(candidates, MAX_SHOWN_DIAGNOSTICS - 1);
    overflow = candidates.length - shown.length;
  }
  const fresh = shown.map((f) => toDiagnostic(f, lines));
  const items = lastGood ? lastGood.through(file, analyses, fresh, lines.lineCount) : fresh;
  const hidden = belowMin + overflow;
  if (hidden > 0) items.unshift(hiddenNotice(hidden, belowMin, overflow, minSeverity));
  return { items, hidden };
}

/**
 * The `max` most serious findings as the editor ranks them (critical and high are both errors),
 * in the order written: what a stable sort by severity would keep, counted instead of sorted
 * (thousands of findings after every keystroke).
 */
export function mostSerious(findings: readonly Finding[], max: number): Finding[] {
  const room = new Map<DiagnosticSeverity, number>();
  for (const f of findings) room.set(LSP_SEVERITY[f.severity], (room.get(LSP_SEVERITY[f.severity]) ?? 0) + 1);
  let left = max;
  for (const severity of [...room.keys()].sort((a, b) => a - b)) {
    const keep = Math.min(left, room.get(severity)!);
    room.set(severity, keep);
    left -= keep;
  }
  return findings.filter((f) => {
    const n = room.get(LSP_SEVERITY[f.severity])!;
    if (n === 0) return false;
    room.set(LSP_SEVERITY[f.severity], n - 1);
    return true;
  });
}

function hiddenNotice(hidden: number, belowMin: number, overflow: number, minSeverity: Severity): Diagnostic {
  const reasons = [
    belowMin > 0 ? `${belowMin} below ${minSeverity} (setting moat.diagnostics.minSeverity)` : undefined,
    overflow > 0 ? `${overflow} of the least severe past the ${MAX_SHOWN_DIAGNOSTICS} an editor shows per file` : undefined,
  ].filter(Boolean).join('; ');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'moat/hidden',
    source: 'moat',
    message: `${hidden} more Moat ${hidden === 1 ? 'finding is' : 'findings are'} not shown in this file: ${reasons}. \`moat check\` lists them all.`,
  };
}

/** Every diagnostic of `file` (what the tests compare against a fresh analysis). */
export function diagnosticsFor(file: string, analyses: readonly RootAnalysis[], lastGood?: LastGoodDiagnostics): Diagnostic[] {
  return fileDiagnostics(file, analyses, 'info', lastGood).items;
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
