import { distance } from 'fastest-levenshtein';

/**
 * The candidate a typo most likely meant, for "did you mean …": the nearest by edit
 * distance if it is near enough to be a slip (a third of the word's length, at least 2),
 * else one the word is a prefix of or that is a prefix of it ("Acme Corp" for "Acme
 * Corporation": org names are often shortened), the nearest of those.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  let near: { candidate: string; distance: number } | undefined;
  let prefix: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const d = distance(typed, lower);
    if (d <= limit && (near === undefined || d < near.distance)) near = { candidate, distance: d };
    const isPrefix = Math.min(typed.length, lower.length) >= 3 && (lower.startsWith(typed) || typed.startsWith(lower));
    if (isPrefix && (prefix === undefined || d < prefix.distance)) prefix = { candidate, distance: d };
  }
  return (near ?? prefix)?.candidate;
}

/** ` (did you mean "dau"?)`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}
