// The Moat language server: the engine behind an LSP connection over stdio. Each feature lives
// in its own file; this one wires them to the connection and keeps the diagnostics fresh.

import {
  CodeActionKind, createConnection, DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type {
  CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport, InitializeParams, InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelWorkspace } from './workspace.js';
import type { RootAnalysis } from './workspace.js';
import { SettingsReader } from './settings.js';
import type { MoatSettings } from './settings.js';
import { countFindings, diagnosticsFor, LastGoodDiagnostics } from './diagnostics.js';
import { codeActions, FIX_ALL_KIND } from './actions.js';
import { completion } from './completion.js';
import { hover } from './hover.js';
import { definition, documentHighlights, prepareRename, references, rename } from './navigation.js';
import { documentSymbols } from './symbols.js';
import { foldingRanges } from './folding.js';
import { IdleCollector } from './idle.js';

/** Sent after each analysis: the finding counts of the model each file belongs to. */
export const STATUS_NOTIFICATION = 'moat/status';
export interface StatusParams {
  /** The files of the model (URIs) and the model's counts. */
  uris: string[];
  root: string;
  counts: Record<string, number>;
}

/**
 * Sent by the server to read a file of a virtual workspace (a non-`file` URI) that is not open,
 * when the client said it answers (`initializationOptions.readFile: true`).
 */
export const READ_FILE_REQUEST = 'moat/readFile';
export interface ReadFileParams {
  uri: string;
}
/** The file's text, or why it cannot be read (shown in the `model/include` finding). */
export type ReadFileResult = { text: string } | { error: string };

export function startLanguageServer(): void {
  const connection = createConnection(process.stdin, process.stdout);
  serve(connection);
  connection.listen();
}

export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new ModelWorkspace(documents);
  const settings = new SettingsReader(connection);
  const settingsOf = (uri: string): Promise<MoatSettings> => settings.forResource(uri);
  let pullDiagnostics = false;
  /** Commands the client runs itself (the VS Code extension names them in its initialization options). */
  let clientCommands = new Set<string>();
  /** URIs that hold pushed diagnostics (files not open in the editor, or every file without pull). */
  const pushed = new Map<string, string>();
  const pushTimers = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    settings.supportsConfiguration = !!caps.workspace?.configuration;
    const init = params.initializationOptions as { clientCommands?: unknown; readFile?: unknown } | undefined;
    if (Array.isArray(init?.clientCommands)) clientCommands = new Set(init.clientCommands.filter((c): c is string => typeof c === 'string'));
    if (init?.readFile === true) {
      workspace.setRemoteReader((uri) => connection.sendRequest(READ_FILE_REQUEST, { uri } satisfies ReadFileParams));
    }
    workspace.setFolders((params.workspaceFolders ?? []).map((f) => f.uri).concat(
      !params.workspaceFolders && params.rootUri ? [params.rootUri] : [],
    ));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '{', '-'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Moat' },
        foldingRangeProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'moat' },
    };
  });

  connection.onInitialized(() => {
    connection.workspace.onDidChangeWorkspaceFolders?.((e) => {
      void e;
      connection.workspace.getWorkspaceFolders().then((folders) => {
        workspace.setFolders((folders ?? []).map((f) => f.uri));
        rerunAll();
      }, () => undefined);
    });
  });

  const reportedConfigErrors = new Set<string>();
  /** What the status bar last heard per model, so hovers and completions do not repeat it. */
  const lastStatus = new Map<string, string>();
  /** How long the last analysis for a document took (ms): the pull's debounce follows it. */
  const analysisTime = new Map<string, number>();
  /** The last full diagnostic report per document, so that an identical one can be `unchanged`. */
  const lastReports = new Map<string, { resultId: string; items: Diagnostic[] }>();
  /** The open files' diagnostics from their last analysis that parsed. */
  const lastGood = new LastGoodDiagnostics();
  let reportCount = 0;

  const idle = new IdleCollector();
  connection.onShutdown(() => idle.dispose());

  const analysesOf = async (uri: string): Promise<RootAnalysis[]> => {
    const results = await workspace.analysesOf(workspace.pathOf(uri), settingsOf);
    idle.worked();
    for (const r of results) afterAnalysis(r);
    return results;
  };

  /** Keeps the status bar and the files that are not open (which no one pulls for) up to date. */
  const afterAnalysis = (r: RootAnalysis) => {
    if (r.configError && !reportedConfigErrors.has(r.configError)) {
      reportedConfigErrors.add(r.configError);
      void connection.window.showWarningMessage(`Moat: the config file is not applied: ${r.configError}`);
    }
    const files = [...r.analysis.model.files.keys()];
    const status: StatusParams = { uris: files.map((f) => workspace.uriOf(f)), root: workspace.uriOf(r.root), counts: countFindings(r) };
    const statusKey = JSON.stringify(status);
    if (lastStatus.get(r.root) !== statusKey) {
      lastStatus.set(r.root, statusKey);
      void connection.sendNotification(STATUS_NOTIFICATION, status);
    }
    for (const file of files) {
      if (pullDiagnostics && workspace.isOpen(file)) continue;
      publish(workspace.uriOf(file), diagnosticsFor(file, [r]));
    }
  };

  const publish = (uri: string, diagnostics: Diagnostic[]) => {
    const key = JSON.stringify(diagnostics);
    if (pushed.get(uri) === key) return;
    if (diagnostics.length === 0 && !pushed.has(uri)) return;
    if (diagnostics.length === 0) pushed.delete(uri);
    else pushed.set(uri, key);
    void connection.sendDiagnostics({ uri, diagnostics });
  };

  /** Without pull diagnostics, analyse after the user pauses, then push. */
  const schedulePush = async (uri: string) => {
    const delay = (await settingsOf(uri)).delay;
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(uri, setTimeout(() => {
      pushTimers.delete(uri);
      if (!documents.get(uri)) return;
      analysesOf(uri).then((results) => publish(uri, diagnosticsFor(workspace.pathOf(uri), results, lastGood)), (err) => logError('diagnostics', err));
    }, delay));
  };

  const rerunAll = () => {
    workspace.filesChanged();
    if (pullDiagnostics) connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const doc of documents.all()) void schedulePush(doc.uri);
    // Files that are not open are kept fresh through the models of the open ones.
    if (pullDiagnostics) for (const doc of documents.all()) analysesOf(doc.uri).catch((err) => logError('diagnostics', err));
  };

  documents.onDidOpen((e) => {
    workspace.changed(workspace.pathOf(e.document.uri));
    // Pull takes over from what was pushed while the file was closed.
    if (pullDiagnostics) publish(e.document.uri, []);
    else void schedulePush(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    workspace.changed(workspace.pathOf(e.document.uri));
    if (!pullDiagnostics) void schedulePush(e.document.uri);
  });
  documents.onDidClose((e) => {
    analysisTime.delete(e.document.uri);
    lastReports.delete(e.document.uri);
    const file = workspace.pathOf(e.document.uri);
    lastGood.forget(file);
    workspace.changed(file);
    clearTimeout(pushTimers.get(e.document.uri));
    if (!pullDiagnostics) publish(e.document.uri, []);
    // Its findings now live on as pushed diagnostics while another file of its model is open.
    const others = documents.all().filter((d) => d.uri !== e.document.uri);
    const stillShown = others.some((d) => workspace.rootsOf(workspace.pathOf(d.uri)).some((r) => workspace.rootsOf(file).includes(r)));
    if (stillShown) analysesOf(others[0].uri).catch((err) => logError('diagnostics', err));
  });

  connection.onDidChangeConfiguration(() => {
    settings.changed();
    rerunAll();
  });
  connection.onDidChangeWatchedFiles(() => rerunAll());

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    const { delay } = await settingsOf(doc.uri);
    // What the editor has sent already is read first: a change behind this request makes it stale.
    await new Promise((resolve) => setImmediate(resolve));
    // A debounce, when the setting asks for one, is as long as an analysis of this document
    // takes, at most the setting: a cheap analysis runs at once.
    const wait = Math.min(delay, analysisTime.get(doc.uri) ?? delay);
    if (documents.get(doc.uri)?.version === version && wait > 0) {
      await pause(wait, token, (wake) => documents.onDidChangeContent((e) => { if (e.document.uri === doc.uri) wake(); }));
    }
    const current = documents.get(params.textDocument.uri);
    if (token.isCancellationRequested || !current || current.version !== version) {
      // The text moved on while we waited: the editor asks again for the new one.
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics are stale.', { retriggerRequest: true });
    }
    const started = performance.now();
    const results = await analysesOf(doc.uri);
    analysisTime.set(doc.uri, performance.now() - started);
    const items = diagnosticsFor(workspace.pathOf(doc.uri), results, lastGood);
    // Most keystrokes leave every diagnostic where it was (positions are line and character, so
    // an edit moves only those on its own line): the editor then keeps what it has.
    const previous = lastReports.get(doc.uri);
    if (previous && params.previousResultId === previous.resultId && sameDiagnostics(previous.items, items)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: previous.resultId };
    }
    const resultId = String(++reportCount);
    lastReports.set(doc.uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  const withAnalyses = async <T>(uri: string, what: string, fallback: T, run: (doc: TextDocument, results: RootAnalysis[]) => T | Promise<T>): Promise<T> => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    try {
      return await run(doc, await analysesOf(uri));
    } catch (err) {
      // A refusal the feature meant (an invalid new name) goes to the user as it is.
      if (err instanceof ResponseError) throw err;
      logError(what, err);
      throw new ResponseError(-32603, `Moat could not answer ${what}: ${(err as Error)?.message ?? err}`);
    }
  };

  connection.onCodeAction((params) => withAnalyses(params.textDocument.uri, 'code actions', [], async (doc, results) => {
    const style = (await settingsOf(doc.uri)).acceptStyle;
    return codeActions({ workspace, doc, results, params, acceptStyle: style, clientCommands });
  }));
  connection.onCompletion((params) => withAnalyses(params.textDocument.uri, 'completion', [],
    (doc, results) => completion(doc, results, params.position, clientCommands)));
  connection.onHover((params) => withAnalyses(params.textDocument.uri, 'hover', null,
    (doc, results) => hover(workspace, doc, results, params.position)));
  connection.onDefinition((params) => withAnalyses(params.textDocument.uri, 'definition', [],
    (doc, results) => definition(workspace, doc, results, params.position)));
  connection.onReferences((params) => withAnalyses(params.textDocument.uri, 'references', [],
    (doc, results) => references(workspace, doc, results, params.position, params.context.includeDeclaration)));
  connection.onDocumentHighlight((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? documentHighlights(workspace, doc, params.position) : [];
  });
  connection.onPrepareRename((params) => withAnalyses(params.textDocument.uri, 'rename', null,
    (doc, results) => prepareRename(workspace, doc, results, params.position)));
  connection.onRenameRequest((params) => withAnalyses(params.textDocument.uri, 'rename', null,
    (doc, results) => rename(workspace, doc, results, params.position, params.newName)));
  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? documentSymbols(doc.getText()) : [];
  });
  connection.onFoldingRanges((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? foldingRanges(doc.getText()) : [];
  });

  const logError = (what: string, err: unknown) => {
    connection.console.error(`moat: ${what} failed: ${(err as Error)?.stack ?? err}`);
  };

  documents.listen(connection);
}

/** Whether two reports say the same (the fields the editor shows and sends back), in the same order. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.range.start.line !== y.range.start.line || x.range.start.character !== y.range.start.character
      || x.range.end.line !== y.range.end.line || x.range.end.character !== y.range.end.character
      || x.severity !== y.severity || x.code !== y.code || x.message !== y.message
      || !shallowEqual(x.data, y.data) || String(x.tags) !== String(y.tags)) return false;
  }
  return true;
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** Waits `ms`, or less when the request is cancelled or `interrupt` calls back (the text changed). */
function pause(ms: number, token: CancellationToken, interrupt: (wake: () => void) => { dispose(): void }): Promise<void> {
  if (ms <= 0 || token.isCancellationRequested) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); sub.dispose(); changed.dispose(); resolve(); };
    const timer = setTimeout(done, ms);
    const sub = token.onCancellationRequested(done);
    const changed = interrupt(done);
  });
}
