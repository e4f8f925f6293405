import { isIsoDate, normaliseNhsNumber, type FamilyRelationship, type IsoDate, type SexCode } from "@ffd/shared";
import {
  BreastfeedingStatus,
  HealthVisitingClientType,
  HealthVisitingContactOutcome,
  HealthVisitingContactType,
} from "./health-visiting.port";

/*
 * The patient system's legacy conventions, translated to domain values. Every function takes
 * what the column holds (CHAR columns may come back space-padded) and returns null for a value
 * it does not recognise, so the adapter can count and log unreadable data instead of failing.
 */

const LEGACY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** 'DD/MM/YYYY' (as the system keeps every date) to ISO; null if it is not a real calendar date. */
export function parseLegacyDate(raw: string | null | undefined): IsoDate | null {
  if (raw === null || raw === undefined) return null;
  const m = LEGACY_DATE.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

const code = (raw: string | null | undefined): string => (raw ?? "").trim().toUpperCase();

/** pat_type: 'C' child, 'P' parent or carer, 'A' antenatal (expectant mother). */
export function clientTypeFromCode(raw: string | null | undefined): HealthVisitingClientType | null {
  switch (code(raw)) {
    case "C":
      return HealthVisitingClientType.CHILD;
    case "P":
      return HealthVisitingClientType.PARENT_OR_CARER;
    case "A":
      return HealthVisitingClientType.EXPECTANT_PARENT;
    default:
      return null;
  }
}

/** gender_cd: 'F', 'M', 'U'. */
export function sexFromGenderCode(raw: string | null | undefined): SexCode | null {
  switch (code(raw)) {
    case "F":
      return "FEMALE";
    case "M":
      return "MALE";
    case "U":
      return "UNKNOWN";
    default:
      return null;
  }
}

const CONTACT_TYPES: Readonly<Record<string, HealthVisitingContactType>> = Object.freeze({
  ANT: HealthVisitingContactType.ANTENATAL,
  NBV: HealthVisitingContactType.NEW_BIRTH_VISIT,
  "68W": HealthVisitingContactType.SIX_TO_EIGHT_WEEK_REVIEW,
  "1YR": HealthVisitingContactType.ONE_YEAR_REVIEW,
  "2YR": HealthVisitingContactType.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW,
  HV: HealthVisitingContactType.HOME_VISIT,
  CLN: HealthVisitingContactType.CLINIC,
  TEL: HealthVisitingContactType.TELEPHONE,
});

/** contact_type_cd; a code the system documents no meaning for is OTHER. */
export function contactTypeFromCode(raw: string | null | undefined): HealthVisitingContactType {
  return CONTACT_TYPES[code(raw)] ?? HealthVisitingContactType.OTHER;
}

/** outcome_cd: 'ATT' attended, 'DNA' did not attend, 'CAN' cancelled; anything else UNKNOWN. */
export function contactOutcomeFromCode(raw: string | null | undefined): HealthVisitingContactOutcome {
  switch (code(raw)) {
    case "ATT":
      return HealthVisitingContactOutcome.ATTENDED;
    case "DNA":
      return HealthVisitingContactOutcome.DID_NOT_ATTEND;
    case "CAN":
      return HealthVisitingContactOutcome.CANCELLED;
    default:
      return HealthVisitingContactOutcome.UNKNOWN;
  }
}

/** bf_status_cd at a 6-8 week review: 'T' totally, 'P' partially, 'N' not breastfed. */
export function breastfeedingFromCode(raw: string | null | undefined): BreastfeedingStatus | null {
  switch (code(raw)) {
    case "T":
      return BreastfeedingStatus.TOTALLY;
    case "P":
      return BreastfeedingStatus.PARTIALLY;
    case "N":
      return BreastfeedingStatus.NOT_BREASTFED;
    default:
      return null;
  }
}

/** asq3_cd at a 2-2½ year review: 'Y' or 'N'; null when not recorded. */
export function asq3FromCode(raw: string | null | undefined): boolean | null {
  switch (code(raw)) {
    case "Y":
      return true;
    case "N":
      return false;
    default:
      return null;
  }
}

/** hv_family_rel.rel_cd: what the adult is to the child. */
export function relationshipFromCode(raw: string | null | undefined): FamilyRelationship | null {
  switch (code(raw)) {
    case "MTH":
      return "MOTHER";
    case "FTH":
      return "FATHER";
    case "PAR":
      return "SECOND_PARENT";
    case "CRR":
      return "CARER";
    default:
      return null;
  }
}

/** NHS number as keyed ('943 476 5919') to digits only; null when empty or not a number. */
export function nhsDigits(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const digits = normaliseNhsNumber(raw.trim());
  return /^\d+$/.test(digits) ? digits : null;
}

/** Names as held, trimmed; null when blank. */
export function nameAsHeld(raw: string | null | undefined): string | null {
  const t = raw?.trim() ?? "";
  return t === "" ? null : t;
}

const PAT_ID = /^[1-9]\d{0,9}$/;
const MAX_INT4 = 2_147_483_647;

/** A local id ("123") to the system's integer pat_id; null for anything that is not one. */
export function patIdFromLocalId(localId: string): number | null {
  if (localId === "0") return 0;
  if (!PAT_ID.test(localId)) return null;
  const n = Number(localId);
  return n <= MAX_INT4 ? n : null;
}
