// Where in the model the cursor is, from the text alone: the keys from the top down to it, and
// whether it is on a key or a value. Works on half-typed YAML that does not parse, which is what
// completion sees most of the time. `#` stands for a list item.

export interface CursorContext {
  /** Keys (and `#` for list items) of the collection the cursor is in. */
  path: string[];
  /** On a key of that collection, or on the value of `key`. */
  mode: 'key' | 'value';
  key?: string;
  /** The word under the cursor, which a completion replaces. */
  wordStart: number;
  wordEnd: number;
  /** Inside a `[…]` on this line: a list written in flow style. */
  inFlowList: boolean;
}

const WORD = /[A-Za-z0-9_.\-*/>#$]/;

interface LineEntry {
  col: number;
  kind: 'dash' | 'key';
  key?: string;
}

/** The dashes and the key that open a line (`  - - name: x` → dash 2, dash 4, key 6). */
function lineEntries(line: string): LineEntry[] {
  const out: LineEntry[] = [];
  let i = 0;
  while (line[i] === ' ') i++;
  if (line[i] === '#' || i >= line.length) return out;
  for (;;) {
    if (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
      out.push({ col: i, kind: 'dash' });
      i++;
      while (line[i] === ' ') i++;
      continue;
    }
    break;
  }
  const m = /^("[^"]*"|'[^']*'|[^\s:#{}[\],"'][^:#{}[\],]*?)\s*:(\s|$)/.exec(line.slice(i));
  if (m) out.push({ col: i, kind: 'key', key: m[1].replace(/^["']|["']$/g, '') });
  return out;
}

export function cursorContext(text: string, offset: number): CursorContext {
  let wordStart = offset;
  while (wordStart > 0 && WORD.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && WORD.test(text[wordEnd])) wordEnd++;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);

  // The flow collections open on this line before the cursor: `web: { calls: [{ to: |`.
  const frames: { open: string; key?: string; start: number }[] = [];
  let lastKey: string | undefined;
  let segmentStart = 0;
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) { if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (c === '#' && (i === 0 || before[i - 1] === ' ')) break;
    if (c === '{' || c === '[') {
      frames.push({ open: c, key: lastKey, start: i });
      lastKey = undefined;
      segmentStart = i + 1;
    } else if (c === '}' || c === ']') {
      frames.pop();
      lastKey = undefined;
    } else if (c === ',') {
      lastKey = undefined;
      segmentStart = i + 1;
    } else if (c === ':' && (before[i + 1] === ' ' || i + 1 === before.length)) {
      lastKey = before.slice(segmentStart, i).trim().replace(/^-\s+/, '').replace(/^["']|["']$/g, '');
      segmentStart = i + 1;
    }
  }

  // The block structure above: walk up to lines that start left of where this one does.
  const own = lineEntries(before);
  const blockKeyOnLine = frames.length === 0 ? own.find((e) => e.kind === 'key') : undefined;
  let col = blockKeyOnLine?.col ?? (own.length > 0 ? own[own.length - 1].col + (own[own.length - 1].kind === 'dash' ? 2 : 0) : before.length - before.trimStart().length);
  const path: string[] = [];
  for (const e of [...own].reverse()) {
    if (e.kind === 'dash' && e.col < col) { path.unshift('#'); col = e.col; }
  }
  let lineEnd = lineStart - 1;
  while (lineEnd > 0 && col > 0) {
    const start = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(start, lineEnd);
    lineEnd = start - 1;
    const entries = lineEntries(line);
    if (entries.length === 0) continue;
    for (const e of [...entries].reverse()) {
      if (e.col >= col) continue;
      path.unshift(e.kind === 'dash' ? '#' : e.key!);
      col = e.col;
    }
    if (lineEnd < 0) break;
  }

  // Then the flow collections on this line.
  if (frames.length > 0) {
    const ownKey = own.find((e) => e.kind === 'key');
    if (ownKey && ownKey.col < (frames[0].start)) path.push(ownKey.key!);
    frames.forEach((f, i) => {
      if (i > 0 && f.key !== undefined) path.push(f.key);
      if (f.open === '[') path.push('#');
    });
    const inner = frames[frames.length - 1];
    if (inner.open === '[') {
      // `data: [a, |` is a value of `data`; `calls: [|` is the start of a flow, too rare to guess.
      const key = path[path.length - 2];
      return { path: path.slice(0, -2), mode: 'value', key, wordStart, wordEnd, inFlowList: true };
    }
    if (lastKey !== undefined) return { path, mode: 'value', key: lastKey, wordStart, wordEnd, inFlowList: false };
    return { path, mode: 'key', wordStart, wordEnd, inFlowList: false };
  }
  if (blockKeyOnLine && lastKey !== undefined) {
    return { path, mode: 'value', key: lastKey, wordStart, wordEnd, inFlowList: false };
  }
  const lastOwn = own[own.length - 1];
  if (lastOwn?.kind === 'dash' && path[path.length - 1] === '#') {
    // `- |` under `data:` is a value of `data`; under `calls:` it starts a flow's keys.
    return { path: path.slice(0, -2), mode: 'value', key: path[path.length - 2], wordStart, wordEnd, inFlowList: false };
  }
  return { path, mode: 'key', wordStart, wordEnd, inFlowList: false };
}
