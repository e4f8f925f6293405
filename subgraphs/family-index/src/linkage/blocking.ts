import type { Features } from "./compare";

/**
 * Blocking: only records sharing a blocking key are compared, so the number of compared pairs
 * grows about linearly with the records instead of with their square. A pair is compared once,
 * under the first rule whose key it shares; blocks larger than the cap are skipped (and
 * counted): a key that common carries no information anyway, and the other rules still see
 * those records.
 */
export interface BlockingRule {
  readonly name: string;
  key(f: Features): string | null;
}

const initial = (s: string | null) => (s ? s[0] : null);
const year = (dob: string | null) => (dob ? dob.slice(0, 4) : null);
/** The two values sorted, so "Amira Hussain" and "Hussain Amira" share the key; null without both. */
const unordered = (x: string | null, y: string | null) => (x && y ? (x < y ? `${x}|${y}` : `${y}|${x}`) : null);
const all = (...parts: (string | null | undefined)[]) => (parts.every((p) => p) ? parts.join("|") : null);

/** The rules scoring runs over, in order. */
export const PREDICTION_BLOCKING: readonly BlockingRule[] = [
  { name: "nhsNumber", key: (f) => f.nhsNumber },
  { name: "dateOfBirth+familyMetaphone", key: (f) => all(f.dateOfBirth, f.familyMetaphone) },
  { name: "dateOfBirth+givenMetaphone", key: (f) => all(f.dateOfBirth, f.givenMetaphone) },
  { name: "dateOfBirth+postcodeSector", key: (f) => all(f.dateOfBirth, f.sector) },
  {
    name: "familyMetaphone+givenInitial+birthYear",
    key: (f) => all(f.familyMetaphone, initial(f.given), year(f.dateOfBirth)),
  },
  { name: "postcode+givenInitial", key: (f) => all(f.postcode, initial(f.given)) },
  {
    name: "givenMetaphone+familyMetaphone+postcodeDistrict",
    key: (f) => all(f.givenMetaphone, f.familyMetaphone, f.district),
  },
  // A nickname or another forename at the same address ("Beth Clark", "Elizabeth Clarke").
  { name: "familyMetaphone+postcode", key: (f) => all(f.familyMetaphone, f.postcode) },
  // Both names in either order (a transposed given and family name) and the year of birth.
  {
    name: "nameMetaphonesUnordered+birthYear",
    key: (f) => all(unordered(f.givenMetaphone, f.familyMetaphone), year(f.dateOfBirth)),
  },
  // ... or at one postcode (a date of birth keyed wrong as well).
  {
    name: "nameMetaphonesUnordered+postcode",
    key: (f) => all(unordered(f.givenMetaphone, f.familyMetaphone), f.postcode),
  },
  // A baby booked under another surname with no forename, or a postcode keyed wrong in the sector.
  { name: "dateOfBirth+postcodeDistrict", key: (f) => all(f.dateOfBirth, f.district) },
  // One address (a council's file: the agencies hold none), names and date of birth apart: the
  // house number, the street's first word and the postcode district (a postcode not UK-shaped whole).
  {
    name: "houseNumber+street+postcodeDistrict",
    key: (f) => all(f.address?.houseNumber, f.address?.street, f.district ?? f.postcode),
  },
];

/** Rules EM is trained over (Splink trains m on several blocking rules, each leaving other fields free). */
export const TRAINING_BLOCKING: readonly (BlockingRule & { blocks: readonly string[] })[] = [
  { name: "dateOfBirth", key: (f) => f.dateOfBirth, blocks: ["dateOfBirth"] },
  {
    name: "givenMetaphone+familyMetaphone",
    key: (f) => all(f.givenMetaphone, f.familyMetaphone),
    blocks: ["givenName", "familyName"],
  },
];

export const DEFAULT_MAX_BLOCK_SIZE = 400;

export interface BlockingStats {
  /** Pairs compared, per rule name. */
  pairs: Record<string, number>;
  /** Blocks skipped as larger than the cap, per rule name. */
  skippedBlocks: Record<string, number>;
}

function blocksOf(keys: readonly (string | null)[]): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null) continue;
    const b = blocks.get(k);
    if (b) b.push(i);
    else blocks.set(k, [i]);
  }
  return blocks;
}

/**
 * Calls visit(i, j) once for every pair of records (indexes, i < j) sharing a key of some rule,
 * in rule order (a pair is visited under the first rule it shares a key of). Returns the counts.
 * Keys are kept as block numbers (-1: no key, or a skipped block), four bytes per record and rule.
 */
export function forEachCandidatePair(
  features: readonly Features[],
  rules: readonly BlockingRule[],
  visit: (i: number, j: number) => void,
  maxBlockSize = DEFAULT_MAX_BLOCK_SIZE,
): BlockingStats {
  const stats: BlockingStats = { pairs: {}, skippedBlocks: {} };
  const blockOf: Int32Array[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    const ids = new Int32Array(features.length).fill(-1);
    blockOf.push(ids);
    const blocks = blocksOf(features.map((f) => rule.key(f)));
    let pairs = 0;
    let skipped = 0;
    let id = 0;
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > maxBlockSize) {
        skipped++;
        continue;
      }
      for (const i of block) ids[i] = id;
      id++;
    }
    for (const block of blocks.values()) {
      if (block.length < 2 || block.length > maxBlockSize) continue;
      for (let x = 0; x < block.length; x++) {
        const i = block[x];
        for (let y = x + 1; y < block.length; y++) {
          const j = block[y];
          let seen = false;
          for (let q = 0; q < r; q++) {
            const k = blockOf[q][i];
            if (k !== -1 && k === blockOf[q][j]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          pairs++;
          visit(i, j);
        }
      }
    }
    stats.pairs[rule.name] = pairs;
    stats.skippedBlocks[rule.name] = skipped;
  }
  return stats;
}

/**
 * The pairs of one rule alone (for EM training). When there are more than maxPairs, each pair is
 * kept with probability maxPairs / total, drawn from a seeded generator (the same every run).
 * Blocks larger than the cap are skipped. Returns the number of pairs visited.
 */
export function forEachPairOfRule(
  features: readonly Features[],
  rule: BlockingRule,
  visit: (i: number, j: number) => void,
  maxPairs: number,
  random: () => number,
  maxBlockSize = DEFAULT_MAX_BLOCK_SIZE,
): number {
  const blocks = [...blocksOf(features.map((f) => rule.key(f))).values()].filter(
    (b) => b.length >= 2 && b.length <= maxBlockSize,
  );
  const total = blocks.reduce((s, b) => s + (b.length * (b.length - 1)) / 2, 0);
  const keep = total <= maxPairs ? 1 : maxPairs / total;
  let pairs = 0;
  for (const block of blocks)
    for (let x = 0; x < block.length; x++)
      for (let y = x + 1; y < block.length; y++) {
        if (keep < 1 && random() >= keep) continue;
        visit(block[x], block[y]);
        pairs++;
      }
  return pairs;
}
