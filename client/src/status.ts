// The status-bar item: the finding counts of the model the active editor's file belongs to.

import * as vscode from 'vscode';

import type { StatusParams } from '../../server/src/service/protocol.js';

export type ModelStatus = StatusParams;

const ORDER = ['critical', 'high', 'medium', 'low', 'info'];

export function describeCounts(counts: Record<string, number>): string {
  const parts = ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('moat.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly byUri = new Map<string, ModelStatus>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'Moat findings';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  }

  update(status: ModelStatus): void {
    // URIs as VS Code writes them, so that the active editor's finds its entry.
    const hidden = status.hidden && Object.fromEntries(Object.entries(status.hidden).map(([uri, n]) => [vscode.Uri.parse(uri).toString(), n]));
    status = { ...status, hidden };
    for (const uri of status.uris) this.byUri.set(vscode.Uri.parse(uri).toString(), status);
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc && doc.languageId === 'moat' ? this.byUri.get(doc.uri.toString()) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    const c = status.counts;
    const serious = (c.critical ?? 0) + (c.high ?? 0);
    const hidden = status.hidden?.[doc!.uri.toString()] ?? 0;
    this.item.text = `$(shield) ${describeCounts(c)}${hidden > 0 ? ` (${hidden} not shown here)` : ''}`;
    this.item.tooltip = `Moat: ${describeCounts(c)} in the model ${vscode.workspace.asRelativePath(vscode.Uri.parse(status.root))}`
      + (hidden > 0 ? `\n${hidden} findings of this file are not shown in the editor (moat.diagnostics.minSeverity, or past the 1,000 diagnostics an editor shows per file); \`moat check\` lists them all.` : '');
    this.item.backgroundColor = serious > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
