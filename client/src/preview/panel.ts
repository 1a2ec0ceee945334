// "Moat: Open Diagram to the Side": a webview beside the model's editor that draws its diagram,
// redrawn as the user types (debounced). The engine runs here, on the extension side, over the
// editor's text; the webview gets plain data (protocol.ts) and draws it with Mermaid.

import * as vscode from 'vscode';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkText, overlayHost } from '../../../server/src/engine.js';
import type { Analysis } from '../../../server/src/analysis/analyze.js';
import { buildDiagram } from '../../../server/src/render/diagram.js';
import type { Diagram } from '../../../server/src/render/diagram.js';
import { toMermaid } from '../../../server/src/render/mermaid.js';
import type { DiagramView } from '../../../server/src/render/mermaid.js';
import { mermaidBlock } from '../../../server/src/render/report.js';
import { diagramPage } from '../../../server/src/render/page.js';
import { LineIndex } from '../../../server/src/util/lines.js';
import { definitionOf, elementsAt, syntaxProblem } from './elements.js';
import type { DiagramPayload, FromWebview, ToWebview } from './protocol.js';

const VIEW_TYPE = 'moat.diagram';
/** Typing pauses this long before the diagram is redrawn. */
const DEBOUNCE_MS = 300;

export function registerDiagramPreview(context: vscode.ExtensionContext): void {
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
      const preview = new DiagramPreview(context, document, () => previews.delete(key));
      previews.set(key, preview);
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
      const analysis = analyzeDocument(document);
      await saveText(document.uri, '.md', mermaidBlock(toMermaid(buildDiagram(analysis)).text), 'Markdown');
    }),
  );
}

/** The model in the editor, with the other open documents laid over the disk (for includes). */
function analyzeDocument(document: vscode.TextDocument): Analysis {
  const open = new Map<string, string>();
  for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') open.set(fileOf(d.uri), d.getText());
  const file = fileOf(document.uri);
  return checkText(document.getText(), file, { host: overlayHost(open) });
}

function fileOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : path.resolve(uri.path);
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
  private analysis: Analysis | undefined;
  private diagram: Diagram | undefined;
  private view: DiagramView = {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextRequest = 1;
  private readonly svgRequests = new Map<number, (m: Extract<FromWebview, { type: 'svg' }>) => void>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly document: vscode.TextDocument, onDispose: () => void) {
    const scripts = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Diagram: ${path.basename(document.uri.path)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [scripts], retainContextWhenHidden: false });
    const payload = this.update();
    this.panel.webview.html = this.html(payload);

    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.document.uri.toString()) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.document.uri.toString()) this.highlight(e.textEditor);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === this.document.uri.toString() && d.isClosed) this.panel.dispose();
      }),
    );
    this.panel.onDidDispose(() => {
      clearTimeout(this.timer);
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
    this.timer = setTimeout(() => void this.post({ type: 'diagram', payload: this.update() }), DEBOUNCE_MS);
  }

  /** Analyses the document; a model that does not parse keeps the last good diagram, with a banner. */
  private update(): DiagramPayload {
    const fileName = path.basename(this.document.uri.path);
    let analysis: Analysis;
    try {
      analysis = analyzeDocument(this.document);
    } catch (err) {
      return { diagram: this.diagram ?? emptyDiagram(fileName), fileName, view: this.view, stale: `The diagram could not be updated: ${(err as Error).message}` };
    }
    const broken = syntaxProblem(analysis.model);
    if (broken) {
      const line = new LineIndex(analysis.model.files.get(broken.file)?.text ?? this.document.getText()).position(broken.range.start).line + 1;
      const stale = this.diagram
        ? `The model has a syntax error (line ${line}): ${broken.message} The diagram shows the last version that could be read.`
        : `The model has a syntax error (line ${line}): ${broken.message}`;
      return { diagram: this.diagram ?? emptyDiagram(fileName), fileName, view: this.view, stale };
    }
    this.analysis = analysis;
    this.diagram = buildDiagram(analysis);
    return { diagram: this.diagram, fileName, view: this.view };
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private highlight(editor: vscode.TextEditor): void {
    if (!this.analysis) return;
    const offset = editor.document.offsetAt(editor.selection.active);
    void this.post({ type: 'highlight', elements: elementsAt(this.analysis.model, fileOf(editor.document.uri), offset) });
  }

  private async onMessage(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document.uri.toString());
        if (editor) this.highlight(editor);
        break;
      }
      case 'reveal': {
        const where = this.analysis && definitionOf(this.analysis.model, message.element);
        if (!where) return;
        const document = where.file === fileOf(this.document.uri) ? this.document : await vscode.workspace.openTextDocument(vscode.Uri.file(where.file));
        const range = new vscode.Range(document.positionAt(where.range.start), document.positionAt(where.range.end));
        const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
        await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
        break;
      }
      case 'view':
        this.view = message.view;
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
    if (!this.diagram) return;
    // The level the page shows (overview, a boundary, a focus), as the page writes it.
    const answer = await this.askPage();
    await saveText(this.document.uri, '.md', answer?.markdown ?? mermaidBlock(toMermaid(this.diagram, this.view).text), 'Markdown');
  }
}

function emptyDiagram(title: string): Diagram {
  return { title, groups: [], nodes: [], edges: [], systemFindings: [] };
}
