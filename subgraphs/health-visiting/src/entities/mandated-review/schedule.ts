import { addDays, addMonths, type IsoDate } from "@ffd/shared";
import {
  HealthVisitingContactOutcome,
  HealthVisitingContactType,
  type DateSpan,
} from "../../source/health-visiting.port";
import { MandatedReviewStatus, MandatedReviewType, type MandatedReview } from "./mandated-review.type";

/*
 * The Healthy Child Programme's mandated reviews, and where each stands as of a date. Pure
 * functions: no clock, no database. The anchor is the child's date of birth, or the expected
 * delivery date for an expectant parent's antenatal review.
 */

type Offset = { readonly days: number } | { readonly months: number };
const days = (n: number): Offset => ({ days: n });
const months = (n: number): Offset => ({ months: n });

export interface ScheduleEntry {
  readonly review: MandatedReviewType;
  /** The contact type that completes the review. */
  readonly contact: HealthVisitingContactType;
  /** The window opens (dueFrom). */
  readonly opens: Offset;
  /** Should be done by (dueBy). */
  readonly dueBy: Offset;
  /** Last day it still counts; the day after, it is MISSED. */
  readonly missedAfter: Offset;
}

const entry = (
  review: MandatedReviewType,
  contact: HealthVisitingContactType,
  opens: Offset,
  dueBy: Offset,
  missedAfter: Offset,
): ScheduleEntry => Object.freeze({ review, contact, opens, dueBy, missedAfter });

const R = MandatedReviewType;
const C = HealthVisitingContactType;

/** Offsets from the anchor (birth date, or EDD for the antenatal review). Months clamp to month end. */
// prettier-ignore
export const MANDATED_REVIEW_SCHEDULE: readonly ScheduleEntry[] = Object.freeze([
  //    review                        completed by contact                   opens (dueFrom)  due by (dueBy)  missed after
  entry(R.ANTENATAL,                  C.ANTENATAL,                           days(-84),       days(0),        days(1)),     // 28 weeks of pregnancy .. birth
  entry(R.NEW_BIRTH_VISIT,            C.NEW_BIRTH_VISIT,                     days(0),         days(14),       days(56)),
  entry(R.SIX_TO_EIGHT_WEEK,          C.SIX_TO_EIGHT_WEEK_REVIEW,            days(42),        days(56),       days(84)),
  entry(R.ONE_YEAR,                   C.ONE_YEAR_REVIEW,                     months(9),       months(12),     months(15)),
  entry(R.TWO_TO_TWO_AND_A_HALF_YEAR, C.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW,   months(24),      months(30),     months(36)),
]);

export function scheduleEntry(review: MandatedReviewType): ScheduleEntry {
  const found = MANDATED_REVIEW_SCHEDULE.find((e) => e.review === review);
  if (!found) throw new RangeError(`no schedule for ${review}`);
  return found;
}

function apply(anchor: IsoDate, offset: Offset): IsoDate {
  return "days" in offset ? addDays(anchor, offset.days) : addMonths(anchor, offset.months);
}

export interface ReviewWindow {
  review: MandatedReviewType;
  dueFrom: IsoDate;
  dueBy: IsoDate;
  missedAfter: IsoDate;
}

export function reviewWindow(review: MandatedReviewType, anchor: IsoDate): ReviewWindow {
  const e = scheduleEntry(review);
  return {
    review,
    dueFrom: apply(anchor, e.opens),
    dueBy: apply(anchor, e.dueBy),
    missedAfter: apply(anchor, e.missedAfter),
  };
}

/** The status of a review with this window, completed on `completedOn` (or not), as of `asOf`. */
export function reviewStatus(window: ReviewWindow, completedOn: IsoDate | null, asOf: IsoDate): MandatedReviewStatus {
  if (completedOn !== null) return MandatedReviewStatus.COMPLETED;
  if (asOf < window.dueFrom) return MandatedReviewStatus.NOT_YET_DUE;
  if (asOf <= window.dueBy) return MandatedReviewStatus.DUE;
  if (asOf <= window.missedAfter) return MandatedReviewStatus.OVERDUE;
  return MandatedReviewStatus.MISSED;
}

/** What the schedule needs to know about a contact. */
export interface ReviewContact {
  date: IsoDate;
  type: HealthVisitingContactType;
  outcome: HealthVisitingContactOutcome;
  /** Recorded at a 2-2½ year review: whether ASQ-3 was completed. */
  asq3Completed: boolean | null;
}

/**
 * The contact that completes a review: the earliest attended contact of the review's type
 * dated within its window (dueFrom to missedAfter, both included; a late one still counts),
 * and not after `asOf` (a contact dated after the reference date has not happened yet).
 */
export function completingContact<C extends ReviewContact>(
  window: ReviewWindow,
  contacts: readonly C[],
  asOf: IsoDate,
): C | null {
  const type = scheduleEntry(window.review).contact;
  let best: C | null = null;
  for (const c of contacts) {
    if (c.type !== type || c.outcome !== HealthVisitingContactOutcome.ATTENDED) continue;
    if (c.date < window.dueFrom || c.date > window.missedAfter || c.date > asOf) continue;
    if (best === null || c.date < best.date) best = c;
  }
  return best;
}

export interface AssessedReview<C extends ReviewContact> {
  review: MandatedReview;
  /** The contact that completed it, if any (the 6-8 week one carries breastfeeding status). */
  completedBy: C | null;
}

export function assessReview<C extends ReviewContact>(
  review: MandatedReviewType,
  anchor: IsoDate,
  contacts: readonly C[],
  asOf: IsoDate,
): AssessedReview<C> {
  const window = reviewWindow(review, anchor);
  const completedBy = completingContact(window, contacts, asOf);
  const completedOn = completedBy?.date ?? null;
  return {
    review: {
      type: review,
      dueFrom: window.dueFrom,
      dueBy: window.dueBy,
      completedOn,
      status: reviewStatus(window, completedOn, asOf),
      asq3Completed:
        review === MandatedReviewType.TWO_TO_TWO_AND_A_HALF_YEAR ? (completedBy?.asq3Completed ?? null) : null,
    },
    completedBy,
  };
}

/**
 * A child's five reviews. The antenatal one is completed by an antenatal contact recorded
 * on the mother's record (`mothersContacts`); the others by the child's own contacts.
 */
export function childReviews<C extends ReviewContact>(
  dateOfBirth: IsoDate,
  ownContacts: readonly C[],
  mothersContacts: readonly C[],
  asOf: IsoDate,
): AssessedReview<C>[] {
  return MANDATED_REVIEW_SCHEDULE.map((e) =>
    assessReview(
      e.review,
      dateOfBirth,
      e.review === MandatedReviewType.ANTENATAL ? mothersContacts : ownContacts,
      asOf,
    ),
  );
}

/** An expectant parent's antenatal review for the current pregnancy. */
export function antenatalReviews<C extends ReviewContact>(
  expectedDeliveryDate: IsoDate,
  contacts: readonly C[],
  asOf: IsoDate,
): AssessedReview<C>[] {
  return [assessReview(MandatedReviewType.ANTENATAL, expectedDeliveryDate, contacts, asOf)];
}

/**
 * The earliest anchor whose `offset` date is on or after `day`. `apply` never decreases as the
 * anchor moves later (a month-end clamp only holds dates together), so the day found near the
 * offset taken back is exact after a few steps either way.
 */
function earliestAnchor(offset: Offset, day: IsoDate): IsoDate {
  let anchor = apply(day, negated(offset));
  while (apply(anchor, offset) < day) anchor = addDays(anchor, 1);
  while (apply(addDays(anchor, -1), offset) >= day) anchor = addDays(anchor, -1);
  return anchor;
}

/** The latest anchor whose `offset` date is on or before `day`. */
function latestAnchor(offset: Offset, day: IsoDate): IsoDate {
  let anchor = apply(day, negated(offset));
  while (apply(anchor, offset) > day) anchor = addDays(anchor, -1);
  while (apply(addDays(anchor, 1), offset) <= day) anchor = addDays(anchor, 1);
  return anchor;
}

function negated(offset: Offset): Offset {
  return "days" in offset ? days(-offset.days) : months(-offset.months);
}

/** Spans sorted and joined where they touch or overlap, empty ones left out. */
export function joinSpans(spans: readonly DateSpan[]): DateSpan[] {
  const out: DateSpan[] = [];
  for (const s of [...spans].filter((s) => s.from <= s.to).sort((a, b) => (a.from < b.from ? -1 : 1))) {
    const last = out[out.length - 1];
    if (last && s.from <= addDays(last.to, 1)) last.to = s.to > last.to ? s.to : last.to;
    else out.push({ ...s });
  }
  return out;
}

/** A date of a review's window, by its schedule entry's name: its due-by date, or the last day it counts. */
export type WindowDate = "dueBy" | "missedAfter";

/**
 * The births (children's dates of birth) for which one of `reviews` has its `notBefore.date` on
 * or after `notBefore.day` and its `notAfter.date` on or before `notAfter.day`: what a list asks
 * the system for, so that only those children are read. A child born outside every span has no
 * such review, whatever its contacts.
 */
export function birthsWith(
  reviews: readonly MandatedReviewType[],
  notBefore: { date: WindowDate; day: IsoDate },
  notAfter: { date: WindowDate; day: IsoDate },
): DateSpan[] {
  return joinSpans(
    MANDATED_REVIEW_SCHEDULE.filter((e) => reviews.includes(e.review)).map((e) => ({
      from: earliestAnchor(e[notBefore.date], notBefore.day),
      to: latestAnchor(e[notAfter.date], notAfter.day),
    })),
  );
}

/** Whether a date (null: one that does not read) is in one of the spans. */
export function withinSpans(date: IsoDate | null, spans: readonly DateSpan[]): boolean {
  return date !== null && spans.some((s) => s.from <= date && date <= s.to);
}
