// Drives a language server over stdio the way an editor does, and times how long each edit takes
// to come back as diagnostics: pushed (publishDiagnostics) or pulled (textDocument/diagnostic),
// whichever the server offers; its own debounce is included. An edit is sent as VS Code sends it:
// the changed range alone to a server that syncs incrementally, the whole text to one that asks
// for full sync.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';

export interface LspClient {
  name: string;
  mode: 'push' | 'pull';
  open(uri: string, text: string): Promise<number>;
  /** Sends the edit that makes the new text; resolves with the milliseconds until its diagnostics arrive. */
  change(uri: string, text: string): Promise<number>;
  /** Sends a request; resolves with its answer and the milliseconds it took. */
  request(method: string, params: unknown): Promise<{ ms: number; result: unknown }>;
  /** The last diagnostics pulled for a document. */
  lastDiagnostics(uri: string): unknown[];
  /** Resident set size of the server process, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

interface Waiter {
  uri: string;
  version: number;
  resolve: () => void;
}

const TIMEOUT_MS = 30_000;

export async function startLspServer(name: string, command: string, args: string[], rootUri: string, settings: unknown = {}): Promise<LspClient> {
  const child: ChildProcess = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: Waiter[] = [];
  const versions = new Map<string, number>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
    // Servers that do not echo the version answer the latest change: edits are sent one at a time.
    const current = versions.get(params.uri) ?? 0;
    const version = params.version ?? current;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === params.uri && version >= w.version) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section ? (settings as Record<string, unknown>)[item.section] ?? null : settings)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.onRequest(() => null);
  connection.listen();

  const init = (await withTimeout(connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
    initializationOptions: {},
  }), `${name}: initialize`, () => stderr)) as { capabilities: { diagnosticProvider?: unknown; textDocumentSync?: number | { change?: number } } };
  connection.sendNotification('initialized', {});
  if (settings && Object.keys(settings as object).length > 0) connection.sendNotification('workspace/didChangeConfiguration', { settings });
  const mode: 'push' | 'pull' = init.capabilities.diagnosticProvider ? 'pull' : 'push';
  const sync = init.capabilities.textDocumentSync;
  const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;
  const texts = new Map<string, string>();

  // As VS Code does: each pull names the last report's resultId, so a server may answer `unchanged`.
  const resultIds = new Map<string, string>();
  const lastItems = new Map<string, unknown[]>();
  const diagnosed = (uri: string, version: number): Promise<void> => {
    if (mode === 'pull') {
      return connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultIds.get(uri) })
        .then((report) => {
          const id = (report as { resultId?: string } | null)?.resultId;
          if (id !== undefined) resultIds.set(uri, id);
          const items = (report as { items?: unknown[] } | null)?.items;
          if (items) lastItems.set(uri, items);
        });
    }
    return new Promise<void>((resolve) => waiters.push({ uri, version, resolve }));
  };

  return {
    name,
    mode,
    async open(uri, text) {
      versions.set(uri, 1);
      texts.set(uri, text);
      const start = performance.now();
      const done = diagnosed(uri, 1);
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await withTimeout(done, `${name}: diagnostics after didOpen`, () => stderr);
      return performance.now() - start;
    },
    async change(uri, text) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      const before = texts.get(uri);
      texts.set(uri, text);
      // Worked out before the clock starts: the editor knows its edit.
      const contentChanges = [incremental && before !== undefined ? changeBetween(before, text) : { text }];
      const start = performance.now();
      const done = mode === 'push' ? diagnosed(uri, version) : undefined;
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      await withTimeout(done ?? diagnosed(uri, version), `${name}: diagnostics after didChange`, () => stderr);
      return performance.now() - start;
    },
    async request(method, params) {
      const start = performance.now();
      const result = await withTimeout(connection.sendRequest(method, params), `${name}: ${method}`, () => stderr);
      return { ms: performance.now() - start, result };
    },
    lastDiagnostics: (uri) => lastItems.get(uri) ?? [],
    rss() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        return kb * 1024;
      } catch {
        return NaN;
      }
    },
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), `${name}: shutdown`, () => stderr, 5000);
        connection.sendNotification('exit');
      } catch {
        // A server that does not shut down is stopped below.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}

function withTimeout<T>(p: Promise<T>, what: string, stderr: () => string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms${stderr() ? `; stderr: ${stderr().trim().slice(-500)}` : ''}`)), ms);
    }),
  ]);
}

/** The one ranged change that turns `before` into `after`: what differs between their common start and end. */
export function changeBetween(before: string, after: string): { range: { start: Position; end: Position }; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { range: { start: positionAt(before, start), end: positionAt(before, before.length - end) }, text: after.slice(start, after.length - end) };
}

interface Position { line: number; character: number }

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
