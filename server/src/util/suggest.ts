import { distance } from 'fastest-levenshtein';

/** The candidate closest to `name`, when it is close enough to be what the user meant. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  // Two letters swapped (`tsl`, `grcp`) cost two edits, as much as an unrelated short word
  // (`to`): among equally distant candidates, the one with the same letters, then the same
  // length, is the slip.
  const sorted = [...lower].sort().join('');
  const likeness = (c: string) => ([...c].sort().join('') === sorted ? 2 : 0) + (c.length === lower.length ? 1 : 0);
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = distance(lower, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && likeness(c) > likeness(best.toLowerCase()))) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(Math.max(name.length, best.length) / 3));
  if (bestDistance <= allowed) return best;
  // A prefix or a part of the name is also a fair guess (`db` for `orders-db` is not, `order` for `orders` is).
  if (best.startsWith(lower) && lower.length >= 4) return best;
  return undefined;
}

export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
}
