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
  /**
   * When present, the rule pairs two records sharing its key only if at least one of them passes
   * this test (a record that lacks a field, paired with every record of its block). A key too
   * broad to pair everyone (a date of birth and sex) is then affordable where nothing else can
   * find the pair: the records lacking the field the other rules key on.
   */
  only?(f: Features): boolean;
  /** A smaller block size cap for this rule than the run's (a key that is only worth pairing while its blocks are small). */
  readonly maxBlockSize?: number;
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
  // The passes below pair a record lacking a field with every record sharing the rest of their
  // key: the other rules all need that field (or the postcode, which moves), so without these a
  // record without a date of birth at a new address, or a baby booked without a forename under
  // the other parent's surname, is never compared at all.
  // Both names in either order, one record without a date of birth.
  // (Not "or without a postcode": a record with a date of birth is found by it, and records
  // without a postcode paired with every namesake made this pass grow with the square of the
  // borough: 410,000 pairs at 20,000 families, 20,000 without.)
  {
    name: "nameMetaphonesUnordered, one without dateOfBirth",
    key: (f) => unordered(f.givenMetaphone, f.familyMetaphone),
    only: (f) => !f.dateOfBirth,
  },
  // The family name and the first initial, one record without a date of birth (a nickname or a
  // misspelt forename as well: "Cath Hughes" and "Catherine Hughes").
  {
    name: "familyMetaphone+givenInitial, one without dateOfBirth",
    key: (f) => all(f.familyMetaphone, initial(f.given)),
    only: (f) => !f.dateOfBirth,
  },
  // The date of birth and sex, one record without a forename (a baby booked before naming,
  // often under the other parent's surname), while the block is small: a day's births grow with
  // the borough, and every booked baby lacks a forename.
  {
    name: "dateOfBirth+sex, one without givenName",
    key: (f) => all(f.dateOfBirth, f.sex),
    only: (f) => !f.given,
    maxBlockSize: 60,
  },
  // The postcode and sex, one record without a forename and a date of birth (a family name may
  // be all it holds besides, and that may be the other parent's).
  {
    name: "postcode+sex, one without givenName and dateOfBirth",
    key: (f) => all(f.postcode, f.sex),
    only: (f) => !f.given && !f.dateOfBirth,
  },
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

/** Records grouped by one rule's key: block b's records are members[start[b]] up to members[start[b + 1]]. */
interface Blocks {
  count: number;
  start: Int32Array;
  members: Int32Array;
  /** Each record's block, -1 without a key. */
  blockOf: Int32Array;
}

/**
 * Groups the records by a rule's key, in first-seen order of the keys and record order within a
 * block (as blocksOf does), in three flat arrays rather than an array per block: the key strings
 * are let go as soon as each has its number.
 */
function blocksByKey(features: readonly Features[], rule: BlockingRule): Blocks {
  const n = features.length;
  const numbers = new Map<string, number>();
  const blockOf = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = rule.key(features[i]);
    if (k === null) {
      blockOf[i] = -1;
      continue;
    }
    let b = numbers.get(k);
    if (b === undefined) {
      b = sizes.length;
      numbers.set(k, b);
      sizes.push(0);
    }
    blockOf[i] = b;
    sizes[b]++;
  }
  numbers.clear();
  const start = new Int32Array(sizes.length + 1);
  for (let b = 0; b < sizes.length; b++) start[b + 1] = start[b] + sizes[b];
  const next = start.slice(0, sizes.length);
  const members = new Int32Array(start[sizes.length]);
  for (let i = 0; i < n; i++) if (blockOf[i] >= 0) members[next[blockOf[i]]++] = i;
  return { count: sizes.length, start, members, blockOf };
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
  /** Per rule with `only`, whether each record passes it (1) or not (0); null for other rules. */
  const passes: (Uint8Array | null)[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    const { count, start, members, blockOf: ids } = blocksByKey(features, rule);
    blockOf.push(ids);
    const only = rule.only ? Uint8Array.from(features, (f) => (rule.only!(f) ? 1 : 0)) : null;
    passes.push(only);
    const cap = Math.min(maxBlockSize, rule.maxBlockSize ?? Infinity);
    let pairs = 0;
    let skipped = 0;
    // Records alone in their block, or in a block over the cap, share no key of this rule.
    for (let b = 0; b < count; b++) {
      const size = start[b + 1] - start[b];
      if (size > cap) skipped++;
      if (size < 2 || size > cap) for (let x = start[b]; x < start[b + 1]; x++) ids[members[x]] = -1;
    }
    /** Whether an earlier rule already paired i and j. */
    const seenBefore = (i: number, j: number) => {
      for (let q = 0; q < r; q++) {
        const k = blockOf[q][i];
        if (k === -1 || k !== blockOf[q][j]) continue;
        const p = passes[q];
        if (!p || p[i] || p[j]) return true;
      }
      return false;
    };
    for (let b = 0; b < count; b++) {
      const from = start[b];
      const to = start[b + 1];
      if (to - from < 2 || to - from > cap) continue;
      if (only) {
        // Each record passing the test with every other record of the block, a pair of two
        // passing records once (from the first of them); block members are in index order.
        for (let x = from; x < to; x++) {
          const i = members[x];
          if (!only[i]) continue;
          for (let y = from; y < to; y++) {
            const j = members[y];
            if (y === x || (only[j] && y < x)) continue;
            const [a, c] = i < j ? [i, j] : [j, i];
            if (seenBefore(a, c)) continue;
            pairs++;
            visit(a, c);
          }
        }
        continue;
      }
      for (let x = from; x < to; x++) {
        const i = members[x];
        for (let y = x + 1; y < to; y++) {
          const j = members[y];
          if (seenBefore(i, j)) continue;
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
