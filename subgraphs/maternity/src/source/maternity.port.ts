import type { AgencyEventSource, IdentitySource, InvolvementSource, IsoDate, Sex } from "@ffd/shared";

/**
 * What the maternity subgraph needs from the maternity system, in its own words: batch
 * methods over local ids, answering with domain values in key order (same length as the
 * keys, `null` or `[]` for a key the system does not hold). Codes and date formats of the
 * system never cross this boundary. The system down is the shared AgencySystemUnavailable, a
 * row breaking its contract the kit's AgencyRowsInvalid (the one bad-row policy).
 */
export interface MaternitySource extends IdentitySource, InvolvementSource, AgencyEventSource {
  /** Mothers by local patient id ('MAT…'). */
  mothers(localIds: readonly string[]): Promise<(Mother | null)[]>;
  /** Births by the baby's local id ('BAB…'). */
  births(babyLocalIds: readonly string[]): Promise<(Birth | null)[]>;
  /** Births of each pregnancy, in order of birth (twins are two). */
  birthsOfPregnancies(pregnancyIds: readonly string[]): Promise<Birth[][]>;
  /** Pregnancies by id ('PRG…'). */
  pregnancies(ids: readonly string[]): Promise<(Pregnancy | null)[]>;
  /** Pregnancies of each mother, earliest booking first. */
  pregnanciesOfMothers(motherLocalIds: readonly string[]): Promise<Pregnancy[][]>;
}

export enum PregnancyOutcome {
  ONGOING = "ONGOING",
  LIVE_BIRTH = "LIVE_BIRTH",
  STILLBIRTH = "STILLBIRTH",
  LOSS = "LOSS",
}

export enum DeliveryMethod {
  SPONTANEOUS_VERTEX = "SPONTANEOUS_VERTEX",
  SPONTANEOUS_OTHER_CEPHALIC = "SPONTANEOUS_OTHER_CEPHALIC",
  LOW_FORCEPS = "LOW_FORCEPS",
  OTHER_FORCEPS = "OTHER_FORCEPS",
  VENTOUSE = "VENTOUSE",
  BREECH = "BREECH",
  BREECH_EXTRACTION = "BREECH_EXTRACTION",
  ELECTIVE_CAESAREAN = "ELECTIVE_CAESAREAN",
  EMERGENCY_CAESAREAN = "EMERGENCY_CAESAREAN",
  OTHER = "OTHER",
}

export enum FirstFeed {
  BREAST_MILK = "BREAST_MILK",
  NOT_BREAST_MILK = "NOT_BREAST_MILK",
  MIXED = "MIXED",
}

/** A length of pregnancy: 39+2 is 39 weeks and 2 days, 275 days in all. */
export interface Gestation {
  weeks: number;
  days: number;
  totalDays: number;
}

export interface Mother {
  localId: string;
  /** The trust that holds her record. */
  provider: string;
}

export interface Pregnancy {
  id: string;
  motherLocalId: string;
  bookedOn: IsoDate;
  gestationAtBooking: Gestation;
  agreedDueDate: IsoDate;
  /** null: not known. */
  complexSocialFactors: boolean | null;
  outcome: PregnancyOutcome;
}

export interface Birth {
  /** The baby's local id. */
  localId: string;
  pregnancyId: string;
  motherLocalId: string;
  /** The trust that holds the mother's record. */
  provider: string;
  /** The moment of birth, ISO 8601 in UTC. */
  bornAt: string;
  sex: Sex;
  gestation: Gestation;
  birthWeightGrams: number | null;
  deliveryMethod: DeliveryMethod;
  firstFeed: FirstFeed | null;
  /** When the birth notification was sent, ISO 8601 in UTC. */
  birthNotifiedAt: string;
}
