// The Moat language server: the engine behind an LSP connection over stdio. Each feature lives
// in its own file; this one wires them to the connection and keeps the diagnostics fresh.

import * as path from 'node:path';
import {
  CodeActionKind, createConnection, DocumentDiagnosticReportKind, FileChangeType, LSPErrorCodes, ResponseError, TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type {
  CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport, InitializeParams, InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeModelText } from '../model/host.js';
import type { ReadResult } from '../model/host.js';
import { severityRank } from '../model/types.js';
import type { Severity } from '../model/types.js';
import { createMoatService } from '../service/index.js';
import type { MoatService, RootAnalysis } from '../service/index.js';
import {
  DIAGRAM_ELEMENTS_REQUEST, DIAGRAM_REQUEST, DIAGRAM_SOURCE_REQUEST, READ_FILE_REQUEST, STATUS_NOTIFICATION,
} from '../service/protocol.js';
import type {
  DiagramElementsParams, DiagramElementsResult, DiagramParams, DiagramResult, DiagramSourceParams, DiagramSourceResult,
  ReadFileParams, StatusParams,
} from '../service/protocol.js';
import { toMermaid } from '../render/mermaid.js';
import { pathsOverlay } from '../paths/overlay.js';
import { mermaidBlock } from '../render/report.js';
import { lineIndexOf } from '../util/lines.js';
import { SettingsReader } from './settings.js';
import type { MoatSettings } from './settings.js';
import { countFindings, fileDiagnostics, LastGoodDiagnostics, MAX_SHOWN_DIAGNOSTICS } from './diagnostics.js';
import { codeActions, FIX_ALL_KIND, resolveCodeAction } from './actions.js';
import { completion, definition, documentHighlights, documentSymbols, foldingRanges, hover, prepareRename, references, rename, workspaceSymbols } from './features.js';
import { IdleCollector } from './idle.js';
import { isVirtualPath, UriMap, uriToPath } from './uris.js';
import { registerImportRequest } from './import.js';

export { READ_FILE_REQUEST, STATUS_NOTIFICATION };
export type { ReadFileParams, StatusParams };
export type { ReadFileResult } from '../service/protocol.js';

export function startLanguageServer(): void {
  const connection = createConnection(process.stdin, process.stdout);
  serve(connection);
  connection.listen();
}

export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const uris = new UriMap();
  const settings = new SettingsReader(connection);
  const settingsOf = (uri: string): Promise<MoatSettings> => settings.forResource(uri);
  /** Set when the client reads files of virtual workspaces for the server. */
  let readRemote: ((uri: string) => Promise<unknown>) | undefined;
  const service: MoatService = createMoatService({
    settings: async (root) => ({ rules: (await settingsOf(uris.uriOf(root))).rules }),
    isRemote: isVirtualPath,
    fetch: (file) => fetchRemote(file),
  });
  const fetchRemote = async (file: string): Promise<ReadResult> => {
    if (!readRemote) return { error: 'it is not open in the editor (a virtual workspace has no disk to read it from)' };
    let answer: unknown;
    try {
      answer = await readRemote(uris.uriOf(file));
    } catch (err) {
      return { error: `the editor could not read it (${(err as Error)?.message ?? 'no answer'})` };
    }
    const a = answer as { text?: unknown; error?: unknown } | null;
    if (typeof a?.text === 'string') return decodeModelText(Buffer.from(a.text, 'utf8'));
    return { error: typeof a?.error === 'string' && a.error !== '' ? a.error : 'the editor could not read it' };
  };
  let pullDiagnostics = false;
  /** The client fills in a code action's edit when it is chosen (`codeAction/resolve`). */
  let resolveEdits = false;
  /** Commands the client runs itself (the VS Code extension names them in its initialization options). */
  let clientCommands = new Set<string>();
  /** The client applies snippet edits (LSP 3.18): "Accept …" leaves the reason as a placeholder. */
  let snippetEdits = false;
  /** URIs that hold pushed diagnostics (files not open in the editor, or every file without pull). */
  const pushed = new Map<string, string>();
  const pushTimers = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    resolveEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit');
    settings.supportsConfiguration = !!caps.workspace?.configuration;
    snippetEdits = !!caps.workspace?.workspaceEdit?.snippetEditSupport;
    const init = params.initializationOptions as { clientCommands?: unknown; readFile?: unknown } | undefined;
    if (Array.isArray(init?.clientCommands)) clientCommands = new Set(init.clientCommands.filter((c): c is string => typeof c === 'string'));
    if (init?.readFile === true) {
      readRemote = (uri) => connection.sendRequest(READ_FILE_REQUEST, { uri } satisfies ReadFileParams);
    }
    setFolders((params.workspaceFolders ?? []).map((f) => f.uri).concat(
      !params.workspaceFolders && params.rootUri ? [params.rootUri] : [],
    ));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: resolveEdits },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '{', '-'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Moat' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'moat' },
    };
  });

  const setFolders = (folderUris: string[]) => {
    service.setFolders(folderUris.map(uriToPath).filter((f) => !isVirtualPath(f)));
  };

  connection.onInitialized(() => {
    connection.workspace.onDidChangeWorkspaceFolders?.((e) => {
      void e;
      connection.workspace.getWorkspaceFolders().then((folders) => {
        setFolders((folders ?? []).map((f) => f.uri));
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
    const results = await service.analysesOf(uris.pathOf(uri));
    idle.worked();
    for (const r of results) await afterAnalysis(r);
    return results;
  };

  /** Keeps the status bar and the files that are not open (which no one pulls for) up to date. */
  const afterAnalysis = async (r: RootAnalysis) => {
    if (r.configError && !reportedConfigErrors.has(r.configError)) {
      reportedConfigErrors.add(r.configError);
      void connection.window.showWarningMessage(`Moat: the config file is not applied: ${r.configError}`);
    }
    const { minSeverity } = await settingsOf(uris.uriOf(r.root));
    const files = [...r.analysis.model.files.keys()];
    const status: StatusParams = {
      uris: files.map((f) => uris.uriOf(f)), root: uris.uriOf(r.root), counts: countFindings(r), hidden: hiddenCounts(r, minSeverity),
    };
    const statusKey = JSON.stringify(status);
    if (lastStatus.get(r.root) !== statusKey) {
      lastStatus.set(r.root, statusKey);
      void connection.sendNotification(STATUS_NOTIFICATION, status);
    }
    for (const file of files) {
      if (pullDiagnostics && service.document(file)) continue;
      publish(uris.uriOf(file), fileDiagnostics(file, [r], minSeverity).items);
    }
  };

  /** Per file (URI) of the model, how many of its findings the editor is not shown. */
  const hiddenCounts = (r: RootAnalysis, minSeverity: Severity): Record<string, number> | undefined => {
    const min = severityRank(minSeverity);
    const perFile = new Map<string, { shown: number; below: number }>();
    for (const f of r.analysis.findings) {
      if (f.accepted) continue;
      let c = perFile.get(f.file);
      if (!c) perFile.set(f.file, (c = { shown: 0, below: 0 }));
      if (severityRank(f.severity) >= min) c.shown++;
      else c.below++;
    }
    const hidden: Record<string, number> = {};
    for (const [file, c] of perFile) {
      const n = c.below + Math.max(0, c.shown - (MAX_SHOWN_DIAGNOSTICS - 1));
      if (n > 0) hidden[uris.uriOf(file)] = n;
    }
    return Object.keys(hidden).length > 0 ? hidden : undefined;
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
      (async () => {
        const results = await analysesOf(uri);
        publish(uri, fileDiagnostics(uris.pathOf(uri), results, (await settingsOf(uri)).minSeverity, lastGood).items);
      })().catch((err) => logError('diagnostics', err));
    }, delay));
  };

  const rerunAll = () => {
    service.filesChanged();
    if (pullDiagnostics) connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const doc of documents.all()) void schedulePush(doc.uri);
    // Files that are not open are kept fresh through the models of the open ones.
    if (pullDiagnostics) for (const doc of documents.all()) analysesOf(doc.uri).catch((err) => logError('diagnostics', err));
  };

  documents.onDidOpen((e) => {
    service.setDocument(uris.pathOf(e.document.uri), e.document.getText(), e.document.version);
    // Pull takes over from what was pushed while the file was closed.
    if (pullDiagnostics) publish(e.document.uri, []);
    else void schedulePush(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    service.setDocument(uris.pathOf(e.document.uri), e.document.getText(), e.document.version);
    if (!pullDiagnostics) void schedulePush(e.document.uri);
  });
  documents.onDidClose((e) => {
    analysisTime.delete(e.document.uri);
    lastReports.delete(e.document.uri);
    const file = uris.pathOf(e.document.uri);
    lastGood.forget(file);
    service.closeDocument(file);
    clearTimeout(pushTimers.get(e.document.uri));
    if (!pullDiagnostics) publish(e.document.uri, []);
    // Its findings now live on as pushed diagnostics while another file of its model is open.
    const others = documents.all().filter((d) => d.uri !== e.document.uri);
    const stillShown = others.some((d) => service.rootsOf(uris.pathOf(d.uri)).some((r) => service.rootsOf(file).includes(r)));
    if (stillShown) analysesOf(others[0].uri).catch((err) => logError('diagnostics', err));
  });

  connection.onDidChangeConfiguration(() => {
    settings.changed();
    rerunAll();
  });
  connection.onDidChangeWatchedFiles((params) => {
    // A file's new text is read again; a file created or deleted may change which model includes what.
    for (const change of params.changes) {
      if (change.type === FileChangeType.Changed) service.fileChanged(uriToPath(change.uri));
    }
    if (params.changes.some((c) => c.type !== FileChangeType.Changed)) rerunAll();
    else {
      if (pullDiagnostics) connection.languages.diagnostics.refresh().catch(() => undefined);
      else for (const doc of documents.all()) void schedulePush(doc.uri);
      if (pullDiagnostics) for (const doc of documents.all()) analysesOf(doc.uri).catch((err) => logError('diagnostics', err));
    }
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    const { delay, minSeverity } = await settingsOf(doc.uri);
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
    const { items } = fileDiagnostics(uris.pathOf(doc.uri), results, minSeverity, lastGood);
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

  /**
   * Runs a request on the document's fresh analyses. A request the editor cancelled stops before
   * it answers (its answer is thrown away anyway) and does not hold up the ones behind it.
   */
  const withAnalyses = async <T>(uri: string, what: string, fallback: T, token: CancellationToken | undefined, run: () => T | Promise<T>): Promise<T> => {
    if (!documents.get(uri)) return fallback;
    try {
      await readPendingMessages();
      if (token?.isCancellationRequested) throw cancelled();
      await analysesOf(uri);
      // A cancellation that came in while the model was analysed.
      await readPendingMessages();
      if (token?.isCancellationRequested) throw cancelled();
      const answer = await run();
      if (token?.isCancellationRequested) throw cancelled();
      return answer;
    } catch (err) {
      // A refusal the feature meant (an invalid new name) goes to the user as it is.
      if (err instanceof ResponseError) throw err;
      logError(what, err);
      throw new ResponseError(-32603, `Moat could not answer ${what}: ${(err as Error)?.message ?? err}`);
    }
  };

  connection.onCodeAction((params, token) => withAnalyses(params.textDocument.uri, 'code actions', [], token, async () => {
    const style = (await settingsOf(params.textDocument.uri)).acceptStyle;
    return codeActions({ service, uris, params, acceptStyle: style, clientCommands, snippetEdits, resolveEdits, token });
  }));
  connection.onCodeActionResolve(async (action, token) => {
    const data = action.data as { fixAll?: { uri?: unknown } } | undefined;
    const uri = typeof data?.fixAll?.uri === 'string' ? data.fixAll.uri : undefined;
    if (uri === undefined) return action;
    return withAnalyses(uri, 'code action', action, token, () => resolveCodeAction(service, uris, action));
  });
  connection.onCompletion((params, token) => withAnalyses(params.textDocument.uri, 'completion', [], token,
    () => completion(service, uris, params.textDocument.uri, params.position, clientCommands)));
  connection.onHover((params, token) => withAnalyses(params.textDocument.uri, 'hover', null, token,
    () => hover(service, uris, params.textDocument.uri, params.position)));
  connection.onDefinition((params, token) => withAnalyses(params.textDocument.uri, 'definition', [], token,
    () => definition(service, uris, params.textDocument.uri, params.position)));
  connection.onReferences((params, token) => withAnalyses(params.textDocument.uri, 'references', [], token,
    () => references(service, uris, params.textDocument.uri, params.position, params.context.includeDeclaration)));
  connection.onPrepareRename((params, token) => withAnalyses(params.textDocument.uri, 'rename', null, token,
    () => prepareRename(service, uris, params.textDocument.uri, params.position)));
  connection.onRenameRequest((params, token) => withAnalyses(params.textDocument.uri, 'rename', null, token,
    () => rename(service, uris, params.textDocument.uri, params.position, params.newName)));
  connection.onDocumentHighlight((params) => (documents.get(params.textDocument.uri) ? documentHighlights(service, uris, params.textDocument.uri, params.position) : []));
  connection.onDocumentSymbol(async (params) => {
    const { uri } = params.textDocument;
    const { maxSymbols } = await settingsOf(uri);
    return documents.get(uri) ? documentSymbols(service, uris, uri, maxSymbols) : [];
  });
  connection.onWorkspaceSymbol((params) => workspaceSymbols(service, uris, params.query));
  connection.onFoldingRanges((params) => (documents.get(params.textDocument.uri) ? foldingRanges(service, uris, params.textDocument.uri) : []));

  // The diagram panel draws what the server sees: the same model, config and settings as the Problems panel.
  connection.onRequest(DIAGRAM_REQUEST, async (params: DiagramParams, token): Promise<DiagramResult> => {
    const uri = params?.uri;
    if (typeof uri !== 'string') throw new ResponseError(-32602, 'moat/diagram needs the uri of a model document');
    return withAnalyses(uri, 'the diagram', {}, token, async () => {
      const answer = await service.diagram(uris.pathOf(uri));
      const fileName = path.basename(uriToPath(uri));
      if ('broken' in answer) {
        const line = lineIndexOf(answer.broken.text).position(answer.broken.start).line + 1;
        return { stale: `The model has a syntax error (line ${line}): ${answer.broken.message}` };
      }
      const view = params.view ?? {};
      const blastFrom = typeof params.blastFrom === 'string' ? params.blastFrom : undefined;
      const result: DiagramResult = { payload: { diagram: answer.diagram, fileName, view, paths: pathsOverlay(answer.analysis, blastFrom) } };
      if (params.format === 'markdown') result.markdown = mermaidBlock(toMermaid(answer.diagram, view).text);
      return result;
    });
  });
  connection.onRequest(DIAGRAM_ELEMENTS_REQUEST, async (params: DiagramElementsParams, token): Promise<DiagramElementsResult> => {
    const uri = params?.uri;
    if (typeof uri !== 'string' || typeof params.position?.line !== 'number') return [];
    return withAnalyses(uri, 'the diagram', [], token, () => {
      const file = uris.pathOf(uri);
      const offset = lineIndexOf(service.text(file)).offset(params.position.line, params.position.character ?? 0);
      return service.diagramElementsAt(file, offset);
    });
  });
  connection.onRequest(DIAGRAM_SOURCE_REQUEST, async (params: DiagramSourceParams, token): Promise<DiagramSourceResult> => {
    const uri = params?.uri;
    if (typeof uri !== 'string' || typeof params.element?.id !== 'string') return null;
    return withAnalyses(uri, 'the diagram', null, token, async () => {
      const span = await service.diagramSource(uris.pathOf(uri), params.element);
      if (!span) return null;
      const lines = lineIndexOf(service.text(span.file));
      return { uri: uris.uriOf(span.file), range: { start: lines.position(span.start), end: lines.position(span.end) } };
    });
  });

  registerImportRequest(connection, service);

  const logError = (what: string, err: unknown) => {
    connection.console.error(`moat: ${what} failed: ${(err as Error)?.stack ?? err}`);
  };

  documents.listen(connection);
}

/**
 * Lets the connection read what the editor has sent behind the current request (a
 * `$/cancelRequest`, a change) before work starts: it reads one message per turn of the event
 * loop, queued after the request's own handler has started, hence two turns.
 */
async function readPendingMessages(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
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
