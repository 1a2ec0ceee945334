// Where an edit between two texts is: what the model reader, the per-unit answers and the
// incremental analysis each need after a keystroke, worked out once per pair of texts.

/** The edit: `start` to `oldEnd` in the old text became `start` to `oldEnd + delta` in the new. */
export type Edit = { start: number; oldEnd: number; delta: number };

let lastPair: { before: string; after: string; edit: Edit | undefined } | undefined;

/**
 * Where the edit between two texts may be. The common prefix and suffix bound it, but not
 * always in one way: a line typed above a copy of itself could as well have been typed below
 * it. The edit is taken as everything either reading allows, so that what is moved past it is
 * past it whichever was typed.
 */
export function editOf(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  if (lastPair?.before === before && lastPair.after === after) return lastPair.edit;
  const edit = between(before, after);
  lastPair = { before, after, edit };
  return edit;
}

function between(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, max);
  const suffix = commonSuffix(before, after, max);
  // Prefix first, then the suffix in what is left; or suffix first, then the prefix.
  return {
    start: Math.min(prefix, max - suffix),
    oldEnd: before.length - Math.min(suffix, max - prefix),
    delta: after.length - before.length,
  };
}

/** Compared a block at a time: the engine compares strings far faster than a loop over characters. */
const BLOCK = 512;

function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(n, n + BLOCK) === b.slice(n, n + BLOCK)) n += BLOCK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
