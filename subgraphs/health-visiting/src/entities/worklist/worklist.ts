import { addDays, yearStartingBefore, type AgencyEvent, type IsoDate } from "@ffd/shared";
import type { DateSpan, HvPatient } from "../../source/health-visiting.port";
import { MandatedReviewStatus, MandatedReviewType } from "../mandated-review/mandated-review.type";
import { birthsWith, childReviews, MANDATED_REVIEW_SCHEDULE } from "../mandated-review/schedule";

/*
 * A locality's mandated review work list and performance, worked out from its children's
 * patient records by the same schedule as Person.healthVisiting (schedule.ts). Pure functions:
 * no clock, no database.
 */

/** One review of one child on the work list. */
export interface WorkItem {
  /** The child's patient id (pat_id as a decimal string). */
  childLocalId: string;
  review: MandatedReviewType;
  dueFrom: IsoDate;
  dueBy: IsoDate;
  status: MandatedReviewStatus;
  team: string | null;
  namedHealthVisitor: string | null;
}

const REVIEW_ORDER = MANDATED_REVIEW_SCHEDULE.map((e) => e.review);

function assessedChildReviews(child: HvPatient, asOf: IsoDate) {
  if (child.dateOfBirth === null) return [];
  return childReviews(child.dateOfBirth, child.contacts, child.mothersAntenatalContacts, asOf).map((a) => a.review);
}

/**
 * THE WORK LIST: each child's reviews that are OVERDUE (past due-by, still counted), or not done
 * and due by `asOf + dueWithinDays` (DUE, or NOT_YET_DUE when the window opens later but closes
 * within the days asked). The antenatal review is left out: it is the expectant mother's, and
 * once the child is born it can no longer be done. A child with no readable date of birth lists
 * nothing (as on their record). Overdue first, then by due-by date, child, review.
 */
export function worklistOf(children: readonly HvPatient[], asOf: IsoDate, dueWithinDays: number): WorkItem[] {
  const horizon = addDays(asOf, dueWithinDays);
  const items: WorkItem[] = [];
  for (const child of children) {
    for (const r of assessedChildReviews(child, asOf)) {
      if (r.type === MandatedReviewType.ANTENATAL) continue;
      const overdue = r.status === MandatedReviewStatus.OVERDUE;
      const dueSoon =
        (r.status === MandatedReviewStatus.DUE || r.status === MandatedReviewStatus.NOT_YET_DUE) && r.dueBy <= horizon;
      if (!overdue && !dueSoon) continue;
      items.push({
        childLocalId: child.localId,
        review: r.type,
        dueFrom: r.dueFrom,
        dueBy: r.dueBy,
        status: r.status,
        team: child.caseload?.team ?? null,
        namedHealthVisitor: child.caseload?.namedHealthVisitor ?? null,
      });
    }
  }
  const overdueFirst = (i: WorkItem) => (i.status === MandatedReviewStatus.OVERDUE ? 0 : 1);
  return items.sort(
    (a, b) =>
      overdueFirst(a) - overdueFirst(b) ||
      (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : 0) ||
      Number(a.childLocalId) - Number(b.childLocalId) ||
      REVIEW_ORDER.indexOf(a.review) - REVIEW_ORDER.indexOf(b.review),
  );
}

/** The reviews the work list lists: every child's review but the antenatal one. */
const LISTED_REVIEWS = REVIEW_ORDER.filter((r) => r !== MandatedReviewType.ANTENATAL);

/**
 * The births worklistOf can list a review of (as of `asOf`, `dueWithinDays` ahead): a review listed
 * is not past its last day (OVERDUE, DUE or NOT_YET_DUE) and is due by the horizon. A child born
 * outside them lists nothing, so only these children are read.
 */
export function worklistBirths(asOf: IsoDate, dueWithinDays: number): DateSpan[] {
  return birthsWith(
    LISTED_REVIEWS,
    { date: "missedAfter", day: asOf },
    { date: "dueBy", day: addDays(asOf, dueWithinDays) },
  );
}

/** The births performanceOf counts a review of: its due-by date in the 12 months to `asOf`. */
export function performanceBirths(asOf: IsoDate): DateSpan[] {
  return birthsWith(REVIEW_ORDER, { date: "dueBy", day: yearStartingBefore(asOf) }, { date: "dueBy", day: asOf });
}

/** Each review in words, for the safeguarding list's summary. */
const REVIEW_WORDS: Readonly<Record<MandatedReviewType, string>> = {
  [MandatedReviewType.ANTENATAL]: "Antenatal contact",
  [MandatedReviewType.NEW_BIRTH_VISIT]: "New birth visit",
  [MandatedReviewType.SIX_TO_EIGHT_WEEK]: "6-8 week review",
  [MandatedReviewType.ONE_YEAR]: "1 year review",
  [MandatedReviewType.TWO_TO_TWO_AND_A_HALF_YEAR]: "2-2½ year review",
};

/**
 * THE SAFEGUARDING LIST'S EVENTS: each child's review (not the antenatal one, as on the work
 * list) OVERDUE on `to` whose due-by date passed in the period, i.e. became overdue (the day after
 * its due-by date) from `from` to `to`. Its summary names the review and its due-by date (what a
 * summary of health visiting shows), nothing of the contacts.
 */
export function reviewsBecameOverdue(children: readonly HvPatient[], from: IsoDate, to: IsoDate): AgencyEvent[] {
  const events: AgencyEvent[] = [];
  for (const child of children) {
    for (const r of assessedChildReviews(child, to)) {
      if (r.type === MandatedReviewType.ANTENATAL || r.status !== MandatedReviewStatus.OVERDUE) continue;
      const on = addDays(r.dueBy, 1);
      if (on < from || on > to) continue;
      events.push({
        localId: child.localId,
        kind: "MANDATED_REVIEW_OVERDUE",
        on,
        summary: `${REVIEW_WORDS[r.type]} overdue (due by ${r.dueBy})`,
      });
    }
  }
  return events;
}

/**
 * The national figures beside each review (DESIGN.md, "Health visiting"): the share done by its
 * due-by date. Null where none is given.
 */
export const NATIONAL_RATES: Readonly<Record<MandatedReviewType, number | null>> = Object.freeze({
  [MandatedReviewType.ANTENATAL]: null,
  [MandatedReviewType.NEW_BIRTH_VISIT]: 0.85,
  [MandatedReviewType.SIX_TO_EIGHT_WEEK]: 0.8,
  [MandatedReviewType.ONE_YEAR]: 0.75,
  [MandatedReviewType.TWO_TO_TWO_AND_A_HALF_YEAR]: null,
});

export interface ReviewPerformance {
  review: MandatedReviewType;
  /** Children whose due-by date for the review fell in the period. */
  eligible: number;
  /** Of them, those with an attended contact of the review's type from its opening to its due-by date. */
  completedInTime: number;
  /** completedInTime / eligible; null when no child was eligible. */
  rate: number | null;
  nationalRate: number | null;
}

export interface Performance {
  /** The period: the 12 months up to and including the reference date. */
  periodStart: IsoDate;
  periodEnd: IsoDate;
  reviews: ReviewPerformance[];
}

/**
 * THE PERFORMANCE FIGURES, per review (in the schedule's order): a child is eligible when the
 * review's due-by date (its window end for the national measure: day 14, 8 weeks, 12 months, 30
 * months; the birth for the antenatal contact) fell in the 12 months up to and including the
 * reference date; completed in time when an attended contact of the review's type is dated from
 * the window's opening to that due-by date (for the antenatal contact, one on the mother's record).
 * A late review still completes the child's review, but not in time. Counts only: no one is named.
 */
export function performanceOf(children: readonly HvPatient[], asOf: IsoDate): Performance {
  const periodStart = yearStartingBefore(asOf);
  const counts = new Map(MANDATED_REVIEW_SCHEDULE.map((e) => [e.review, { eligible: 0, completedInTime: 0 }]));
  for (const child of children) {
    for (const r of assessedChildReviews(child, asOf)) {
      if (r.dueBy < periodStart || r.dueBy > asOf) continue;
      const c = counts.get(r.type)!;
      c.eligible += 1;
      if (r.completedOn !== null && r.completedOn <= r.dueBy) c.completedInTime += 1;
    }
  }
  return {
    periodStart,
    periodEnd: asOf,
    reviews: MANDATED_REVIEW_SCHEDULE.map(({ review }) => {
      const { eligible, completedInTime } = counts.get(review)!;
      return {
        review,
        eligible,
        completedInTime,
        rate: eligible === 0 ? null : completedInTime / eligible,
        nationalRate: NATIONAL_RATES[review],
      };
    }),
  };
}
