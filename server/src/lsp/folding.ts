// Folding: every key or list item whose value spans lines, and runs of comment lines.

import { FoldingRangeKind } from 'vscode-languageserver';
import type { FoldingRange } from 'vscode-languageserver';
import { isMap, isPair, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { parseYaml, trimTrailing } from '../fix/text.js';
import { LineIndex } from '../util/lines.js';

export function foldingRanges(text: string): FoldingRange[] {
  const doc = parseYaml(text);
  const lines = new LineIndex(text);
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const a = lines.position(start).line;
    const b = lines.position(end).line;
    if (b > a) out.push({ startLine: a, endLine: b, kind });
  };
  const visit = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        if (key?.range && value?.range && (isMap(value) || isSeq(value))) add(key.range[0], trimTrailing(text, value.range[1]));
        visit(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as YamlNode[]) {
        if (item?.range && (isMap(item) || isSeq(item))) add(item.range[0], trimTrailing(text, item.range[1]));
        visit(item);
      }
    }
  };
  visit(doc.contents);
  // Runs of two or more comment lines fold as one.
  let runStart = -1;
  for (let line = 0; line <= lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const isComment = line < lines.lineCount && /^\s*#/.test(text.slice(start, end));
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 > runStart) out.push({ startLine: runStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
