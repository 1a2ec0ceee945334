// Folding: every key or list item whose value spans lines, and runs of comment lines, in
// offsets (the edge turns them into lines and drops those within one).

import { isMap, isPair, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { trimTrailing } from '../fix/text.js';
import { yamlTree } from '../model/block-yaml.js';

export interface FoldingSpan {
  start: number;
  end: number;
  comment?: boolean;
}

export function foldingSpans(text: string): FoldingSpan[] {
  const root = yamlTree(text);
  const out: FoldingSpan[] = [];
  const visit = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        if (key?.range && value?.range && (isMap(value) || isSeq(value))) out.push({ start: key.range[0], end: trimTrailing(text, value.range[1]) });
        visit(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as YamlNode[]) {
        if (item?.range && (isMap(item) || isSeq(item))) out.push({ start: item.range[0], end: trimTrailing(text, item.range[1]) });
        visit(item);
      }
    }
  };
  visit(root);
  // Runs of two or more comment lines fold as one: from the first's start to the last's.
  let runStart = -1;
  let runLines = 0;
  let lastStart = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const isComment = start < text.length && /^\s*#/.test(text.slice(start, end));
    if (isComment) {
      if (runStart < 0) { runStart = start; runLines = 0; }
      runLines++;
      lastStart = start;
    } else if (runStart >= 0) {
      if (runLines > 1) out.push({ start: runStart, end: lastStart, comment: true });
      runStart = -1;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  if (runStart >= 0 && runLines > 1) out.push({ start: runStart, end: lastStart, comment: true });
  return out;
}
