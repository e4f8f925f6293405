import { isValidNhsNumber, normaliseNhsNumber, normalisePostcode } from "@ffd/shared";
import type { Agency } from "@ffd/shared";
import { recordKey, type LinkageRecord, type SourceName, type SourceRecord } from "./types";

/** Names for exact comparison: trimmed, lower case, inner spaces collapsed; empty is null. */
export function normaliseName(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const n = raw.trim().toLowerCase().replace(/\s+/g, " ");
  return n === "" ? null : n;
}

/** Postcodes for exact comparison: the standard form (upper case, one space); empty is null. */
export function normalisePostcodeKey(raw: string | null | undefined): string | null {
  const p = normalisePostcode(raw ?? null);
  return p ? p.trim() || null : null;
}

/** NHS number digits when valid, else null. */
export function validNhsNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const n = normaliseNhsNumber(raw);
  return isValidNhsNumber(n) ? n : null;
}

export function toLinkageRecord<S extends SourceName = Agency>(source: SourceRecord<S>): LinkageRecord<S> {
  return {
    key: recordKey(source.agency, source.localId),
    agency: source.agency,
    localId: source.localId,
    source,
    validNhsNumber: validNhsNumber(source.nhsNumber),
    givenName: normaliseName(source.givenName),
    familyName: normaliseName(source.familyName),
    postcode: normalisePostcodeKey(source.postcode),
  };
}
