// The VS Code extension: starts the Moat language server for model files, shows the model's
// finding counts in the status bar, and gives YAML files whose first key is `moat:` the `moat`
// language. Everything about the model itself happens in the server.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerDiagramPreview } from './preview/panel.js';
import { modelFileWatchGlob } from '../../server/src/model/file-names.js';
import { registerImportCommand } from './import.js';
import { isModelText } from './detect.js';
import { StatusBar } from './status.js';
import { READ_FILE_REQUEST, readFileForServer } from './read-file.js';
import type { ReadFileResult } from './read-file.js';
import type { ModelStatus } from './status.js';

const REPOSITORY = 'https://github.com/moat-security/moat';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'moat' }],
    synchronize: {
      configurationSection: 'moat',
      // Model files and configs, and the deployment files `deployment:` may name (the server reads
      // those when they change, never on a keystroke in the model).
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(modelFileWatchGlob(['.moatrc.yaml', '.moatrc.yml'])),
        vscode.workspace.createFileSystemWatcher('**/{*.yml,*.yaml,Kustomization}'),
      ],
    },
    initializationOptions: { clientCommands: ['moat.showRuleDocumentation', 'editor.action.triggerSuggest'], readFile: true },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
  };
  client = new LanguageClient('moat', 'Moat', serverOptions, clientOptions);

  const status = new StatusBar();
  context.subscriptions.push(status);
  context.subscriptions.push(client.onNotification('moat/status', (params: ModelStatus) => status.update(params)));
  context.subscriptions.push(client.onRequest<ReadFileResult, unknown>(READ_FILE_REQUEST, readFileForServer));

  context.subscriptions.push(vscode.commands.registerCommand('moat.showRuleDocumentation', (rule: unknown) => {
    if (typeof rule !== 'string' || !/^[a-z0-9/-]+$/.test(rule)) return;
    void vscode.env.openExternal(vscode.Uri.parse(`${REPOSITORY}/blob/main/docs/rules/${rule}.md`));
  }));

  // `firstLine` in package.json catches `moat:` on the first line; this catches it after comments.
  const detect = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'yaml' && isModelText(doc.getText())) void vscode.languages.setTextDocumentLanguage(doc, 'moat');
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));
  vscode.workspace.textDocuments.forEach(detect);

  registerDiagramPreview(context, client);
  registerImportCommand(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
