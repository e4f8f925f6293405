import type { AgencyEventSource, IdentitySource, InvolvementSource, IsoDate } from "@ffd/shared";

/**
 * The health visiting patient system as the subgraph sees it: batches of keys in, domain
 * values out (ISO dates, enums), never raw rows. Batch methods return one result per key,
 * in key order, `null` for a key the system does not hold. The port owns the enums its values
 * carry (the entities register them with the schema); the system down is the shared
 * AgencySystemUnavailable, a row breaking its contract the kit's AgencyRowsInvalid.
 */

/** Who the person is to the health visiting service (the system's pat_type). */
export enum HealthVisitingClientType {
  CHILD = "CHILD",
  PARENT_OR_CARER = "PARENT_OR_CARER",
  EXPECTANT_PARENT = "EXPECTANT_PARENT",
}

/** What kind of contact it was (the system's contact_type_cd). */
export enum HealthVisitingContactType {
  ANTENATAL = "ANTENATAL",
  NEW_BIRTH_VISIT = "NEW_BIRTH_VISIT",
  SIX_TO_EIGHT_WEEK_REVIEW = "SIX_TO_EIGHT_WEEK_REVIEW",
  ONE_YEAR_REVIEW = "ONE_YEAR_REVIEW",
  TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW = "TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW",
  HOME_VISIT = "HOME_VISIT",
  CLINIC = "CLINIC",
  TELEPHONE = "TELEPHONE",
  OTHER = "OTHER",
}

/** Whether the contact took place (the system's outcome_cd). */
export enum HealthVisitingContactOutcome {
  ATTENDED = "ATTENDED",
  DID_NOT_ATTEND = "DID_NOT_ATTEND",
  CANCELLED = "CANCELLED",
  UNKNOWN = "UNKNOWN",
}

/** Breastfeeding as recorded at the 6-8 week review (the system's bf_status_cd). */
export enum BreastfeedingStatus {
  TOTALLY = "TOTALLY",
  PARTIALLY = "PARTIALLY",
  NOT_BREASTFED = "NOT_BREASTFED",
}

/** The caseload a patient is on: the team and its named health visitor. */
export interface HvCaseload {
  team: string;
  namedHealthVisitor: string;
  base: string | null;
}

export interface HvContact {
  date: IsoDate;
  type: HealthVisitingContactType;
  outcome: HealthVisitingContactOutcome;
  /** Recorded at a 6-8 week review. */
  breastfeeding: BreastfeedingStatus | null;
  /** Recorded at a 2-2½ year review: whether ASQ-3 was completed. */
  asq3Completed: boolean | null;
}

export interface HvPatient {
  /** pat_id as a decimal string. */
  localId: string;
  /** The patient's postcode, normalised ('DY1 4QT'); null when none is held or it does not read. */
  postcode: string | null;
  clientType: HealthVisitingClientType;
  /** Null when the system holds a date that is not a real DD/MM/YYYY date. */
  dateOfBirth: IsoDate | null;
  /** Expectant parents: the expected delivery date. */
  expectedDeliveryDate: IsoDate | null;
  onCaseloadSince: IsoDate | null;
  caseload: HvCaseload | null;
  /** The patient's own contacts, oldest first (contacts with an unreadable date are left out). */
  contacts: HvContact[];
  /**
   * For a child: the antenatal contacts recorded on its mother's record(s), oldest first
   * (antenatal contacts are recorded against the expectant mother). Empty otherwise.
   */
  mothersAntenatalContacts: HvContact[];
}

/**
 * Health visiting's involvement (involvements()): CURRENT while a child under five is on a
 * caseload, or anyone (a parent, an expectant mother) has had an attended contact in the last 12
 * months; HISTORIC otherwise. The lead practitioner is the caseload's named health visitor (with
 * the team's duty line), since is the date added to the caseload, the last contact the latest
 * attended contact.
 */
export interface HealthVisitingSource extends IdentitySource, InvolvementSource, AgencyEventSource {
  /** Patients by local id (pat_id as a decimal string); null for an id the system does not hold. */
  patientsByLocalIds(localIds: readonly string[]): Promise<(HvPatient | null)[]>;
  /**
   * Every child patient whose postcode lies in one of these postcode sectors ('DY1 4') and whose
   * date of birth is in one of the spans `bornIn`, in pat_id order, with the same detail as
   * patientsByLocalIds (caseload, contacts, the mothers' antenatal contacts): one query per table
   * whatever the number of children, for a locality's lists. A child whose date of birth does not
   * read is in no span.
   */
  childrenInSectors(sectors: readonly string[], bornIn: readonly DateSpan[]): Promise<HvPatient[]>;
}

/** A span of dates, both ends included. */
export interface DateSpan {
  from: IsoDate;
  to: IsoDate;
}
