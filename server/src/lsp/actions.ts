// Quick fixes as code actions. The service finds a diagnostic's finding by its code (the rule) and
// range, against the analysis of the text as it is now, and says its fixes; every edit names the
// document version it was computed for, so the editor refuses a stale one. "Fix all … in this
// file" is worked out only when chosen (`codeAction/resolve`): offering it costs nothing.

import { CodeActionKind } from 'vscode-languageserver';
import type { CancellationToken, CodeAction, CodeActionParams, Diagnostic, SnippetTextEdit, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { AcceptStyle, FileEdit, Fix } from '../fix/fixes.js';
import { LineIndex, lineIndexOf } from '../util/lines.js';
import type { MoatService, RootAnalysis } from '../service/index.js';
import { toDiagnostic } from './diagnostics.js';
import type { UriMap } from './uris.js';

export const SHOW_RULE_DOCS = 'moat.showRuleDocumentation';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.moat`;

export interface ActionContext {
  service: MoatService;
  uris: UriMap;
  params: CodeActionParams;
  acceptStyle: AcceptStyle;
  clientCommands: ReadonlySet<string>;
  /** The client applies LSP 3.18 snippet edits (`workspace.workspaceEdit.snippetEditSupport`). */
  snippetEdits?: boolean;
  /** The client resolves code actions' edits: "fix all" is then computed when chosen. */
  resolveEdits?: boolean;
  token?: CancellationToken;
}

/** What a deferred "fix all" carries to `codeAction/resolve`. */
interface FixAllData {
  fixAll: { uri: string; rule: string };
}

/** A snippet's text as written: `$`, `}` and `\` stand for themselves. */
const snippetText = (text: string) => text.replace(/[$}\\]/g, '\\$&');

/**
 * The edits of one file (`list`, on `text`) with the place the fix leaves for the user (`cursor`,
 * an offset in the edited text) as an empty snippet placeholder in the edit that writes it;
 * undefined when no edit writes that place. Empty, so that an editor left without typing leaves
 * no made-up reason. The snippet edit starts at the start of its line (rewriting what it skipped
 * as it was): VS Code indents every line of a snippet by the whitespace before where it goes, and
 * Moat's text is already indented as the YAML needs.
 */
export function withPlaceholder(text: string, list: readonly FileEdit[], cursor: number): (FileEdit & { snippet?: string })[] | undefined {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const [i, e] of sorted.entries()) {
    const at = cursor - (e.start + shift);
    if (at >= 0 && at <= e.newText.length) {
      const lineStart = text.lastIndexOf('\n', e.start - 1) + 1;
      const from = i > 0 && sorted[i - 1].end > lineStart ? e.start : lineStart;
      const before = text.slice(from, e.start) + e.newText.slice(0, at);
      const snippet = `${snippetText(before)}\${1}${snippetText(e.newText.slice(at))}`;
      return sorted.map((x, j) => (j === i ? { ...x, start: from, snippet } : x));
    }
    shift += e.newText.length - (e.end - e.start);
  }
  return undefined;
}

/**
 * A workspace edit with the version of every open document it touches; undefined when a document
 * moved on. With `cursor`, the place left for the user is a snippet placeholder (LSP 3.18
 * `SnippetTextEdit`).
 */
export function workspaceEdit(service: MoatService, uris: UriMap, results: readonly RootAnalysis[], edits: readonly FileEdit[], cursor?: Fix['cursor']): WorkspaceEdit | undefined {
  const byFile = new Map<string, FileEdit[]>();
  for (const e of edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(e);
  }
  const changes: TextDocumentEdit[] = [];
  for (const [file, plain] of byFile) {
    const analysedText = service.analysedText(file, results);
    const doc = service.document(file);
    // The edit was computed on the analysed text; if the document has moved on since, it is not offered.
    if (analysedText === undefined || (doc && doc.text !== analysedText)) return undefined;
    const snippets = cursor?.file === file ? withPlaceholder(analysedText, plain, cursor.offset) : undefined;
    const list: (FileEdit & { snippet?: string })[] = snippets ?? plain;
    const lines = lineIndexOf(analysedText);
    changes.push({
      textDocument: { uri: uris.uriOf(file), version: doc ? doc.version : null },
      edits: list.map((e): TextEdit | SnippetTextEdit => {
        const range = { start: lines.position(e.start), end: lines.position(e.end) };
        return e.snippet === undefined ? { range, newText: e.newText } : { range, snippet: { kind: 'snippet', value: e.snippet } };
      }),
    });
  }
  return { documentChanges: changes };
}

function isOurs(d: Diagnostic): d is Diagnostic & { code: string } {
  // A client may send anything in the list: what is not one of our diagnostics is left alone.
  return typeof d === 'object' && d !== null && d.source === 'moat' && typeof d.code === 'string' && typeof d.range?.start?.line === 'number' && typeof d.range.end?.line === 'number';
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
    // The place left to write is a snippet placeholder where the client takes snippet edits.
    const edit = workspaceEdit(service, uris, results, fix.edits, ctx.snippetEdits ? fix.cursor : undefined);
    if (!edit) return undefined;
    return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: fix.preferred };
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
