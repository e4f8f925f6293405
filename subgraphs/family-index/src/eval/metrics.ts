/**
 * Pairwise precision and recall of a clustering against the truth, counted from cluster sizes
 * (never by listing the n² pairs): predicted pairs = Σ C(size, 2) over predicted clusters, true
 * pairs = Σ C(size, 2) over true clusters, true positives = Σ C(size, 2) over the cells of
 * (predicted cluster × true cluster).
 */
export interface PairwiseMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  truePositivePairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function countPairs(sizes: Iterable<number>): number {
  let total = 0;
  for (const s of sizes) total += pairs(s);
  return total;
}

function sizes<K>(keys: Iterable<K>): Map<K, number> {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** predicted[i] and truth[i] are record i's predicted and true cluster. */
export function pairwiseMetrics(predicted: readonly string[], truth: readonly string[]): PairwiseMetrics {
  if (predicted.length !== truth.length) throw new RangeError("predicted and truth differ in length");
  const predictedPairs = countPairs(sizes(predicted).values());
  const truePairs = countPairs(sizes(truth).values());
  const truePositivePairs = countPairs(sizes(predicted.map((p, i) => `${p}\u0000${truth[i]}`)).values());
  // No pairs predicted: nothing wrong was claimed (precision 1); no true pairs: nothing was missed.
  const precision = predictedPairs === 0 ? 1 : truePositivePairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositivePairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, truePositivePairs };
}
