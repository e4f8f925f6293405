/**
 * Jaro-Winkler similarity (Winkler's prefix boost of up to four characters, scaling factor 0.1,
 * applied when the Jaro score is at least 0.7), as talisman's `metrics/jaro-winkler` computes it,
 * without allocating: it runs for every name of every pair blocking compares, tens of millions
 * of times in a large borough, and talisman's four arrays a call were a fifth of linking's
 * garbage. Names are short, so the matching flags fit in two reusable buffers.
 */
let minMatched = new Int32Array(64);
let maxFlags = new Uint8Array(64);

function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const [min, max] = a.length > b.length ? [b, a] : [a, b];
  if (min.length === 0) return 0;
  if (max.length > maxFlags.length) {
    minMatched = new Int32Array(max.length * 2);
    maxFlags = new Uint8Array(max.length * 2);
  }
  maxFlags.fill(0, 0, max.length);
  const range = Math.max(((max.length / 2) | 0) - 1, 0);
  let matches = 0;
  for (let i = 0; i < min.length; i++) {
    minMatched[i] = -1;
    const c = min.charCodeAt(i);
    const to = Math.min(i + range + 1, max.length);
    for (let j = Math.max(i - range, 0); j < to; j++)
      if (maxFlags[j] === 0 && c === max.charCodeAt(j)) {
        minMatched[i] = j;
        maxFlags[j] = 1;
        matches++;
        break;
      }
  }
  if (matches === 0) return 0;
  // The matched characters of each string in their own order; count the positions that differ.
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < min.length; i++) {
    if (minMatched[i] < 0) continue;
    while (maxFlags[j] === 0) j++;
    if (min.charCodeAt(i) !== max.charCodeAt(j)) transpositions++;
    j++;
  }
  const t = (transpositions / 2) | 0;
  return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const dj = jaro(a, b);
  if (dj < 0.7) return dj;
  const limit = Math.min(a.length, b.length, 4);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return dj + prefix * 0.1 * (1 - dj);
}
