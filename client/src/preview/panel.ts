// "Moat: Open Diagram to the Side": a webview beside the model's editor that draws its diagram,
// redrawn as the user types (debounced). The language server works the diagram out (`moat/diagram`,
// with the `.moatrc.yaml` and `moat.rules` the Problems panel uses); the extension only passes it
// to the webview (protocol.ts), which draws it (ELK layout and Moat's SVG). VS Code restores open
// panels after a reload through the serializer below (restore.ts reads the page's saved state).

import * as vscode from 'vscode';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LanguageClient } from 'vscode-languageclient/node';
import { diagramPage } from '../../../server/src/render/page.js';
import { DIAGRAM_ELEMENTS_REQUEST, DIAGRAM_REQUEST, DIAGRAM_SOURCE_REQUEST } from '../../../server/src/service/protocol.js';
import type {
  DiagramElementsParams, DiagramElementsResult, DiagramParams, DiagramResult, DiagramSourceParams, DiagramSourceResult,
} from '../../../server/src/service/protocol.js';
import type { Diagram, DiagramPayload, DiagramView, FromWebview, ToWebview } from './protocol.js';
import { restoredPanel } from './restore.js';

const VIEW_TYPE = 'moat.diagram';
/** Typing pauses this long before the diagram is redrawn. */
const DEBOUNCE_MS = 300;

export function registerDiagramPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const previews = new Map<string, DiagramPreview>();
  const previewFor = (uri?: vscode.Uri): DiagramPreview | undefined => {
    if (uri) return previews.get(uri.toString());
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active && previews.has(active)) return previews.get(active);
    return [...previews.values()].find((p) => p.active) ?? [...previews.values()].at(-1);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('moat.openDiagramToSide', async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showInformationMessage('Open a Moat model to see its diagram.');
        return;
      }
      const key = document.uri.toString();
      const existing = previews.get(key);
      if (existing) {
        existing.reveal();
        return;
      }
      const preview = new DiagramPreview(context, client, document, () => previews.delete(key));
      previews.set(key, preview);
    }),
    // After a reload, VS Code hands back each panel that was open with the state its page saved.
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const restored = restoredPanel(state);
        const document = restored && await Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(restored.document))).then((d) => d, () => undefined);
        const key = document?.uri.toString();
        // A model that is gone (or a state from elsewhere) has nothing to draw; a model already shown keeps its panel.
        if (!restored || !document || key === undefined || previews.has(key)) {
          panel.dispose();
          return;
        }
        previews.set(key, new DiagramPreview(context, client, document, () => previews.delete(key), { panel, view: restored.view }));
      },
    }),
    vscode.commands.registerCommand('moat.exportDiagramSvg', async (uri?: vscode.Uri) => {
      const preview = previewFor(uri);
      if (!preview) {
        void vscode.window.showInformationMessage('Open the diagram first (Moat: Open Diagram to the Side): the SVG is what it draws.');
        return;
      }
      await preview.exportSvg();
    }),
    vscode.commands.registerCommand('moat.exportDiagramMarkdown', async (uri?: vscode.Uri) => {
      const preview = previewFor(uri);
      if (preview) {
        await preview.exportMarkdown();
        return;
      }
      // Without a panel, the whole model's diagram from the active editor.
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) return;
      const answer = await requestDiagram(client, document, {}, 'markdown');
      if (answer.markdown === undefined) {
        void vscode.window.showErrorMessage(`Moat: the diagram could not be exported: ${answer.stale ?? 'no answer from the language server'}`);
        return;
      }
      await saveText(document.uri, '.md', answer.markdown, 'Markdown');
    }),
  );
}

/** The diagram of the model `document` belongs to, from the language server. */
async function requestDiagram(client: LanguageClient, document: vscode.TextDocument, view: DiagramView, format?: 'markdown', blastFrom?: string): Promise<DiagramResult> {
  try {
    return await client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, { uri: document.uri.toString(), view, format, blastFrom } satisfies DiagramParams);
  } catch (err) {
    return { stale: `The diagram could not be updated: ${(err as Error)?.message ?? err}` };
  }
}

async function saveText(source: vscode.Uri, extension: string, text: string, what: string): Promise<void> {
  const base = source.scheme === 'file' ? source.fsPath.replace(/\.moat\.ya?ml$|\.ya?ml$/, '') : 'diagram';
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(`${base}${extension}`),
    filters: { [what]: [extension.slice(1)] },
    saveLabel: `Export ${what}`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Diagram exported to ${vscode.workspace.asRelativePath(target)}.`);
}

class DiagramPreview {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private diagram: Diagram | undefined;
  private view: DiagramView = {};
  /** The component the webview asks the blast radius of. */
  private blastFrom: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to older requests that arrive after a newer one's are dropped. */
  private generation = 0;
  private nextRequest = 1;
  private readonly svgRequests = new Map<number, (m: Extract<FromWebview, { type: 'svg' }>) => void>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient, private readonly document: vscode.TextDocument, onDispose: () => void,
    restore?: { panel: vscode.WebviewPanel; view: DiagramView }) {
    const scripts = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    const options = { enableScripts: true, localResourceRoots: [scripts] };
    if (restore) {
      this.panel = restore.panel;
      this.panel.webview.options = options;
      this.view = restore.view;
    } else {
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Diagram: ${path.basename(document.uri.path)}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...options, retainContextWhenHidden: false });
    }
    void this.update().then((payload) => {
      if (payload) this.panel.webview.html = this.html(payload);
    });

    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.document.uri.toString()) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.document.uri.toString()) void this.highlight(e.textEditor);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === this.document.uri.toString() && d.isClosed) this.panel.dispose();
      }),
    );
    this.panel.onDidDispose(() => {
      clearTimeout(this.timer);
      this.generation++;
      for (const d of this.disposables) d.dispose();
      onDispose();
    });
  }

  get active(): boolean {
    return this.panel.active;
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  private html(payload: DiagramPayload): string {
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'main.js'));
    return diagramPage({
      payload,
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      script: { uri: script.toString() },
      title: `Diagram: ${path.basename(this.document.uri.path)}`,
    });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.update().then((payload) => payload && this.post({ type: 'diagram', payload }));
    }, DEBOUNCE_MS);
  }

  /**
   * Asks the server for the diagram; a model that does not parse keeps the last good diagram,
   * with a banner. Undefined when a newer request has been made since.
   */
  private async update(): Promise<DiagramPayload | undefined> {
    const generation = ++this.generation;
    const fileName = path.basename(this.document.uri.path);
    const answer = await requestDiagram(this.client, this.document, this.view, undefined, this.blastFrom);
    if (generation !== this.generation) return undefined;
    if (answer.payload) {
      this.diagram = answer.payload.diagram;
      return { ...answer.payload, view: this.view, document: this.document.uri.toString() };
    }
    const stale = this.diagram && answer.stale ? `${answer.stale} The diagram shows the last version that could be read.` : answer.stale;
    return { diagram: this.diagram ?? emptyDiagram(fileName), fileName, view: this.view, stale, document: this.document.uri.toString() };
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async highlight(editor: vscode.TextEditor): Promise<void> {
    const params: DiagramElementsParams = { uri: editor.document.uri.toString(), position: editor.selection.active };
    let elements: DiagramElementsResult;
    try {
      elements = await this.client.sendRequest<DiagramElementsResult>(DIAGRAM_ELEMENTS_REQUEST, params);
    } catch {
      return;
    }
    void this.post({ type: 'highlight', elements });
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document.uri.toString());
        if (editor) void this.highlight(editor);
        break;
      }
      case 'reveal': {
        const params: DiagramSourceParams = { uri: this.document.uri.toString(), element: message.element };
        const where = await this.client.sendRequest<DiagramSourceResult>(DIAGRAM_SOURCE_REQUEST, params).then((w) => w, () => null);
        if (!where) return;
        const target = vscode.Uri.parse(where.uri);
        const document = target.toString() === this.document.uri.toString() ? this.document : await vscode.workspace.openTextDocument(target);
        const range = new vscode.Range(where.range.start.line, where.range.start.character, where.range.end.line, where.range.end.character);
        const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
        await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
        break;
      }
      case 'view':
        this.view = message.view;
        break;
      case 'blastFrom':
        this.blastFrom = message.id;
        void this.update().then((payload) => payload && this.post({ type: 'diagram', payload }));
        break;
      case 'svg':
        this.svgRequests.get(message.requestId)?.(message);
        this.svgRequests.delete(message.requestId);
        break;
      case 'export':
        await vscode.commands.executeCommand(message.format === 'svg' ? 'moat.exportDiagramSvg' : 'moat.exportDiagramMarkdown', this.document.uri);
        break;
      case 'renderError':
        // The page says so itself; nothing to add in the editor.
        break;
    }
  }

  /** What the page draws: its SVG and its level as Markdown. */
  private async askPage(): Promise<Extract<FromWebview, { type: 'svg' }> | undefined> {
    const requestId = this.nextRequest++;
    const answer = await new Promise<Extract<FromWebview, { type: 'svg' }> | undefined>((resolve) => {
      this.svgRequests.set(requestId, resolve);
      void this.post({ type: 'requestSvg', requestId });
      // A hidden panel's page is not running: it is revealed, and the request is given time to be answered.
      setTimeout(() => resolve(undefined), 10_000);
      if (!this.panel.visible) this.reveal();
    });
    this.svgRequests.delete(requestId);
    return answer;
  }

  async exportSvg(): Promise<void> {
    const answer = await this.askPage();
    if (!answer?.svg) {
      void vscode.window.showErrorMessage(`Moat: the diagram could not be exported as SVG${answer?.error ? `: ${answer.error}` : '.'}`);
      return;
    }
    await saveText(this.document.uri, '.svg', answer.svg, 'SVG');
  }

  async exportMarkdown(): Promise<void> {
    // The level the page shows (overview, a boundary, a focus), as the page writes it; else the server's.
    const fromPage = this.diagram ? (await this.askPage())?.markdown : undefined;
    if (fromPage !== undefined) {
      await saveText(this.document.uri, '.md', fromPage, 'Markdown');
      return;
    }
    const answer = await requestDiagram(this.client, this.document, this.view, 'markdown');
    if (answer.markdown === undefined) {
      void vscode.window.showErrorMessage(`Moat: the diagram could not be exported: ${answer.stale ?? 'no answer from the language server'}`);
      return;
    }
    await saveText(this.document.uri, '.md', answer.markdown, 'Markdown');
  }
}

function emptyDiagram(title: string): Diagram {
  return { title, groups: [], nodes: [], edges: [], systemFindings: [] };
}
