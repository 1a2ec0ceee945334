// A stand-in for the `vscode` module, just what the diagram panel (client/src/preview/panel.ts)
// calls, recording it on globalThis.__vscode for the test. Bundled in place of `vscode` by
// test/client/serializer.test.ts.

interface Disposable { dispose(): void }
const disposable = (): Disposable => ({ dispose() {} });

export class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static parse(value: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/)?(\/.*)$/i.exec(value);
    if (!m) throw new Error(`not a URI: ${value}`);
    return new Uri(m[1], m[2]);
  }
  static file(p: string): Uri { return new Uri('file', p); }
  static joinPath(base: Uri, ...parts: string[]): Uri { return new Uri(base.scheme, [base.path, ...parts].join('/')); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}`; }
}

export const ViewColumn = { One: 1, Beside: -2 };

export class Range {
  constructor(readonly startLine: number, readonly startCharacter: number, readonly endLine: number, readonly endCharacter: number) {}
}

export interface FakePanel {
  viewType: string;
  title: string;
  webview: { html: string; options: unknown; cspSource: string; posted: unknown[]; asWebviewUri(u: Uri): Uri; postMessage(m: unknown): Promise<boolean>; onDidReceiveMessage(f: (m: unknown) => void): Disposable };
  disposed: boolean;
  revealed: number;
  active: boolean;
  visible: boolean;
  reveal(): void;
  dispose(): void;
  onDidDispose(f: () => void): Disposable;
}

export function fakePanel(viewType: string, title: string): FakePanel {
  const onDispose: (() => void)[] = [];
  const panel: FakePanel = {
    viewType, title, disposed: false, revealed: 0, active: false, visible: true,
    webview: {
      html: '', options: undefined, cspSource: 'vscode-resource:', posted: [],
      asWebviewUri: (u) => u,
      postMessage(m) { this.posted.push(m); return Promise.resolve(true); },
      onDidReceiveMessage: () => disposable(),
    },
    reveal() { panel.revealed++; },
    dispose() {
      if (panel.disposed) return;
      panel.disposed = true;
      for (const f of onDispose) f();
    },
    onDidDispose(f) { onDispose.push(f); return disposable(); },
  };
  return panel;
}

export interface FakeVscode {
  commands: Map<string, (...args: unknown[]) => unknown>;
  serializers: Map<string, { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }>;
  created: FakePanel[];
  /** The documents that exist: URI → text. */
  files: Map<string, string>;
}

const fake: FakeVscode = { commands: new Map(), serializers: new Map(), created: [], files: new Map() };
(globalThis as unknown as { __vscode: FakeVscode }).__vscode = fake;

export const commands = {
  registerCommand(id: string, f: (...args: unknown[]) => unknown): Disposable { fake.commands.set(id, f); return disposable(); },
  executeCommand(id: string, ...args: unknown[]): unknown { return fake.commands.get(id)?.(...args); },
};

export const window = {
  activeTextEditor: undefined,
  visibleTextEditors: [] as unknown[],
  registerWebviewPanelSerializer(viewType: string, serializer: FakeVscode['serializers'] extends Map<string, infer S> ? S : never): Disposable {
    fake.serializers.set(viewType, serializer);
    return disposable();
  },
  createWebviewPanel(viewType: string, title: string, _column: unknown, options: unknown): FakePanel {
    const panel = fakePanel(viewType, title);
    panel.webview.options = options;
    fake.created.push(panel);
    return panel;
  },
  onDidChangeTextEditorSelection: () => disposable(),
  showInformationMessage: () => Promise.resolve(undefined),
  showErrorMessage: () => Promise.resolve(undefined),
};

export const workspace = {
  openTextDocument(uri: Uri): Promise<unknown> {
    const text = fake.files.get(uri.toString());
    if (text === undefined) return Promise.reject(new Error(`cannot open ${uri.toString()}`));
    return Promise.resolve({ uri, isClosed: false, getText: () => text });
  },
  onDidChangeTextDocument: () => disposable(),
  onDidCloseTextDocument: () => disposable(),
};
