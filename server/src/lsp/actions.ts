// Quick fixes as code actions. A fix is found for a diagnostic by its code (the rule) and range,
// against the analysis of the text as it is now; every edit names the document version it was
// computed for, so the editor refuses a stale one.

import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, CodeActionParams, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { acceptFix, fixAll, fixAllOf, fixesFor } from '../fix/fixes.js';
import type { AcceptStyle, FileEdit, Fix } from '../fix/fixes.js';
import type { Finding } from '../model/types.js';
import { LineIndex } from '../util/lines.js';
import { findingsIn, toDiagnostic } from './diagnostics.js';
import type { ModelWorkspace, RootAnalysis } from './workspace.js';

export const SHOW_RULE_DOCS = 'moat.showRuleDocumentation';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.moat`;

export interface ActionContext {
  workspace: ModelWorkspace;
  doc: TextDocument;
  results: RootAnalysis[];
  params: CodeActionParams;
  acceptStyle: AcceptStyle;
  clientCommands: ReadonlySet<string>;
}

/** A workspace edit with the version of every open document it touches. */
export function workspaceEdit(workspace: ModelWorkspace, results: RootAnalysis[], edits: readonly FileEdit[]): WorkspaceEdit | undefined {
  const byFile = new Map<string, FileEdit[]>();
  for (const e of edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(e);
  }
  const changes: TextDocumentEdit[] = [];
  for (const [file, list] of byFile) {
    const analysedText = results.find((r) => r.analysis.model.files.has(file))?.analysis.model.files.get(file)?.text;
    const doc = workspace.document(file);
    // The edit was computed on the analysed text; if the document has moved on since, it is not offered.
    if (analysedText === undefined || (doc && doc.getText() !== analysedText)) return undefined;
    const lines = new LineIndex(analysedText);
    changes.push({
      textDocument: { uri: workspace.uriOf(file), version: doc ? doc.version : null },
      edits: list.map((e) => ({ range: { start: lines.position(e.start), end: lines.position(e.end) }, newText: e.newText })),
    });
  }
  return { documentChanges: changes };
}

function isOurs(d: Diagnostic): d is Diagnostic & { code: string } {
  return d.source === 'moat' && typeof d.code === 'string' && typeof d.range?.start?.line === 'number' && typeof d.range.end?.line === 'number';
}

/**
 * The finding a diagnostic stands for, in the analysis of the current text: the one of its rule
 * and target (the diagnostic's `data`) at its range, else the only one of its rule and target
 * (the diagnostic was computed for an earlier text). Never by message text.
 */
function findingOf(d: Diagnostic & { code: string }, findings: Finding[], lines: LineIndex): Finding | undefined {
  const start = lines.offset(d.range.start.line, d.range.start.character);
  const end = lines.offset(d.range.end.line, d.range.end.character);
  const target = (d.data as { target?: unknown } | undefined)?.target;
  const ours = findings.filter((f) => f.rule === d.code && (typeof target !== 'string' || f.target === target));
  const here = ours.find((f) => f.range.start === start && f.range.end === end);
  if (here) return here;
  return typeof target === 'string' && ours.length === 1 ? ours[0] : undefined;
}

export function codeActions(ctx: ActionContext): CodeAction[] {
  const { workspace, doc, results, params } = ctx;
  const file = workspace.pathOf(doc.uri);
  const findings = findingsIn(file, results);
  const lines = new LineIndex(doc.getText());
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const analysisOf = (f: Finding) => results.find((r) => r.analysis.findings.includes(f)) ?? results[0];
  const actions: CodeAction[] = [];
  const asAction = (fix: Fix, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined => {
    const edit = workspaceEdit(workspace, results, fix.edits);
    return edit && { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: fix.preferred };
  };

  if (wants(CodeActionKind.QuickFix)) {
    const rulesDone = new Set<string>();
    for (const d of params.context.diagnostics.filter(isOurs)) {
      const finding = findingOf(d, findings, lines);
      if (!finding) continue;
      const analysis = analysisOf(finding).analysis;
      for (const fix of fixesFor(analysis, finding)) {
        const action = asAction(fix, finding, d);
        if (action) actions.push(action);
      }
      const ofRule = findings.filter((f) => f.rule === finding.rule);
      if (!rulesDone.has(finding.rule) && ofRule.length > 1) {
        rulesDone.add(finding.rule);
        const { edits, fixed } = fixAllOf(analysis, ofRule);
        // Only the findings it fixes: the others of the rule need a choice, and stay.
        const edit = fixed.length > 1 ? workspaceEdit(workspace, results, edits) : undefined;
        if (edit) {
          actions.push({
            title: `Fix all ${finding.rule} findings in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: fixed.map((f) => toDiagnostic(f, lines)),
            edit,
          });
        }
      }
      const accept = acceptFix(analysis, finding, ctx.acceptStyle);
      const action = accept && asAction(accept, finding, d);
      if (action) actions.push(action);
      if (ctx.clientCommands.has(SHOW_RULE_DOCS)) actions.push({
        title: `Show documentation for ${finding.rule}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: `Show documentation for ${finding.rule}`, command: SHOW_RULE_DOCS, arguments: [finding.rule] },
      });
    }
  }

  if (only && wants(FIX_ALL_KIND) && results.length > 0) {
    const edits = fixAll(results[0].analysis, findings.filter((f) => results[0].analysis.findings.includes(f)));
    const edit = edits.length > 0 ? workspaceEdit(workspace, results, edits) : undefined;
    if (edit) actions.push({ title: 'Fix all safely fixable Moat findings', kind: FIX_ALL_KIND, edit });
  }
  return actions;
}
