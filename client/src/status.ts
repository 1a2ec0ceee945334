// The status-bar item: the finding counts of the model the active editor's file belongs to.

import * as vscode from 'vscode';

export interface ModelStatus {
  uris: string[];
  root: string;
  counts: Record<string, number>;
}

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
    this.item.text = `$(shield) ${describeCounts(c)}`;
    this.item.tooltip = `Moat: ${describeCounts(c)} in the model ${vscode.workspace.asRelativePath(vscode.Uri.parse(status.root))}`;
    // As ESLint's: the error background would say the tool is broken; findings are in the text.
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
