// A stand-in for the `vscode` module, just what client/src/place-cursor.ts calls, recording the
// editors it shows on globalThis.__editor. Bundled in place of `vscode` by place-cursor.test.ts.

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}
export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}
export class Selection extends Range {}
export const Uri = { parse: (value: string) => ({ value, toString: () => value }) };

export interface FakeEditor { uri: string; selection?: Selection; revealed?: Range }
interface Recorded { commands: Map<string, (...args: unknown[]) => unknown>; editors: FakeEditor[] }
const fake: Recorded = { commands: new Map(), editors: [] };
(globalThis as unknown as { __editor: Recorded }).__editor = fake;

export const commands = {
  registerCommand(id: string, f: (...args: unknown[]) => unknown) { fake.commands.set(id, f); return { dispose() {} }; },
};
export const window = {
  showTextDocument(uri: { value: string }): Promise<unknown> {
    const editor: FakeEditor & { revealRange(r: Range): void } = { uri: uri.value, revealRange(r) { editor.revealed = r; } };
    fake.editors.push(editor);
    return Promise.resolve(editor);
  },
};
