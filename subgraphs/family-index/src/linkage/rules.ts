import type { LinkageRecord, LinkRuleName, RecordLink, SourceName } from "./types";

/**
 * A linkage rule proposes links between records. Rules are pluggable: the linker runs every
 * rule it is given and joins what they propose (respecting reviewers' decisions).
 *
 * The deterministic rules here block on an exact key: records sharing a key are the same
 * person. A probabilistic (Fellegi-Sunter) rule fits the same interface: it blocks on looser
 * keys, scores each candidate pair, and proposes the pairs above its match threshold with the
 * match probability as confidence (pairs between the thresholds go to human review instead).
 */
export interface LinkageRule {
  readonly name: Exclude<LinkRuleName, "ANCHOR" | "REVIEWED_SAME_PERSON">;
  readonly confidence: number;
  links(records: readonly LinkageRecord<SourceName>[]): RecordLink[];
}

/**
 * A rule that links records whose key is equal (records with a null key are never linked).
 * Each group of n records gives n-1 links (a star from its first record), not n², so a
 * common key cannot blow up the link count.
 */
export function exactKeyRule(
  name: LinkageRule["name"],
  keyOf: (r: LinkageRecord<SourceName>) => string | null,
  confidence = 1,
): LinkageRule {
  return {
    name,
    confidence,
    links(records) {
      const first = new Map<string, LinkageRecord<SourceName>>();
      const out: RecordLink[] = [];
      for (const r of records) {
        const key = keyOf(r);
        if (key === null) continue;
        const head = first.get(key);
        if (head) out.push({ a: head.key, b: r.key, rule: name, confidence });
        else first.set(key, r);
      }
      return out;
    },
  };
}

/** Rule (a): a valid NHS number (Modulus 11) and the same date of birth. */
export const nhsNumberAndDateOfBirth = exactKeyRule("NHS_NUMBER_AND_DATE_OF_BIRTH", (r) =>
  r.validNhsNumber && r.source.dateOfBirth ? `${r.validNhsNumber}|${r.source.dateOfBirth}` : null,
);

/**
 * Rule (b): the same normalised given name, family name, date of birth and postcode. A record
 * with no given name (a baby booked as "Baby Hussain") never links by this rule.
 */
export const nameDateOfBirthAndPostcode = exactKeyRule("NAME_DATE_OF_BIRTH_AND_POSTCODE", (r) =>
  r.givenName && r.familyName && r.source.dateOfBirth && r.postcode
    ? `${r.givenName}|${r.familyName}|${r.source.dateOfBirth}|${r.postcode}`
    : null,
);

/** The rules issue 2 links by, strongest first. */
export const DETERMINISTIC_RULES: readonly LinkageRule[] = [nhsNumberAndDateOfBirth, nameDateOfBirthAndPostcode];
