import type { AgencyEventSource, IdentitySource, InvolvementSource, IsoDate, Sex } from "@ffd/shared";
import type { EntryRef } from "./registration.ids";

/** Who the second parent on an entry is, as the law names them. */
export enum ParentKind {
  MOTHER = "MOTHER",
  FATHER = "FATHER",
  SECOND_FEMALE_PARENT = "SECOND_FEMALE_PARENT",
}

export interface RegisteredChild {
  forenames: string;
  surname: string;
  sex: Sex;
  dateOfBirth: IsoDate;
  /** Ten digits as recorded on the entry, or null when none was recorded. */
  nhsNumber: string | null;
}

export interface RegisteredParent {
  kind: ParentKind;
  forenames: string;
  surname: string;
  maidenSurname: string | null;
  dateOfBirth: IsoDate | null;
}

/** One birth registration entry, translated from the register's codes. */
export interface BirthEntry {
  /** `<district>:<entry_no>` */
  id: string;
  district: string;
  entryNumber: number;
  registeredOn: IsoDate;
  registeredAtChildrensCentre: boolean;
  /** "Register Office" or the children's centre's name. */
  venue: string;
  /** The registrar who signed the entry; null when the system does not say. */
  registrar: string | null;
  placeOfBirth: string;
  /** The informant's qualification as registered ("Mother", "Both parents", ...). */
  informant: string;
  child: RegisteredChild;
  mother: RegisteredParent;
  secondParent: RegisteredParent | null;
  /** The mother's usual address postcode, normalised; the entry's only address. */
  postcode: string | null;
}

/** How many births registered in a period had this mother's usual address postcode and this venue. */
export interface BirthCountAtPostcode {
  /** Normalised; null when the entry records none. */
  postcode: string | null;
  /** Registered at a children's centre (the entry's reg_at_cc_ind), not the register office. */
  atCentre: boolean;
  births: number;
}

/**
 * The birth registration system, as this subgraph needs it. Batch methods take many keys and
 * answer in key order (same length, null for a key with no entry); the identity feed pages
 * through every person on every entry.
 */
export interface RegistrationSource extends IdentitySource, InvolvementSource, AgencyEventSource {
  entriesByRef(refs: readonly EntryRef[]): Promise<(BirthEntry | null)[]>;
  /**
   * The births registered from `from` to `to` (inclusive), counted by the mother's usual address
   * postcode and whether they were registered at a children's centre: one query, no one named.
   */
  birthCountsByPostcode(from: IsoDate, to: IsoDate): Promise<BirthCountAtPostcode[]>;
}
