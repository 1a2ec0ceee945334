// Drives the language server over stdio the way an editor does: spawn it, speak JSON-RPC with
// vscode-jsonrpc, answer its requests (settings), collect what it pushes.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/util/lines.js';

const ROOT = path.resolve(__dirname, '../..');

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface Settings {
  rules?: Record<string, string>;
  diagnostics?: { delay?: number; minSeverity?: string };
  accept?: { style?: 'entry' | 'comment' };
  outline?: { maxSymbols?: number };
}

export class TestClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  readonly texts = new Map<string, { text: string; version: number }>();
  readonly pushed = new Map<string, Diagnostic[]>();
  private readonly waiters: { match: () => boolean; resolve: () => void }[] = [];
  private current: Settings = { diagnostics: { delay: 0 } };
  readonly statuses: { uris: string[]; counts: Record<string, number>; hidden?: Record<string, number> }[] = [];
  stderr = '';

  constructor(entry = path.join(ROOT, 'server/src/lsp/main.ts')) {
    const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
    this.child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(() => this.current));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('moat/status', (p: { uris: string[]; counts: Record<string, number>; hidden?: Record<string, number> }) => { this.statuses.push(p); this.wake(); });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.pushed.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.connection.listen();
  }

  get settings(): Settings {
    return this.current;
  }

  /** New settings, announced as an editor does (`workspace/didChangeConfiguration`); the server asks for them again. */
  set settings(settings: Settings) {
    this.current = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  private wake(): void {
    for (const w of [...this.waiters]) {
      if (w.match()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `match` holds after something arrives from the server. */
  until(match: () => boolean): Promise<void> {
    if (match()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  async initialize(options: { pull?: boolean; folders?: string[]; initializationOptions?: unknown; resolveEdits?: boolean; snippetEdits?: boolean } = {}): Promise<any> {
    const pull = options.pull ?? true;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: (options.folders ?? []).map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, ...(options.snippetEdits ? { snippetEditSupport: true } : {}) }, diagnostics: { refreshSupport: true } },
        textDocument: {
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            ...(options.resolveEdits ? { resolveSupport: { properties: ['edit'] } } : {}),
          },
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(file: string, text: string): string {
    const uri = uriOf(file);
    this.texts.set(uri, { text, version: 1 });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moat', version: 1, text } });
    return uri;
  }

  change(uri: string, text: string): void {
    const doc = this.texts.get(uri)!;
    doc.text = text;
    doc.version++;
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  diagnostics(uri: string, previousResultId?: string): Promise<{ kind: string; items: Diagnostic[]; resultId?: string }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  /**
   * Applies a workspace edit as an editor would: refused when a document's version differs. A
   * snippet edit inserts its text, `placeholder` where each placeholder starts.
   */
  apply(edit: WorkspaceEdit, placeholder = ''): Map<string, string> {
    const out = new Map<string, string>();
    for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) {
      const doc = this.texts.get(change.textDocument.uri);
      if (!doc) throw new Error(`edit for a document that is not open: ${change.textDocument.uri}`);
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
        throw new Error(`stale edit: version ${change.textDocument.version}, document at ${doc.version}`);
      }
      // A snippet edit as an editor inserts it: its text without the placeholders (see expandSnippet).
      // With `placeholder`, it marks where each of the snippet's placeholders starts.
      const edits = change.edits.map((e) => ('snippet' in e ? { range: e.range, newText: expandSnippet(e.snippet.value, placeholder).text } : e));
      out.set(change.textDocument.uri, applyTextEdits(doc.text, edits));
    }
    return out;
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/**
 * A snippet's text as VS Code inserts it, and where its tabstops and placeholders are (offsets in
 * that text, with their default text): `$1`, `\${1}`, `\${1:text}`; `\\$`, `\\}` and `\\\\` are escapes.
 */
export function expandSnippet(value: string, marker = ''): { text: string; stops: { index: number; at: number; text: string }[] } {
  let text = '';
  const stops: { index: number; at: number; text: string }[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length && '$}\\'.includes(value[i + 1])) {
      text += value[++i];
      continue;
    }
    const m = c === '$' ? /^\$(?:(\d+)|\{(\d+)(?::([^}]*))?\})/.exec(value.slice(i)) : null;
    if (m) {
      const def = m[3] ?? '';
      stops.push({ index: Number(m[1] ?? m[2]), at: text.length, text: def });
      text += marker + def;
      i += m[0].length - 1;
      continue;
    }
    text += c;
  }
  return { text, stops };
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits.map((e) => ({
    start: lines.offset(e.range.start.line, e.range.start.character),
    end: lines.offset(e.range.end.line, e.range.end.character),
    newText: e.newText,
  })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text a diagnostic's range covers. */
export function textAt(text: string, d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(d.range.start.line, d.range.start.character), lines.offset(d.range.end.line, d.range.end.character));
}
