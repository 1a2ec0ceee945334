/** Offsets ↔ 0-based line/character positions over one text. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // indexOf scans natively, several times faster than a loop over the characters.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line and UTF-16 character of an offset. */
  position(offset: number): { line: number; character: number } {
    const line = this.lineAt(offset);
    return { line, character: Math.max(0, Math.min(offset, this.text.length)) - this.starts[line] };
  }

  /** The 0-based line of an offset (position's line, without making a position). */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const lineEnd = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return Math.min(this.starts[line] + Math.max(0, character), lineEnd);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

/** The last few indexes built, by text: the language server asks for one per request. */
const recent: LineIndex[] = [];

/** A LineIndex of `text`, reused while the text is the same. */
export function lineIndexOf(text: string): LineIndex {
  const found = recent.find((index) => index.text === text);
  if (found) return found;
  const index = new LineIndex(text);
  recent.unshift(index);
  if (recent.length > 4) recent.pop();
  return index;
}
