import { addMonths, type IsoDate } from "./dates";

/**
 * The involvement feed: what an agency subgraph tells family-index about its involvement with
 * each of its local records, so that family-index can answer `Person.involvements` (who is
 * involved, current or historic, the lead practitioner's work contact and the last contact).
 * Summary-level only, as CP-IS shows the social worker: no clinical or case detail. Read live on
 * every request (never stored outside the agency); authenticated like the identity feed, with a
 * family-index service token for IDENTITY_FEED_AUDIENCE.
 */

/** CURRENT: the agency is working with the person now; HISTORIC: it has been, and is no longer. */
export type InvolvementStatus = "CURRENT" | "HISTORIC";

/** The practitioner leading the agency's work with the person: a work contact, never a personal one. */
export interface LeadPractitioner {
  name: string;
  /** What they are to the person, in words: "Health visitor", "Key worker", "Social worker". */
  role: string;
  team: string | null;
  /** The practitioner's or their team's work number, as the agency holds it. */
  phone: string | null;
}

/** One local record's involvement as the agency's own system shows it. */
export interface AgencyInvolvement {
  localId: string;
  status: InvolvementStatus;
  leadPractitioner: LeadPractitioner | null;
  /** When the involvement began (on the caseload, registered, booked, registered, episode started). */
  since: IsoDate | null;
  /** The last contact: a visit, a session attended, an appointment, the registration, a review. */
  lastContactOn: IsoDate | null;
}

/** What an agency's port offers for `Person.involvements`. */
export interface InvolvementSource {
  /**
   * The involvement of each local id as of `asOf` (the service's reference date), in key order,
   * null for an id the system does not hold. One query per table, whatever the number of ids.
   */
  involvements(localIds: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]>;
}

export interface InvolvementFeedAnswer {
  agency: string;
  /** In the order of the ids asked for, null for an id the system does not hold. */
  involvements: (AgencyInvolvement | null)[];
}

/** POST with `{ "localIds": [...] }`; the answer is an InvolvementFeedAnswer. */
export const INVOLVEMENT_FEED_PATH = "/internal/involvements";
/** The most ids one call may ask about (family-index's loaders batch at most this many). */
export const INVOLVEMENT_FEED_MAX_IDS = 1000;

/** Whether `date` falls in the `months` months up to and including `asOf` (false for no date). */
export function withinMonths(date: IsoDate | null, asOf: IsoDate, months: number): boolean {
  return date !== null && date <= asOf && date > addMonths(asOf, -months);
}

/** The latest of some dates, null when there are none. */
export function latestOf(dates: Iterable<IsoDate | null>): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const d of dates) if (d !== null && (latest === null || d > latest)) latest = d;
  return latest;
}
