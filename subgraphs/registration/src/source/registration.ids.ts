/**
 * Identifiers of the birth registration system, as the rest of Family Front Door sees them.
 *
 * An entry is keyed by its registration district and entry number: `<reg_district>:<entry_no>`.
 * Each entry stands for up to three people, whose local ids (the identity feed's `localId`,
 * and the generator's truth file) add a role: `<reg_district>:<entry_no>:child`, `:mother`,
 * `:parent2`. Ids are parsed from the right, so a district name may itself hold a colon.
 *
 * Parsing is strict: anything that is not exactly an id this service would print is `null`
 * (an unknown id), never an exception.
 */

export const REGISTRATION_ROLES = ["child", "mother", "parent2"] as const;
export type RegistrationRole = (typeof REGISTRATION_ROLES)[number];

/** Order of the roles within an entry, for the identity feed. */
export const ROLE_ORDER: Readonly<Record<RegistrationRole, number>> = Object.freeze({
  child: 0,
  mother: 1,
  parent2: 2,
});

export interface EntryRef {
  district: string;
  entryNumber: number;
}

export interface PersonRef extends EntryRef {
  role: RegistrationRole;
}

const MAX_DISTRICT_LENGTH = 40; // reg_district VARCHAR(40)
const INT4_MAX = 2_147_483_647;
const CANONICAL_INTEGER = /^(0|-?[1-9]\d{0,9})$/;

function parseDistrict(s: string): string | null {
  if (s.length === 0 || s.length > MAX_DISTRICT_LENGTH) return null;
  if (s.trim() !== s) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return null;
  return s;
}

function parseEntryNumber(s: string): number | null {
  if (!CANONICAL_INTEGER.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= -INT4_MAX - 1 && n <= INT4_MAX ? n : null;
}

export function formatEntryId(ref: EntryRef): string {
  return `${ref.district}:${ref.entryNumber}`;
}

export function formatPersonLocalId(ref: PersonRef): string {
  return `${formatEntryId(ref)}:${ref.role}`;
}

/** `<district>:<entry_no>`, or null when the value is not exactly such an id. */
export function parseEntryId(value: unknown): EntryRef | null {
  if (typeof value !== "string") return null;
  const cut = value.lastIndexOf(":");
  if (cut < 0) return null;
  const district = parseDistrict(value.slice(0, cut));
  const entryNumber = parseEntryNumber(value.slice(cut + 1));
  return district !== null && entryNumber !== null ? { district, entryNumber } : null;
}

/** `<district>:<entry_no>:<role>`, or null when the value is not exactly such an id. */
export function parsePersonLocalId(value: unknown): PersonRef | null {
  if (typeof value !== "string") return null;
  const cut = value.lastIndexOf(":");
  if (cut < 0) return null;
  const role = value.slice(cut + 1);
  if (!(REGISTRATION_ROLES as readonly string[]).includes(role)) return null;
  const entry = parseEntryId(value.slice(0, cut));
  return entry ? { ...entry, role: role as RegistrationRole } : null;
}
