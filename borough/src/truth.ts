import { dayOf, isoOf } from "./days";
import { editDistance, isHyphenVariantOf, isTransposition, type NoiseKind } from "./noise";
import { nicknamesOf, spellingVariants } from "./names";
import { surnameOn, type Family, type Person } from "./population";
import type { TruthRecord } from "./types";

/** The header of the truth file used for linkage evaluation. */
export const TRUTH_CSV_HEADER =
  "source,local_id,given_name,family_name,date_of_birth,sex,postcode,nhs_number,cluster_id";

/** A CSV cell (RFC 4180): empty for null, quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | boolean | null): string {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The ground truth as CSV (RFC 4180, CRLF line ends): one row per agency record; cluster_id is the true person. */
export function truthCsv(truth: readonly TruthRecord[]): string {
  const lines = [TRUTH_CSV_HEADER];
  for (const t of truth) {
    lines.push(
      [t.source, t.localId, t.givenName, t.familyName, t.dateOfBirth, t.sex, t.postcode, t.nhsNumber, t.personId]
        .map(csvField)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

/** Who a person really is, for measuring the noise in agency records. */
export interface TrueIdentity {
  personId: string;
  familyId: string;
  given: string;
  middle: string | null;
  surname: string;
  /** Earlier surnames (maiden name before a marriage). */
  earlierSurnames: string[];
  /** For a child: the parents' surnames that differ from the child's. */
  otherParentSurnames: string[];
  dateOfBirth: string;
  sex: "F" | "M";
  nhsNumber: string;
  postcode: string;
  earlierPostcodes: string[];
  /** For a child: a parent's own postcode when that parent lives elsewhere (birth records carry it). */
  parentPostcodes: string[];
}

export function trueIdentity(f: Family, p: Person): TrueIdentity {
  const others = new Set<string>();
  if (p.role === "child") {
    for (const s of [surnameOn(f.mother, p.dob), f.mother.surname, f.mother.birthSurname, f.partner?.surname])
      if (s && s !== p.surname) others.add(s);
  }
  const current = p.ownAddress?.postcode ?? f.address.postcode;
  const earlier = new Set<string>();
  if (!p.ownAddress && f.previousAddress && f.previousAddress.postcode !== current)
    earlier.add(f.previousAddress.postcode);
  return {
    personId: p.id,
    familyId: p.familyId,
    given: p.given,
    middle: p.middle,
    surname: p.surname,
    earlierSurnames: p.birthSurname !== p.surname ? [p.birthSurname] : [],
    otherParentSurnames: [...others],
    dateOfBirth: isoOf(p.dob),
    sex: p.sex,
    nhsNumber: p.nhs,
    postcode: current,
    earlierPostcodes: [...earlier],
    parentPostcodes: p.role === "child" && f.mother.ownAddress ? [f.mother.ownAddress.postcode] : [],
  };
}

/**
 * What differs between an agency record (as published in the truth) and the person's true
 * identity, as noise kinds. Form-only noise (postcode spacing, NHS number spaces) is not
 * visible here because the truth is normalised; measure it from the agency rows.
 */
export type MeasuredKind =
  NoiseKind | "postcodeParent" | "givenOther" | "familyOther" | "dobOther" | "postcodeOther" | "nhsOther";

export function classifyRecord(r: TruthRecord, id: TrueIdentity): MeasuredKind[] {
  const out: MeasuredKind[] = [];
  // given name: registration holds every forename; compare the first
  if (r.givenName !== null) {
    const first = r.givenName.split(" ")[0];
    if (first !== id.given) {
      if (nicknamesOf(id.given).includes(first)) out.push("givenNickname");
      else if (spellingVariants(id.given).includes(first)) out.push("givenVariant");
      else if (editDistance(first, id.given) === 1) out.push("givenTypo");
      else out.push("givenOther");
    }
  }
  if (r.familyName !== null && r.familyName !== id.surname) {
    const bases: [string, NoiseKind | null][] = [
      [id.surname, null],
      ...id.earlierSurnames.map((s) => [s, "familyStale"] as [string, NoiseKind]),
      ...id.otherParentSurnames.map((s) => [s, "familyOtherParent"] as [string, NoiseKind]),
    ];
    const exact = bases.find(([s]) => s === r.familyName);
    if (exact) out.push(exact[1]!);
    else {
      let found = false;
      for (const [s, k] of bases) {
        const form: NoiseKind | null = isHyphenVariantOf(r.familyName, s)
          ? "familyHyphen"
          : spellingVariants(s).includes(r.familyName)
            ? "familyVariant"
            : editDistance(r.familyName, s) === 1
              ? "familyTypo"
              : null;
        if (form) {
          if (k) out.push(k);
          out.push(form);
          found = true;
          break;
        }
      }
      if (!found) out.push("familyOther");
    }
  }
  if (r.dateOfBirth === null) out.push("dobMissing");
  else if (r.dateOfBirth !== id.dateOfBirth) {
    out.push("dobError");
    if (
      !isTransposition(dayOf(r.dateOfBirth), dayOf(id.dateOfBirth)) &&
      editDistance(r.dateOfBirth, id.dateOfBirth) > 2
    )
      out.push("dobOther");
  }
  if (r.postcode !== null && r.postcode !== id.postcode) {
    out.push(
      id.earlierPostcodes.includes(r.postcode)
        ? "postcodeStale"
        : id.parentPostcodes.includes(r.postcode)
          ? "postcodeParent"
          : "postcodeOther",
    );
  }
  if (r.nhsNumber === null) out.push("nhsMissing");
  else if (r.nhsNumber !== id.nhsNumber) out.push("nhsOther");
  return out;
}
