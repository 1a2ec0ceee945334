// Quick fixes as code actions. The service finds a diagnostic's finding by its code (the rule) and
// range, against the analysis of the text as it is now, and says its fixes; every edit names the
// document version it was computed for, so the editor refuses a stale one. "Fix all … in this
// file" is worked out only when chosen (`codeAction/resolve`): offering it costs nothing.

import { CodeActionKind } from 'vscode-languageserver';
import type { CancellationToken, CodeAction, Command, CodeActionParams, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { AcceptStyle, FileEdit, Fix } from '../fix/fixes.js';
import { applyEdits } from '../fix/text.js';
import { LineIndex, lineIndexOf } from '../util/lines.js';
import type { MoatService, RootAnalysis } from '../service/index.js';
import { toDiagnostic } from './diagnostics.js';
import type { UriMap } from './uris.js';

export const SHOW_RULE_DOCS = 'moat.showRuleDocumentation';
/** A client command: (uri, range) selects the range once the action's edit is applied. */
export const PLACE_CURSOR = 'moat.placeCursor';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.moat`;

export interface ActionContext {
  service: MoatService;
  uris: UriMap;
  params: CodeActionParams;
  acceptStyle: AcceptStyle;
  clientCommands: ReadonlySet<string>;
  /** The client resolves code actions' edits: "fix all" is then computed when chosen. */
  resolveEdits?: boolean;
  token?: CancellationToken;
}

/** What a deferred "fix all" carries to `codeAction/resolve`. */
interface FixAllData {
  fixAll: { uri: string; rule: string };
}

/** A workspace edit with the version of every open document it touches; undefined when a document moved on. */
export function workspaceEdit(service: MoatService, uris: UriMap, results: readonly RootAnalysis[], edits: readonly FileEdit[]): WorkspaceEdit | undefined {
  const byFile = new Map<string, FileEdit[]>();
  for (const e of edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(e);
  }
  const changes: TextDocumentEdit[] = [];
  for (const [file, list] of byFile) {
    const analysedText = service.analysedText(file, results);
    const doc = service.document(file);
    // The edit was computed on the analysed text; if the document has moved on since, it is not offered.
    if (analysedText === undefined || (doc && doc.text !== analysedText)) return undefined;
    const lines = lineIndexOf(analysedText);
    changes.push({
      textDocument: { uri: uris.uriOf(file), version: doc ? doc.version : null },
      edits: list.map((e) => ({ range: { start: lines.position(e.start), end: lines.position(e.end) }, newText: e.newText })),
    });
  }
  return { documentChanges: changes };
}

function isOurs(d: Diagnostic): d is Diagnostic & { code: string } {
  return d.source === 'moat' && typeof d.code === 'string' && typeof d.range?.start?.line === 'number' && typeof d.range.end?.line === 'number';
}

export async function codeActions(ctx: ActionContext): Promise<CodeAction[]> {
  const { service, uris, params } = ctx;
  const file = uris.pathOf(params.textDocument.uri);
  const results = await service.analysesOf(file);
  const text = service.analysedText(file, results) ?? service.document(file)?.text ?? '';
  const lines = lineIndexOf(text);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const asAction = (fix: Fix, diagnostic: Diagnostic): CodeAction | undefined => {
    const edit = workspaceEdit(service, uris, results, fix.edits);
    if (!edit) return undefined;
    const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: fix.preferred };
    const command = fix.cursor && ctx.clientCommands.has(PLACE_CURSOR) && placeCursor(service, uris, results, fix);
    if (command) action.command = command;
    return action;
  };

  if (wants(CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter(isOurs);
    const refs = ours.map((d) => ({
      rule: d.code,
      start: lines.offset(d.range.start.line, d.range.start.character),
      end: lines.offset(d.range.end.line, d.range.end.character),
      target: typeof (d.data as { target?: unknown } | undefined)?.target === 'string' ? (d.data as { target: string }).target : undefined,
    }));
    const answers = await service.quickFixes(file, refs, ctx.acceptStyle);
    const rulesDone = new Set<string>();
    for (const [i, answer] of answers.entries()) {
      if (ctx.token?.isCancellationRequested) return [];
      if (!answer) continue;
      const d = ours[i];
      const { finding } = answer;
      for (const fix of answer.fixes) {
        const action = asAction(fix, d);
        if (action) actions.push(action);
      }
      const fixable = answer.fixes.filter((f) => f.safe).length === 1;
      if (!rulesDone.has(finding.rule) && answer.othersOfRule && fixable) {
        rulesDone.add(finding.rule);
        const title = `Fix all ${finding.rule} findings in this file`;
        if (ctx.resolveEdits) {
          actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], data: { fixAll: { uri: params.textDocument.uri, rule: finding.rule } } satisfies FixAllData });
        } else {
          const resolved = await fixAllAction(service, uris, params.textDocument.uri, finding.rule, title);
          if (resolved) actions.push(resolved);
        }
      }
      const accept = answer.accept && asAction(answer.accept, d);
      if (accept) actions.push(accept);
      if (ctx.clientCommands.has(SHOW_RULE_DOCS)) actions.push({
        title: `Show documentation for ${finding.rule}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: `Show documentation for ${finding.rule}`, command: SHOW_RULE_DOCS, arguments: [finding.rule] },
      });
    }
  }

  if (only && wants(FIX_ALL_KIND) && results.length > 0) {
    const edits = await service.fixAll(file);
    const edit = edits.length > 0 ? workspaceEdit(service, uris, results, edits) : undefined;
    if (edit) actions.push({ title: 'Fix all safely fixable Moat findings', kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

/** The command that puts the cursor where a fix wants it, in the text its edits leave. */
function placeCursor(service: MoatService, uris: UriMap, results: readonly RootAnalysis[], fix: Fix): Command | undefined {
  if (!fix.cursor) return undefined;
  const { file, offset } = fix.cursor;
  const text = service.analysedText(file, results);
  if (text === undefined) return undefined;
  const position = lineIndexOf(applyEdits(text, fix.edits.filter((e) => e.file === file))).position(offset);
  return { title: 'Write the reason', command: PLACE_CURSOR, arguments: [uris.uriOf(file), { start: position, end: position }] };
}

/** "Fix all RULE findings in this file": the findings its edits fix, and the edits; undefined when none is left to fix. */
async function fixAllAction(service: MoatService, uris: UriMap, uri: string, rule: string, title: string): Promise<CodeAction | undefined> {
  const file = uris.pathOf(uri);
  const results = await service.analysesOf(file);
  const { edits, fixed } = await service.fixAllOf(file, rule);
  // Only the findings it fixes: the others of the rule need a choice, and stay.
  const edit = fixed.length > 1 ? workspaceEdit(service, uris, results, edits) : undefined;
  if (!edit) return undefined;
  const lines = new LineIndex(service.analysedText(file, results) ?? '');
  return { title, kind: CodeActionKind.QuickFix, diagnostics: fixed.map((f) => toDiagnostic(f, lines)), edit };
}

/** `codeAction/resolve`: a deferred "fix all" gets its edit (none, when the text moved on or nothing is left to fix). */
export async function resolveCodeAction(service: MoatService, uris: UriMap, action: CodeAction): Promise<CodeAction> {
  const data = action.data as Partial<FixAllData> | undefined;
  const fixAll = data?.fixAll;
  if (!fixAll || typeof fixAll.uri !== 'string' || typeof fixAll.rule !== 'string') return action;
  const resolved = await fixAllAction(service, uris, fixAll.uri, fixAll.rule, action.title);
  return resolved ? { ...action, diagnostics: resolved.diagnostics, edit: resolved.edit } : action;
}
