// Offsets into a file's text → 1-based lines and columns (columns in UTF-16 code units, as
// SARIF's `utf16CodeUnits` and editors count them). Ends are exclusive: the column after the
// last character, as in ESLint's `endColumn` and SARIF's `endColumn`.

import type { TextRange } from '../model/types.js';
import { LineIndex } from '../util/lines.js';

export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export class Locator {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(private readonly files: ReadonlyMap<string, string>) {}

  region(file: string, range: TextRange): Region {
    let index = this.indexes.get(file);
    if (!index) this.indexes.set(file, (index = new LineIndex(this.files.get(file) ?? '')));
    const start = index.position(range.start);
    const end = index.position(Math.max(range.start, range.end));
    return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }
}
