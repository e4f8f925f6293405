import { jaroWinkler } from "./jaro-winkler";
import doubleMetaphone from "talisman/phonetics/double-metaphone";
import { isKnownShortForm } from "./nicknames";
import type { LinkageRecord, SourceName } from "./types";

/**
 * Comparison levels for Fellegi-Sunter scoring, as Splink defines them: each field of a pair of
 * records falls in exactly one level (the first that applies, in the order listed), or in none
 * when either record lacks the value (a missing value contributes a weight of 0).
 */
export const NAME_LEVELS = [
  "EXACT",
  "HYPHENATED_PART",
  "NICKNAME",
  "JARO_WINKLER_92",
  "METAPHONE",
  "JARO_WINKLER_88",
  // The given name agreeing with the other record's family name and the family name with its given name.
  "TRANSPOSED",
  "ELSE",
] as const;
// TEN_YEARS_APART: born ten years or more apart (a parent and a child of one name at one address), not one slip.
export const DATE_OF_BIRTH_LEVELS = [
  "EXACT",
  "DAY_MONTH_TRANSPOSED",
  "ONE_DIGIT_DIFFERENT",
  "TEN_YEARS_APART",
  "ELSE",
] as const;
export const SEX_LEVELS = ["MATCH", "MISMATCH"] as const;
// ONE_CHARACTER: one character keyed wrong or two neighbours swapped (any postcode, UK-shaped or not).
export const POSTCODE_LEVELS = ["FULL", "SECTOR", "ONE_CHARACTER", "DISTRICT", "ELSE"] as const;
export const NHS_NUMBER_LEVELS = ["EQUAL", "DIFFERENT"] as const;
/**
 * Address lines (with the town when both records hold one), normalised (case, punctuation,
 * "Rd"/"Road", "St"/"Street" and the like): EXACT equal; TOKENS_MOST a Jaccard similarity of the
 * words of at least 0.7, or the same house number on the same street (its first word after the
 * number, equal or Jaro-Winkler >= 0.92) and no other town; TOKENS_SOME a Jaccard of at least 0.4 (the same street,
 * another number); ELSE.
 */
export const ADDRESS_LEVELS = ["EXACT", "TOKENS_MOST", "TOKENS_SOME", "ELSE"] as const;
/**
 * Other identifiers (a file's `id_<name>` columns), by name, where both records hold one: AGREE
 * when some name holds the same value in both and none differs, DISAGREE when some name differs.
 */
export const IDENTIFIER_LEVELS = ["AGREE", "DISAGREE"] as const;

export type NameLevel = (typeof NAME_LEVELS)[number];
export type DateOfBirthLevel = (typeof DATE_OF_BIRTH_LEVELS)[number];
export type SexLevel = (typeof SEX_LEVELS)[number];
export type PostcodeLevel = (typeof POSTCODE_LEVELS)[number];
export type NhsNumberLevel = (typeof NHS_NUMBER_LEVELS)[number];
export type AddressLevel = (typeof ADDRESS_LEVELS)[number];
export type IdentifierLevel = (typeof IDENTIFIER_LEVELS)[number];

/**
 * The compared fields, in a fixed order (comparison vectors are indexed by it). The agencies'
 * records hold no address and no other identifiers: for them those two are always missing
 * (weight 0); a council's own file may hold both (`linkage:eval --csv`).
 */
export const FIELDS = [
  "givenName",
  "familyName",
  "dateOfBirth",
  "sex",
  "postcode",
  "nhsNumber",
  "address",
  "identifiers",
] as const;
export type Field = (typeof FIELDS)[number];

export const LEVELS: Readonly<Record<Field, readonly string[]>> = {
  givenName: NAME_LEVELS,
  familyName: NAME_LEVELS,
  dateOfBirth: DATE_OF_BIRTH_LEVELS,
  sex: SEX_LEVELS,
  postcode: POSTCODE_LEVELS,
  nhsNumber: NHS_NUMBER_LEVELS,
  address: ADDRESS_LEVELS,
  identifiers: IDENTIFIER_LEVELS,
};

/** A record's values prepared once for comparison and blocking (kept small: one per record). */
export interface Features {
  /** First forename, letters only, lower case (registration holds every forename). */
  given: string | null;
  /** Every forename, only when there is more than one. */
  givenAll: readonly string[] | null;
  /** Double Metaphone codes of the first forename (primary, alternate; equal when there is no alternate). */
  givenMetaphone: string | null;
  givenMetaphoneAlt: string | null;
  /** Family name, lower case, separators as held. */
  family: string | null;
  /** Family name with letters only (so "Cox-Jenkins", "Cox Jenkins" and "CoxJenkins" agree). */
  familyCompact: string | null;
  /** Parts of a double-barrelled family name, only when there is more than one. */
  familyParts: readonly string[] | null;
  familyMetaphone: string | null;
  familyMetaphoneAlt: string | null;
  dateOfBirth: string | null;
  sex: "F" | "M" | null;
  postcode: string | null;
  /** "DY1 4" */
  sector: string | null;
  /** "DY1" */
  district: string | null;
  nhsNumber: string | null;
  /** The address, null when the record holds no address lines (one slot: the agencies hold none). */
  address: AddressFeatures | null;
  /** Other identifiers by name, values upper case without spaces; null when the record holds none. */
  identifiers: Readonly<Record<string, string>> | null;
}

export interface AddressFeatures {
  /** Address lines normalised (normaliseAddress). */
  text: string;
  /** The distinct words of the address lines, and of the town (null without one). */
  words: readonly string[];
  townWords: readonly string[] | null;
  /** The first word of the address lines starting with a digit ("12", "12a"), and the first word after it. */
  houseNumber: string | null;
  street: string | null;
}

const letters = (s: string) => s.replace(/[^a-z]/g, "");

/**
 * Whether a normalised postcode (upper case, one space before the last three characters) has the
 * UK shape: an outward code of a letter or two, a digit and an optional letter or digit, then a
 * digit and two letters ("DY1 4QT", "B1 1AA", "SW1A 2AA").
 */
export function isUkShapedPostcode(postcode: string): boolean {
  return /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(postcode);
}

/** Double Metaphone codes by word: names repeat a great deal, so each is encoded once (bounded). */
const metaphoneMemo = new Map<string, [string | null, string | null]>();
const METAPHONE_MEMO_SIZE = 100_000;

export function metaphone(word: string | null): [string | null, string | null] {
  if (!word) return [null, null];
  const known = metaphoneMemo.get(word);
  if (known) return known;
  const [p, a] = doubleMetaphone(word);
  const codes: [string | null, string | null] = p ? [p, a || p] : [null, null];
  if (metaphoneMemo.size >= METAPHONE_MEMO_SIZE) metaphoneMemo.clear();
  metaphoneMemo.set(word, codes);
  return codes;
}

/** Words of an address held in more than one way, and the one form both are compared in. */
const ADDRESS_WORDS: Readonly<Record<string, string>> = {
  rd: "road",
  st: "street",
  str: "street",
  ave: "avenue",
  av: "avenue",
  ln: "lane",
  dr: "drive",
  cl: "close",
  ct: "court",
  crt: "court",
  cres: "crescent",
  cresc: "crescent",
  pl: "place",
  gdns: "gardens",
  gdn: "gardens",
  gr: "grove",
  gro: "grove",
  sq: "square",
  tce: "terrace",
  terr: "terrace",
  hse: "house",
  ho: "house",
  apt: "flat",
  apartment: "flat",
  pk: "park",
  wy: "way",
  mt: "mount",
  nth: "north",
  sth: "south",
};

/**
 * Address text for comparison: lower case, apostrophes dropped ("St Mary's" -> "street marys"),
 * other punctuation a space, the common abbreviations of ADDRESS_WORDS as one word ("Rd" and
 * "Road" alike), spaces collapsed; empty is null.
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const words = raw
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => ADDRESS_WORDS[w] ?? w);
  return words.length ? words.join(" ") : null;
}

/** Identifier values compared exactly: trimmed, upper case, spaces and hyphens dropped. */
function identifiersOf(raw: Readonly<Record<string, string>> | null | undefined): Record<string, string> | null {
  if (!raw) return null;
  let out: Record<string, string> | null = null;
  for (const [name, value] of Object.entries(raw)) {
    const v = value.replace(/[\s-]/g, "").toUpperCase();
    if (v) (out ??= {})[name] = v;
  }
  return out;
}

/**
 * A date of birth as linkage compares it: any YYYY-MM-DD, a day that is not in the calendar
 * included (a keying error still agrees in its other digits); anything else is missing.
 */
export function dateOfBirthShaped(d: string | null | undefined): string | null {
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

export function featuresOf(r: LinkageRecord<SourceName>): Features {
  const givenAll = (r.givenName ?? "")
    .split(/[\s-]+/)
    .map(letters)
    .filter((g) => g !== "" && g !== "baby");
  const given = givenAll[0] ?? null;
  const family = r.familyName;
  const familyParts = family
    ? family
        .split(/[\s-]+/)
        .map(letters)
        .filter(Boolean)
    : [];
  const familyCompact = family ? letters(family) || null : null;
  const sex = r.source.sex === "FEMALE" ? "F" : r.source.sex === "MALE" ? "M" : null;
  const postcode = r.postcode;
  // Sector and district only from a UK-shaped postcode: another country's is compared whole,
  // never cut into a one-character "district" every such record would share.
  const uk = postcode !== null && isUkShapedPostcode(postcode);
  const space = uk ? postcode.indexOf(" ") : -1;
  const [givenMetaphone, givenMetaphoneAlt] = metaphone(given);
  const [familyMetaphone, familyMetaphoneAlt] = metaphone(familyCompact);
  return {
    given,
    givenAll: givenAll.length > 1 ? givenAll : null,
    givenMetaphone,
    givenMetaphoneAlt,
    family,
    familyCompact,
    familyParts: familyParts.length > 1 ? familyParts : null,
    familyMetaphone,
    familyMetaphoneAlt,
    dateOfBirth: dateOfBirthShaped(r.source.dateOfBirth),
    sex,
    postcode,
    sector: uk ? postcode.slice(0, space + 2) : null,
    district: uk ? postcode.slice(0, space) : null,
    nhsNumber: r.validNhsNumber,
    address: addressFeatures(r.source.address, r.source.town),
    identifiers: identifiersOf(r.source.identifiers),
  };
}

function addressFeatures(lines: string | null | undefined, townRaw: string | null | undefined): AddressFeatures | null {
  const text = normaliseAddress(lines);
  if (!text) return null;
  const words = text.split(" ");
  const numberAt = words.findIndex((w) => /^\d/.test(w));
  const town = normaliseAddress(townRaw);
  return {
    text,
    words: [...new Set(words)],
    townWords: town ? [...new Set(town.split(" "))] : null,
    houseNumber: numberAt >= 0 ? words[numberAt] : null,
    street: numberAt >= 0 ? (words.slice(numberAt + 1).find((w) => /^[a-z]/.test(w)) ?? null) : null,
  };
}

const metaphoneMatch = (a1: string | null, a2: string | null, b1: string | null, b2: string | null) =>
  !!a1 && !!b1 && (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2);

/** Index into NAME_LEVELS for two given names (first forenames), or -1 when either is missing. */
export function compareGivenNames(a: Features, b: Features): number {
  if (!a.given || !b.given) return -1;
  if (a.given === b.given) return 0;
  // Another of the registered forenames agreeing (a child known by their middle name).
  if (a.givenAll || b.givenAll) {
    const as = a.givenAll ?? [a.given];
    const bs = b.givenAll ?? [b.given];
    if (as.some((g) => bs.includes(g))) return 1;
  }
  if (isKnownShortForm(a.given, b.given)) return 2;
  const jw = jaroWinkler(a.given, b.given);
  if (jw >= 0.92) return 3;
  if (metaphoneMatch(a.givenMetaphone, a.givenMetaphoneAlt, b.givenMetaphone, b.givenMetaphoneAlt)) return 4;
  if (jw >= 0.88) return 5;
  return NAME_ELSE;
}

/** Index into NAME_LEVELS for two family names, or -1 when either is missing. */
export function compareFamilyNames(a: Features, b: Features): number {
  if (!a.family || !b.family) return -1;
  if (a.family === b.family) return 0;
  const ca = a.familyCompact ?? "";
  const cb = b.familyCompact ?? "";
  if (ca === cb || macAsMc(ca) === macAsMc(cb)) return 1;
  if (a.familyParts || b.familyParts) {
    // A part of a double-barrelled name held alone or in another double-barrelled name.
    const as = a.familyParts ?? [ca];
    const bs = b.familyParts ?? [cb];
    if (as.some((p) => bs.includes(p))) return 1;
    // The other way round, run together: "Jones-Smith" / "SmithJones".
    if (a.familyParts && [...a.familyParts].reverse().join("") === cb) return 1;
    if (b.familyParts && [...b.familyParts].reverse().join("") === ca) return 1;
  }
  const jw = jaroWinkler(ca, cb);
  if (jw >= 0.92) return 3;
  if (metaphoneMatch(a.familyMetaphone, a.familyMetaphoneAlt, b.familyMetaphone, b.familyMetaphoneAlt)) return 4;
  if (jw >= 0.88) return 5;
  return NAME_ELSE;
}

/** "mac…" as "mc…": MacDonald and McDonald are one name held two ways. */
const macAsMc = (compact: string) => (compact.startsWith("mac") ? `mc${compact.slice(3)}` : compact);

const NAME_TRANSPOSED = NAME_LEVELS.indexOf("TRANSPOSED");
const ADDRESS_SOME = ADDRESS_LEVELS.indexOf("TOKENS_SOME");
const POSTCODE_DISTRICT = POSTCODE_LEVELS.indexOf("DISTRICT");
const NAME_ELSE = NAME_LEVELS.indexOf("ELSE");

/** Whether a forename and a family name (letters only) are the same name: equal, Jaro-Winkler 0.92 or one sound. */
function sameName(
  x: string | null,
  xCodes: readonly (string | null)[],
  y: string | null,
  yCodes: readonly (string | null)[],
) {
  if (!x || !y) return false;
  if (x === y || jaroWinkler(x, y) >= 0.92) return true;
  return metaphoneMatch(xCodes[0], xCodes[1], yCodes[0], yCodes[1]);
}

/**
 * Whether the two records hold the same two names the other way round: a's given name is b's
 * family name and a's family name b's given name ("Amira Hussain" and "Hussain Amira").
 */
export function namesTransposed(a: Features, b: Features): boolean {
  return (
    sameName(a.given, [a.givenMetaphone, a.givenMetaphoneAlt], b.familyCompact, [
      b.familyMetaphone,
      b.familyMetaphoneAlt,
    ]) &&
    sameName(a.familyCompact, [a.familyMetaphone, a.familyMetaphoneAlt], b.given, [
      b.givenMetaphone,
      b.givenMetaphoneAlt,
    ])
  );
}

/** Whether two words are at most one edit apart: a character changed, added or dropped, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) return oneCharacterApart(a, b);
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/**
 * Whether two records are two children of one multiple birth (twins, triplets): both hold a
 * forename and the same date of birth, their family names agree (any level up to
 * JARO_WINKLER_88), and their forenames disagree outright (not forenamesMayAgree: "Ava" and
 * "Aba" stay a typing slip). The fields such records share (date of birth, family
 * name, postcode) are exactly the ones that make two people of one family look like one, so
 * their weights outweigh the forenames' however the model is trained; the linker never joins
 * two people holding such a pair (link.ts), and offers the pair for review instead.
 */
export function differentTwins(a: Features, b: Features): boolean {
  if (!a.given || !b.given || !a.dateOfBirth || a.dateOfBirth !== b.dateOfBirth) return false;
  const family = compareFamilyNames(a, b);
  if (family < 0 || family >= NAME_TRANSPOSED) return false;
  return !forenamesMayAgree(a, b);
}

/**
 * Whether two records' forenames may be one name: they agree at some level short of TRANSPOSED,
 * or are one edit apart, or one holds the other ("Becca", "Rebecca"). Records without both
 * forenames never disagree.
 */
export function forenamesMayAgree(a: Features, b: Features): boolean {
  if (!a.given || !b.given) return true;
  const level = compareGivenNames(a, b);
  if (level >= 0 && level < NAME_TRANSPOSED) return true;
  return withinOneEdit(a.given, b.given) || a.given.includes(b.given) || b.given.includes(a.given);
}

/** Index into DATE_OF_BIRTH_LEVELS (ISO dates), or -1 when either is missing. */
export function compareDatesOfBirth(a: string | null, b: string | null): number {
  if (!a || !b) return -1;
  if (a === b) return 0;
  // YYYY-MM-DD: the month and day swapped (compared by character: this runs for every compared pair).
  const at = (s: string, i: number) => s.charCodeAt(i);
  if (
    a.length === 10 &&
    b.length === 10 &&
    at(a, 0) === at(b, 0) &&
    at(a, 1) === at(b, 1) &&
    at(a, 2) === at(b, 2) &&
    at(a, 3) === at(b, 3) &&
    at(a, 5) === at(b, 8) &&
    at(a, 6) === at(b, 9) &&
    at(a, 8) === at(b, 5) &&
    at(a, 9) === at(b, 6)
  )
    return 1;
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differ > 1) break;
  if (differ === 1) return 2;
  return Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4))) >= 10 ? 3 : 4;
}

/** Index into SEX_LEVELS, or -1 when either is missing or unknown. */
export function compareSex(a: "F" | "M" | null, b: "F" | "M" | null): number {
  if (!a || !b) return -1;
  return a === b ? 0 : 1;
}

/** Index into POSTCODE_LEVELS, or -1 when either is missing. */
export function comparePostcodes(a: Features, b: Features): number {
  if (!a.postcode || !b.postcode) return -1;
  if (a.postcode === b.postcode) return 0;
  if (a.sector && a.sector === b.sector) return 1;
  if (oneCharacterApart(a.postcode, b.postcode)) return 2;
  if (a.district && a.district === b.district) return 3;
  return 4;
}

/** The same length, and one character different or two neighbouring characters swapped. */
function oneCharacterApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  let differ = 0;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) {
      if (++differ > 2) return false;
      if (first < 0) first = i;
    }
  if (differ === 1) return true;
  return differ === 2 && a[first] === b[first + 1] && a[first + 1] === b[first];
}

/** Index into NHS_NUMBER_LEVELS (valid numbers only), or -1 when either lacks one. */
export function compareNhsNumbers(a: string | null, b: string | null): number {
  if (!a || !b) return -1;
  return a === b ? 0 : 1;
}

/** |x ∩ y| / |x ∪ y| of two sets of distinct words. */
function jaccard(x: readonly string[], y: readonly string[]): number {
  let shared = 0;
  for (const w of x) if (y.includes(w)) shared++;
  const union = x.length + y.length - shared;
  return union === 0 ? 0 : shared / union;
}

/** Index into ADDRESS_LEVELS, or -1 when either record lacks address lines. */
export function compareAddresses(fa: Features, fb: Features): number {
  const a = fa.address;
  const b = fb.address;
  if (!a || !b) return -1;
  const bothTowns = a.townWords !== null && b.townWords !== null;
  const sameTown = !bothTowns || a.townWords!.join(" ") === b.townWords!.join(" ");
  if (a.text === b.text && sameTown) return 0;
  // The town's words count only when both hold one (one record leaving it out is no disagreement).
  const words = (x: AddressFeatures) => (bothTowns ? [...new Set([...x.words, ...x.townWords!])] : x.words);
  const similarity = jaccard(words(a), words(b));
  const sameHouse =
    sameTown &&
    a.houseNumber !== null &&
    a.houseNumber === b.houseNumber &&
    a.street !== null &&
    b.street !== null &&
    (a.street === b.street || jaroWinkler(a.street, b.street) >= 0.92);
  if (similarity >= 0.7 || sameHouse) return 1;
  if (similarity >= 0.4) return 2;
  return 3;
}

/** Index into IDENTIFIER_LEVELS, or -1 when the records hold no identifier of the same name. */
export function compareIdentifiers(a: Features, b: Features): number {
  if (!a.identifiers || !b.identifiers) return -1;
  let agree = false;
  for (const [name, value] of Object.entries(a.identifiers)) {
    const other = b.identifiers[name];
    if (other === undefined) continue;
    if (other !== value) return 1;
    agree = true;
  }
  return agree ? 0 : -1;
}

/** The comparison vector of a pair: a level index per field (FIELDS order), -1 for missing. */
export function compareFeatures(a: Features, b: Features): number[] {
  let given = compareGivenNames(a, b);
  let family = compareFamilyNames(a, b);
  // Names that disagree as held may agree the other way round: both fields are then TRANSPOSED.
  if ((given === NAME_ELSE || family === NAME_ELSE) && given >= 0 && family >= 0 && namesTransposed(a, b))
    given = family = NAME_TRANSPOSED;
  const postcode = comparePostcodes(a, b);
  let address = compareAddresses(a, b);
  // Postcodes that differ (a move) come with addresses that differ: that says nothing the
  // postcode has not said, so it counts as missing. Only an address that still agrees (a
  // postcode keyed wrong) is evidence there.
  if (address >= ADDRESS_SOME && postcode >= POSTCODE_DISTRICT) address = -1;
  return [
    given,
    family,
    compareDatesOfBirth(a.dateOfBirth, b.dateOfBirth),
    compareSex(a.sex, b.sex),
    postcode,
    compareNhsNumbers(a.nhsNumber, b.nhsNumber),
    address,
    compareIdentifiers(a, b),
  ];
}
