import { agencyLabel, dateLabel, enumLabel, nhsNumberLabel } from "../../components/labels";
import type { CandidateRecordFieldsFragment } from "../../gql/graphql";

/** The fields linkage compares, in the order staff read them, with how to show each as held. */
export const FIELDS: { field: string; label: string; value: (r: CandidateRecordFieldsFragment) => string }[] = [
  { field: "nhsNumber", label: "NHS number", value: (r) => (r.nhsNumber ? nhsNumberLabel(r.nhsNumber) : "") },
  { field: "givenName", label: "Given name", value: (r) => r.givenName ?? "" },
  { field: "familyName", label: "Family name", value: (r) => r.familyName ?? "" },
  { field: "dateOfBirth", label: "Date of birth", value: (r) => dateLabel(r.dateOfBirth) },
  { field: "sex", label: "Sex", value: (r) => (r.sex ? enumLabel(r.sex) : "") },
  { field: "postcode", label: "Postcode", value: (r) => r.postcode ?? "" },
];

/** Comparison levels (family-index's codes, e.g. JARO_WINKLER_92) as staff say them, and how strongly they agree. */
const LEVELS: Readonly<Record<string, { words: string; agreement: "same" | "close" | "different" }>> = {
  EXACT: { words: "Same", agreement: "same" },
  EQUAL: { words: "Same", agreement: "same" },
  FULL: { words: "Same", agreement: "same" },
  MATCH: { words: "Same", agreement: "same" },
  HYPHENATED_PART: { words: "Part of a double-barrelled name", agreement: "close" },
  NICKNAME: { words: "Nickname", agreement: "close" },
  JARO_WINKLER_92: { words: "Spelt very similarly", agreement: "close" },
  JARO_WINKLER_88: { words: "Spelt similarly", agreement: "close" },
  METAPHONE: { words: "Sounds the same", agreement: "close" },
  DAY_MONTH_TRANSPOSED: { words: "Day and month swapped", agreement: "close" },
  ONE_DIGIT_DIFFERENT: { words: "One digit different", agreement: "close" },
  TEN_YEARS_APART: { words: "Ten years or more apart", agreement: "different" },
  SECTOR: { words: "Same postcode sector", agreement: "close" },
  DISTRICT: { words: "Same postcode district", agreement: "close" },
  ELSE: { words: "Different", agreement: "different" },
  DIFFERENT: { words: "Different", agreement: "different" },
  MISMATCH: { words: "Different", agreement: "different" },
};
const COLOUR = { same: "green", close: "yellow", different: "red" } as const;

/** A comparison level as a tag: the same green, close yellow, different red; a level this app does not know grey, as sent. */
export function LevelTag({ level }: { level: string }) {
  const known = LEVELS[level.toUpperCase()];
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${known ? COLOUR[known.agreement] : "grey"}`}>
      {known ? known.words : enumLabel(level)}
    </strong>
  );
}

/** A match weight in bits, signed: "+6.2" for, "−3.1" against. */
export function weightLabel(weight: number | null | undefined): string {
  if (weight === null || weight === undefined) return "None";
  const rounded = Math.round(weight * 10) / 10;
  return rounded > 0 ? `+${rounded.toFixed(1)}` : rounded < 0 ? `\u2212${Math.abs(rounded).toFixed(1)}` : "0.0";
}

/** 0.8734 → 87% */
export function probabilityLabel(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** "Health visiting record HV-123" */
export function recordLabel(r: { agency: string; localId: string }): string {
  return `${agencyLabel(r.agency)} record ${r.localId}`;
}

export function nameOf(r: CandidateRecordFieldsFragment): string {
  return `${r.givenName ?? ""} ${r.familyName ?? ""}`.trim() || "No name recorded";
}
