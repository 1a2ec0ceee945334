// YAML syntax errors in plain words, on the line that has to change: the parser's messages
// ("Nested mappings are not allowed in compact mappings") describe its state, often one line
// before the mistake. Positions only (no line numbers) go into messages, so that a unit read on
// its own (units.ts) and moved later still says the truth.

import type { TextRange } from './types.js';

export interface ParserError {
  code: string;
  pos: [number, number];
  message: string;
}

export interface SyntaxProblem {
  range: TextRange;
  message: string;
}

/**
 * What the user has to change for the parser's first error. After a broken line the parser
 * guesses at the structure, and its later errors are mostly about its own guesses (a tab or a
 * misplaced key puts every following line "out of line"): like a compiler's first error, the
 * first is the one to fix. Each unit of a file is parsed on its own (units.ts), so independent
 * mistakes in different entries are each reported.
 */
export function explainSyntaxErrors(text: string, errors: readonly ParserError[]): SyntaxProblem[] {
  const tabLines = new Set<number>();
  for (const err of errors) {
    const explained = explain(text, err, tabLines) ?? parserWords(text, err);
    if (explained !== KNOCK_ON) return [explained];
  }
  return [];
}

const KNOCK_ON = 'knock-on';

/** The parser's own message, at its position: for errors that have no plainer words here. */
function parserWords(text: string, err: ParserError): SyntaxProblem {
  const [start, end] = err.pos;
  const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const to = Math.min(Math.max(end, start), text.length);
  return { range: { start: Math.min(start, to), end: to }, message: `YAML syntax error: ${message}` };
}

function explain(text: string, err: ParserError, tabLines: Set<number>): SyntaxProblem | typeof KNOCK_ON | undefined {
  const [start] = err.pos;
  const line = lineAt(text, start);
  switch (err.code) {
    case 'TAB_AS_INDENT': {
      tabLines.add(line.start);
      let end = start;
      while (end < line.end && (text[end] === '\t' || text[end] === ' ')) end++;
      return {
        range: { start: line.start, end },
        message: 'This line is indented with a tab; YAML indents with spaces only. Replace the tab with spaces, in line with the keys it belongs with.',
      };
    }
    case 'BAD_INDENT': {
      const bracket = /Flow (map|sequence)/.exec(err.message);
      if (bracket) return unclosedBracket(text, start, bracket[1] === 'map' ? '{' : '[');
      if (/must start at the same column/.test(err.message)) return misaligned(text, line);
      break;
    }
    case 'MISSING_CHAR': {
      const quote = /Missing closing (["'])quote/.exec(err.message);
      if (quote) return unclosedQuote(text, start, quote[1]);
      if (/Implicit map keys need to be followed by map values/.test(err.message)) {
        const content = contentOf(text, line);
        return { range: content, message: `\`${text.slice(content.start, content.end)}\` needs a \`:\` after it and a value, such as \`${keyPart(text.slice(content.start, content.end))}: …\`.` };
      }
      if (/Sequence item without - indicator/.test(err.message)) return misaligned(text, lineAt(text, start));
      break;
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (tabLines.has(line.start)) return KNOCK_ON;
      const before = text.slice(line.start, start);
      const rest = text.slice(start, line.end);
      const isValue = /^[ -]*[^\s#-][^#]*:[ \t]+$/.test(before);
      if (isValue && /:(\s|$)/.test(rest)) {
        const key = before.trim().replace(/^(- *)+/, '').replace(/:$/, '').trim();
        return {
          range: { start, end: line.end },
          message: `\`${rest.trim()}\` holds a \`: \`, so YAML reads a mapping inside the value of \`${key}\`: put the value in quotes (\`${key}: "${rest.trim()}"\`).`,
        };
      }
      const next = nextContentLine(text, line.end);
      if (isValue && next) {
        // The next line is indented under a value: it is taken as the rest of that value.
        if (tabLines.has(next.start)) return KNOCK_ON;
        const column = keyColumn(text, next);
        const key = keyPart(text.slice(next.start + column, next.end));
        const sibling = keyPart(before.trim().replace(/^(- *)+/, ''));
        const siblingColumn = keyColumn(text, line);
        return {
          range: { start: next.start + column, end: next.start + column + key.length },
          message: `\`${key}\` is indented ${spaces(column)}, more than \`${sibling}\` above it (${spaces(siblingColumn)}), so YAML reads it as part of \`${sibling}\`'s value: indent it ${spaces(siblingColumn)} to line up with \`${sibling}\`.`,
        };
      }
      if (!isValue) {
        const content = contentOf(text, line);
        const written = text.slice(content.start, content.end);
        const words = /^([^\s:]+)\s+(.*)$/.exec(written);
        return {
          range: content,
          message: words
            ? `\`${written}\` needs a \`:\` after the key: write \`${words[1]}: ${words[2]}\`.`
            : `\`${written}\` needs a \`:\` after it and a value, such as \`${written}: …\`.`,
        };
      }
      break;
    }
  }
  return undefined;
}

/** A key whose indentation matches neither the keys above it nor those it would close. */
function misaligned(text: string, line: Line): SyntaxProblem {
  const column = keyColumn(text, line);
  const key = keyPart(text.slice(line.start + column, line.end));
  const range = { start: line.start + column, end: line.start + column + Math.max(1, key.length) };
  let deeper: { key: string; column: number } | undefined;
  let outer: { key: string; column: number } | undefined;
  let listItem = false;
  for (let prev = previousContentLine(text, line.start); prev; prev = previousContentLine(text, prev.start)) {
    const c = keyColumn(text, prev);
    const k = keyPart(text.slice(prev.start + c, prev.end));
    if (c > column) {
      if (!deeper) {
        deeper = { key: k, column: c };
        listItem = /^ *-/.test(text.slice(prev.start, prev.end));
      }
    } else if (c < column) {
      outer = { key: k, column: c };
      break;
    }
  }
  if (deeper) {
    return {
      range,
      message: `\`${key}\` is indented ${spaces(column)}, out of line with \`${deeper.key}\` above it (${spaces(deeper.column)})` +
        `: indent it ${spaces(deeper.column)} to go with \`${deeper.key}\`` +
        (outer && !listItem ? `, or ${spaces(outer.column)} to go with \`${outer.key}\`.` : '.'),
    };
  }
  return { range, message: `\`${key}\` is indented ${spaces(column)}, out of line with the keys around it: line it up with the keys it belongs with.` };
}

function unclosedBracket(text: string, at: number, open: '{' | '['): SyntaxProblem {
  const close = open === '{' ? '}' : ']';
  const what = open === '{' ? 'mapping' : 'list';
  const opened = unmatchedOpening(text, at, open);
  if (opened === undefined) {
    return { range: { start: at, end: at + 1 }, message: `A \`${open}\` before this line is never closed: end the ${what} with \`${close}\`.` };
  }
  const line = lineAt(text, opened);
  const key = /([^\s{[,:]+):\s*$/.exec(text.slice(line.start, opened));
  return {
    range: { start: opened, end: opened + 1 },
    message: `This \`${open}\`${key ? ` after \`${key[1].trim()}:\`` : ''} is never closed: end the ${what} with \`${close}\` on this line, or write it as indented lines.`,
  };
}

/** The last `open` before `at` that no closing bracket matches, outside quotes and comments. */
function unmatchedOpening(text: string, at: number, open: '{' | '['): number | undefined {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < at && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\n' && quote === "'") quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && /[\s:[{,]/.test(text[i - 1] ?? ' ')) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '{' || c === '[') stack.push(i);
    else if ((c === '}' || c === ']') && stack.length > 0) stack.pop();
  }
  for (let i = stack.length - 1; i >= 0; i--) if (text[stack[i]] === open) return stack[i];
  return stack[stack.length - 1];
}

function unclosedQuote(text: string, at: number, quote: string): SyntaxProblem {
  const before = text.slice(0, Math.min(at, text.length));
  let opened: number | undefined;
  for (const m of before.matchAll(new RegExp(`(^|[\\s:[{,])${quote === '"' ? '"' : "'"}`, 'g'))) opened = (m.index ?? 0) + m[1].length;
  if (opened === undefined) return { range: { start: at, end: at }, message: `A \`${quote}\` is never closed: add the closing \`${quote}\`.` };
  const line = lineAt(text, opened);
  const key = /([^\s{[,:]+):\s*$/.exec(text.slice(line.start, opened));
  return {
    range: { start: opened, end: opened + 1 },
    message: `This \`${quote}\`${key ? ` after \`${key[1].trim()}:\`` : ''} is never closed, so the text runs on to the end of the file: add the closing \`${quote}\`.`,
  };
}

interface Line {
  start: number;
  end: number;
}

function lineAt(text: string, offset: number): Line {
  const at = Math.min(Math.max(offset, 0), text.length);
  // An offset on a newline belongs to the line it ends.
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

function isContent(text: string, line: Line): boolean {
  const trimmed = text.slice(line.start, line.end).trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

function nextContentLine(text: string, from: number): Line | undefined {
  for (let i = text.indexOf('\n', from); i !== -1 && i + 1 <= text.length; i = text.indexOf('\n', i + 1)) {
    const line = lineAt(text, i + 1);
    if (line.start > text.length - 1 && line.start === line.end) return undefined;
    if (isContent(text, line)) return line;
  }
  return undefined;
}

function previousContentLine(text: string, lineStart: number): Line | undefined {
  for (let end = lineStart - 1; end > 0;) {
    const line = lineAt(text, end);
    if (isContent(text, line)) return line;
    end = line.start - 1;
  }
  return undefined;
}

/** Where a line's key starts: after its indentation and any list dashes. */
function keyColumn(text: string, line: Line): number {
  const m = /^[ \t]*(?:- +)*/.exec(text.slice(line.start, line.end));
  return m ? m[0].length : 0;
}

function contentOf(text: string, line: Line): TextRange {
  const raw = text.slice(line.start, line.end);
  const start = line.start + keyColumn(text, line);
  const comment = raw.search(/\s#/);
  const end = comment >= 0 ? line.start + comment : line.start + raw.trimEnd().length;
  return { start, end: Math.max(start, end) };
}

/** The key a line starts with (up to its `:`), or its first word. */
function keyPart(content: string): string {
  const m = /^("[^"]*"|'[^']*'|[^\s:#]+)/.exec(content.trim());
  return m ? m[1] : content.trim();
}

function spaces(n: number): string {
  return n === 1 ? '1 space' : `${n} spaces`;
}
