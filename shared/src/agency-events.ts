import { addDays, isIsoDate, type IsoDate } from "./dates";

/**
 * The events feed: what an agency subgraph tells family-index happened in its system in a
 * period, borough-wide, for the weekly multi-agency safeguarding list
 * (`Query.safeguardingMeetingList`): a social care flag that started, a mandated review that
 * became overdue, complex social factors recorded at a pregnancy booking, a birth registered
 * late. Each event names the agency's local record it is about, its kind, the day and a
 * one-line summary in words; never clinical or case detail (no category of abuse, no reasons,
 * no contact notes). Read live on every request, never stored outside the agency; authenticated
 * like the identity and involvement feeds, with a family-index service token.
 */

export const AGENCY_EVENT_KINDS = [
  "SOCIAL_CARE_FLAG_STARTED",
  "MANDATED_REVIEW_OVERDUE",
  "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
  "BIRTH_REGISTERED_LATE",
] as const;
export type AgencyEventKind = (typeof AGENCY_EVENT_KINDS)[number];

/** One event in an agency's system, about one of its local records. */
export interface AgencyEvent {
  localId: string;
  kind: AgencyEventKind;
  /** The day it happened (the flag's start, the day the review became overdue, the booking, the registration). */
  on: IsoDate;
  /** What happened, in words, at summary level: "Child protection plan started". */
  summary: string;
}

/** What an agency's port offers for the safeguarding list, when it has events of its own. */
export interface AgencyEventSource {
  /**
   * The events from `from` to `to` (both included) borough-wide, as the system shows them on
   * `asOf`: one query per table, whatever the number of records.
   */
  events(from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<AgencyEvent[]>;
}

export interface AgencyEventFeedAnswer {
  agency: string;
  events: AgencyEvent[];
}

/** POST with `{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }`; the answer is an AgencyEventFeedAnswer. */
export const EVENT_FEED_PATH = "/internal/events";
/** The longest period one call may ask about, in days (the list asks for a week). */
export const EVENT_FEED_MAX_DAYS = 31;

/** The period asked for, or null when the body is not `{ from, to }` with from ≤ to within EVENT_FEED_MAX_DAYS. */
export function parseEventPeriod(body: unknown): { from: IsoDate; to: IsoDate } | null {
  const { from, to } = (body ?? {}) as { from?: unknown; to?: unknown };
  if (typeof from !== "string" || typeof to !== "string" || !isIsoDate(from) || !isIsoDate(to)) return null;
  if (to < from || addDays(from, EVENT_FEED_MAX_DAYS - 1) < to) return null;
  return { from, to };
}
