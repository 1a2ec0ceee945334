// "Moat: Import from Deployment Files…": pick compose files, manifests or a folder; the language
// server runs `moat import` on them (the client carries no engine) and the new model opens
// beside them, as `moat.yaml` in their folder, or unsaved when that file already exists.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const IMPORT_COMMAND = 'moat.importDeployment';
const IMPORT_REQUEST = 'moat/importDeployment';

type ImportResult = { text: string; summary: string[] } | { error: string };

export function registerImportCommand(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const output = vscode.window.createOutputChannel('Moat Import');
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_COMMAND, async (picked?: vscode.Uri, all?: vscode.Uri[]) => {
    const uris = all && all.length > 0 ? all : picked ? [picked] : await vscode.window.showOpenDialog({
      canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Import',
      title: 'Moat: docker-compose files, Kubernetes manifests, or a folder of them',
      filters: { 'Deployment files': ['yaml', 'yml'], 'All files': ['*'] },
    });
    if (!uris || uris.length === 0) return;
    if (uris.some((u) => u.scheme !== 'file')) {
      void vscode.window.showErrorMessage('Moat: import reads files on disk; these are not.');
      return;
    }
    const first = uris[0].fsPath;
    const isFolder = (await vscode.workspace.fs.stat(uris[0])).type & vscode.FileType.Directory;
    const folder = isFolder ? first : path.dirname(first);
    const c = client();
    if (!c) return;
    const result = await c.sendRequest<ImportResult>(IMPORT_REQUEST, { paths: uris.map((u) => u.fsPath), cwd: folder });
    if ('error' in result) {
      void vscode.window.showErrorMessage(`Moat: ${result.error}`);
      return;
    }
    output.clear();
    for (const line of result.summary) output.appendLine(line);
    const target = vscode.Uri.file(path.join(folder, 'moat.yaml'));
    let doc: vscode.TextDocument;
    try {
      await vscode.workspace.fs.stat(target);
      doc = await vscode.workspace.openTextDocument({ language: 'moat', content: result.text });
    } catch {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
      doc = await vscode.workspace.openTextDocument(target);
    }
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    void vscode.window.showInformationMessage(`Moat: ${result.summary[0].replace(/^moat import: /, 'imported ')}. The TODOs say what to fill in.`, 'Show Summary')
      .then((choice) => { if (choice) output.show(true); });
  }));
}
