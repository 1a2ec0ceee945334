// `moat.placeCursor` (uri, range): the command a code action carries to put the cursor where its
// edit left something to write ("Accept …": the reason). VS Code runs it after the edit is applied.

import * as vscode from 'vscode';

export const PLACE_CURSOR = 'moat.placeCursor';

interface Point { line: number; character: number }

function point(p: unknown): Point | undefined {
  const q = p as { line?: unknown; character?: unknown } | undefined;
  return typeof q?.line === 'number' && typeof q.character === 'number' && q.line >= 0 && q.character >= 0
    ? { line: q.line, character: q.character } : undefined;
}

export function registerPlaceCursor(context: { subscriptions: { dispose(): unknown }[] }): void {
  context.subscriptions.push(vscode.commands.registerCommand(PLACE_CURSOR, async (uri: unknown, range: unknown) => {
    const r = range as { start?: unknown; end?: unknown } | undefined;
    const start = point(r?.start);
    const end = point(r?.end);
    if (typeof uri !== 'string' || !start || !end) return;
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
    const from = new vscode.Position(start.line, start.character);
    const to = new vscode.Position(end.line, end.character);
    editor.selection = new vscode.Selection(from, to);
    editor.revealRange(new vscode.Range(from, to));
  }));
}
