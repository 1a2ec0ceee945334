import { distance } from 'fastest-levenshtein';

/** The candidate closest to `name`, when it is close enough to be what the user meant. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
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
