import { AgencySystemUnavailable } from "@ffd/shared";
import type { IdentitySource, IsoDate } from "@ffd/shared";
import type { HealthVisitingContactOutcome, HealthVisitingContactType } from "../entities/contact/contact.type";
import type {
  BreastfeedingStatus,
  HealthVisitingClientType,
} from "../entities/health-visiting-record/health-visiting-record.type";

/**
 * The health visiting patient system as the subgraph sees it: batches of keys in, domain
 * values out (ISO dates, enums), never raw rows. Batch methods return one result per key,
 * in key order, `null` for a key the system does not hold.
 */

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

export interface HealthVisitingSource extends IdentitySource {
  /** Patients by local id (pat_id as a decimal string); null for an id the system does not hold. */
  patientsByLocalIds(localIds: readonly string[]): Promise<(HvPatient | null)[]>;
}

/** The patient system could not be reached or failed to answer: the shared agency error. */
export class SourceUnavailableError extends AgencySystemUnavailable {
  constructor(options?: { cause?: unknown }) {
    super("health-visiting", options);
    this.name = "SourceUnavailableError";
  }
}
