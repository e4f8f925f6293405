import { dayOf, isoOf } from "./days";
import { typo, wrongDate } from "./noise";
import { Rng } from "./random";
import type { TruthRecord } from "./types";

/**
 * "Another system's" noise: a second, independent model of how records differ, so that the
 * linkage is not tuned to one generator. The default and hard profiles model each agency's own
 * habits (nicknames at the centres, maiden names on the register); this one models an extract
 * from a system we did not design, with the faults seen on outside data: given and family name
 * transposed, a postcode with one character wrong, dates of birth and names missing, other name
 * conventions (capitals, apostrophes and hyphens dropped, Mc/Mac), few NHS numbers.
 *
 * It re-keys the records of a generated borough's truth (the agency databases are not changed):
 * each record is passed through the kinds below independently, with a random stream of its own
 * (seeded by the seed and the record's place), so the same input gives the same output. The
 * true person of every record is kept: it is a profile for the linkage evaluation.
 */
export const OTHER_SYSTEM_RATES = {
  /** Given and family name held the other way round. */
  namesTransposed: 0.03,
  /** One character of the postcode keyed wrong (a digit for a digit, a letter for a letter). */
  postcodeTypo: 0.04,
  /** No postcode held. */
  postcodeMissing: 0.04,
  /** No date of birth held. */
  dobMissing: 0.06,
  /** A date of birth with a digit wrong (or day and month transposed). */
  dobError: 0.02,
  /** No given name held. */
  givenMissing: 0.03,
  /** No family name held. */
  familyMissing: 0.01,
  /** One typing slip in the family name. */
  familyTypo: 0.03,
  /** Family name in capitals, as many older systems hold it. */
  familyCapitals: 0.3,
  /** Apostrophes and hyphens dropped from a family name that has them ("O'Brien" -> "OBrien", "Cox-Jenkins" -> "Cox Jenkins"). */
  familyPunctuation: 0.5,
  /** "Mc" held as "Mac" or the other way round, among names that start with either. */
  familyMcMac: 0.3,
  /** NHS number held: most other systems hold few. */
  nhsHeld: 0.3,
} as const;

export type OtherSystemKind = Exclude<keyof typeof OTHER_SYSTEM_RATES, "nhsHeld"> | "nhsMissing";

/** The stream label of the profile (independent of every agency builder's streams). */
const STREAM = 9_001;

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** One character of a postcode replaced by another of its kind (the space kept). */
export function postcodeTypo(postcode: string, rng: Rng): string {
  const places = [...postcode].map((c, i) => (c === " " ? -1 : i)).filter((i) => i >= 0);
  const i = rng.pick(places);
  const c = postcode[i];
  const pool = DIGITS.includes(c) ? DIGITS : LETTERS;
  let next = c;
  while (next === c) next = rng.pick([...pool]);
  return postcode.slice(0, i) + next + postcode.slice(i + 1);
}

function mcMac(name: string): string {
  if (/^Mac[A-Z]/.test(name)) return `Mc${name.slice(3)}`;
  if (/^Mc[A-Z]/.test(name)) return `Mac${name.slice(2)}`;
  return name;
}

/**
 * The records as another system holds them, with the kinds applied to each (for the tests and
 * the evaluation's description).
 */
export function otherSystemExtract(
  truth: readonly TruthRecord[],
  seed: number,
): { records: TruthRecord[]; applied: Record<OtherSystemKind, number> } {
  const r = OTHER_SYSTEM_RATES;
  const applied = Object.fromEntries(
    [...Object.keys(r).filter((k) => k !== "nhsHeld"), "nhsMissing"].map((k) => [k, 0]),
  ) as Record<OtherSystemKind, number>;
  const records = truth.map((t, index) => {
    const rng = Rng.stream(seed, STREAM, index);
    const happens = (kind: OtherSystemKind, rate: number) => {
      const yes = rng.chance(rate);
      if (yes) applied[kind]++;
      return yes;
    };
    let given = t.givenName;
    let family = t.familyName;
    if (family !== null) {
      if (/['-]/.test(family) && happens("familyPunctuation", r.familyPunctuation))
        family = family.replace(/'/g, "").replace(/-/g, " ");
      if (/^Ma?c[A-Z]/.test(family) && happens("familyMcMac", r.familyMcMac)) family = mcMac(family);
      if (happens("familyTypo", r.familyTypo)) family = typo(family, rng);
      if (happens("familyCapitals", r.familyCapitals)) family = family.toUpperCase();
    }
    if (given !== null && family !== null && happens("namesTransposed", r.namesTransposed))
      [given, family] = [family, given];
    if (given !== null && happens("givenMissing", r.givenMissing)) given = null;
    if (family !== null && happens("familyMissing", r.familyMissing)) family = null;
    let dateOfBirth = t.dateOfBirth;
    if (dateOfBirth !== null) {
      if (happens("dobMissing", r.dobMissing)) dateOfBirth = null;
      else if (happens("dobError", r.dobError)) dateOfBirth = isoOf(wrongDate(dayOf(dateOfBirth), rng));
    }
    let postcode = t.postcode;
    if (postcode !== null) {
      if (happens("postcodeMissing", r.postcodeMissing)) postcode = null;
      else if (happens("postcodeTypo", r.postcodeTypo)) postcode = postcodeTypo(postcode, rng);
    }
    const nhsNumber = t.nhsNumber !== null && !happens("nhsMissing", 1 - r.nhsHeld) ? t.nhsNumber : null;
    return { ...t, givenName: given, familyName: family, dateOfBirth, postcode, nhsNumber };
  });
  return { records, applied };
}
