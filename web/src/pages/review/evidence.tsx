import { dateLabel, enumLabel, nhsNumberLabel } from "../../components/labels";
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

/** A comparison level as a tag: agreement green, partial agreement blue or yellow, disagreement red, missing grey. */
export function LevelTag({ level }: { level: string }) {
  const colour =
    level === "exact"
      ? "green"
      : level === "different"
        ? "red"
        : level === "missing"
          ? "grey"
          : level === "sector" || level === "district"
            ? "yellow"
            : "blue";
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{enumLabel(level)}</strong>;
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
  return `${enumLabel(r.agency, { CHILDRENS_CENTRES: "Children's centres" })} record ${r.localId}`;
}

export function nameOf(r: CandidateRecordFieldsFragment): string {
  return `${r.givenName ?? ""} ${r.familyName ?? ""}`.trim() || "No name recorded";
}
