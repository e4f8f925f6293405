import { HealthVisitingContactOutcome as O, HealthVisitingContactType as T } from "../../source/health-visiting.port";
import { MandatedReviewStatus as S, MandatedReviewType as R } from "./mandated-review.type";
import {
  antenatalReviews,
  assessReview,
  childReviews,
  MANDATED_REVIEW_SCHEDULE,
  reviewStatus,
  reviewWindow,
  type ReviewContact,
} from "./schedule";

const contact = (
  date: string,
  type: T,
  outcome: O = O.ATTENDED,
  asq3Completed: boolean | null = null,
): ReviewContact => ({
  date,
  type,
  outcome,
  asq3Completed,
});

/**
 * Every boundary of every review for a child born 31 January 2024 (a leap year, a month end),
 * written out by hand rather than computed, so the schedule is checked against the table.
 */
// prettier-ignore
const BOUNDARIES: { review: R; contact: T; dayBeforeOpen: string; dueFrom: string; dueBy: string; dayAfterDueBy: string; missedAfter: string; dayAfterMissed: string }[] = [
  { review: R.ANTENATAL,                  contact: T.ANTENATAL,                         dayBeforeOpen: "2023-11-07", dueFrom: "2023-11-08", dueBy: "2024-01-31", dayAfterDueBy: "2024-02-01", missedAfter: "2024-02-01", dayAfterMissed: "2024-02-02" },
  { review: R.NEW_BIRTH_VISIT,            contact: T.NEW_BIRTH_VISIT,                   dayBeforeOpen: "2024-01-30", dueFrom: "2024-01-31", dueBy: "2024-02-14", dayAfterDueBy: "2024-02-15", missedAfter: "2024-03-27", dayAfterMissed: "2024-03-28" },
  { review: R.SIX_TO_EIGHT_WEEK,          contact: T.SIX_TO_EIGHT_WEEK_REVIEW,          dayBeforeOpen: "2024-03-12", dueFrom: "2024-03-13", dueBy: "2024-03-27", dayAfterDueBy: "2024-03-28", missedAfter: "2024-04-24", dayAfterMissed: "2024-04-25" },
  { review: R.ONE_YEAR,                   contact: T.ONE_YEAR_REVIEW,                   dayBeforeOpen: "2024-10-30", dueFrom: "2024-10-31", dueBy: "2025-01-31", dayAfterDueBy: "2025-02-01", missedAfter: "2025-04-30", dayAfterMissed: "2025-05-01" },
  { review: R.TWO_TO_TWO_AND_A_HALF_YEAR, contact: T.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW, dayBeforeOpen: "2026-01-30", dueFrom: "2026-01-31", dueBy: "2026-07-31", dayAfterDueBy: "2026-08-01", missedAfter: "2027-01-31", dayAfterMissed: "2027-02-01" },
];
const BORN = "2024-01-31";

describe("the schedule table", () => {
  it("has the five reviews in order, each completed by its own contact type", () => {
    expect(MANDATED_REVIEW_SCHEDULE.map((e) => [e.review, e.contact])).toEqual(
      BOUNDARIES.map((b) => [b.review, b.contact]),
    );
  });
});

describe.each(BOUNDARIES)("$review", (b) => {
  const window = reviewWindow(b.review, BORN);

  it("opens, is due by and is missed after the dates in the table", () => {
    expect(window).toEqual({ review: b.review, dueFrom: b.dueFrom, dueBy: b.dueBy, missedAfter: b.missedAfter });
  });

  it.each([
    ["the day before it opens", "dayBeforeOpen", S.NOT_YET_DUE],
    ["the day it opens", "dueFrom", S.DUE],
    ["its due-by date", "dueBy", S.DUE],
    ["the day after its due-by date", "dayAfterDueBy", S.OVERDUE],
    ["its last day", "missedAfter", S.OVERDUE],
    ["the day after its last day", "dayAfterMissed", S.MISSED],
  ] as const)("without a contact, on %s it is %s", (_label, key, status) => {
    expect(reviewStatus(window, null, b[key])).toBe(status);
    expect(assessReview(b.review, BORN, [], b[key]).review.status).toBe(status);
  });

  it("is COMPLETED by an attended contact on the day it opens", () => {
    const { review } = assessReview(b.review, BORN, [contact(b.dueFrom, b.contact)], b.dayAfterMissed);
    expect(review).toMatchObject({
      type: b.review,
      dueFrom: b.dueFrom,
      dueBy: b.dueBy,
      completedOn: b.dueFrom,
      status: S.COMPLETED,
    });
  });

  it("is COMPLETED by a late attended contact on its last day", () => {
    const { review } = assessReview(b.review, BORN, [contact(b.missedAfter, b.contact)], b.dayAfterMissed);
    expect(review).toMatchObject({ completedOn: b.missedAfter, status: S.COMPLETED });
  });

  it("is not completed by an attended contact the day before it opens or the day after its last day", () => {
    const contacts = [contact(b.dayBeforeOpen, b.contact), contact(b.dayAfterMissed, b.contact)];
    expect(assessReview(b.review, BORN, contacts, b.dayAfterMissed).review).toMatchObject({
      completedOn: null,
      status: S.MISSED,
    });
  });

  it("is not completed by a contact that did not take place, or by a contact of another type", () => {
    const other = b.contact === T.NEW_BIRTH_VISIT ? T.HOME_VISIT : T.NEW_BIRTH_VISIT;
    const contacts = [
      contact(b.dueFrom, b.contact, O.DID_NOT_ATTEND),
      contact(b.dueFrom, b.contact, O.CANCELLED),
      contact(b.dueFrom, b.contact, O.UNKNOWN),
      contact(b.dueFrom, other),
    ];
    expect(assessReview(b.review, BORN, contacts, b.dueBy).review).toMatchObject({ completedOn: null, status: S.DUE });
  });

  it("is not completed, as of a date, by a contact dated after it", () => {
    const contacts = [contact(b.dueBy, b.contact)];
    expect(assessReview(b.review, BORN, contacts, b.dueFrom).review).toMatchObject({
      completedOn: null,
      status: S.DUE,
    });
    expect(assessReview(b.review, BORN, contacts, b.dueBy).review).toMatchObject({
      completedOn: b.dueBy,
      status: S.COMPLETED,
    });
  });

  it("takes the earliest attended contact in the window", () => {
    const contacts = [
      contact(b.dueBy, b.contact),
      contact(b.dueFrom, b.contact, O.DID_NOT_ATTEND),
      contact(b.missedAfter, b.contact),
    ];
    expect(assessReview(b.review, BORN, contacts, b.dayAfterMissed).review.completedOn).toBe(b.dueBy);
  });
});

describe("month ends", () => {
  // prettier-ignore
  it.each([
    // born         9 months      12 months     15 months     24 months     30 months     36 months
    ["2023-05-31", "2024-02-29", "2024-05-31", "2024-08-31", "2025-05-31", "2025-11-30", "2026-05-31"],
    ["2024-02-29", "2024-11-29", "2025-02-28", "2025-05-29", "2026-02-28", "2026-08-29", "2027-02-28"],
    ["2023-03-31", "2023-12-31", "2024-03-31", "2024-06-30", "2025-03-31", "2025-09-30", "2026-03-31"],
    ["2024-08-30", "2025-05-30", "2025-08-30", "2025-11-30", "2026-08-30", "2027-02-28", "2027-08-30"],
  ])("born %s: the 1 year and 2-2½ year windows clamp to the month's last day", (born, m9, m12, m15, m24, m30, m36) => {
    expect(reviewWindow(R.ONE_YEAR, born)).toEqual({ review: R.ONE_YEAR, dueFrom: m9, dueBy: m12, missedAfter: m15 });
    expect(reviewWindow(R.TWO_TO_TWO_AND_A_HALF_YEAR, born)).toEqual({
      review: R.TWO_TO_TWO_AND_A_HALF_YEAR,
      dueFrom: m24,
      dueBy: m30,
      missedAfter: m36,
    });
  });

  it("day offsets cross month and year ends (born 20 December 2023)", () => {
    expect(reviewWindow(R.ANTENATAL, "2023-12-20")).toEqual({
      review: R.ANTENATAL,
      dueFrom: "2023-09-27",
      dueBy: "2023-12-20",
      missedAfter: "2023-12-21",
    });
    expect(reviewWindow(R.NEW_BIRTH_VISIT, "2023-12-20")).toEqual({
      review: R.NEW_BIRTH_VISIT,
      dueFrom: "2023-12-20",
      dueBy: "2024-01-03",
      missedAfter: "2024-02-14",
    });
    expect(reviewWindow(R.SIX_TO_EIGHT_WEEK, "2023-12-20")).toEqual({
      review: R.SIX_TO_EIGHT_WEEK,
      dueFrom: "2024-01-31",
      dueBy: "2024-02-14",
      missedAfter: "2024-03-13",
    });
  });
});

describe("ASQ-3", () => {
  it("is reported on the 2-2½ year review from the contact that completed it", () => {
    const done = assessReview(
      R.TWO_TO_TWO_AND_A_HALF_YEAR,
      BORN,
      [contact("2026-03-01", T.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW, O.ATTENDED, true)],
      "2026-04-01",
    );
    expect(done.review.asq3Completed).toBe(true);
    const notDone = assessReview(
      R.TWO_TO_TWO_AND_A_HALF_YEAR,
      BORN,
      [contact("2026-03-01", T.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW, O.ATTENDED, false)],
      "2026-04-01",
    );
    expect(notDone.review.asq3Completed).toBe(false);
  });

  it("is null when the review is not completed, and on every other review", () => {
    const dna = assessReview(
      R.TWO_TO_TWO_AND_A_HALF_YEAR,
      BORN,
      [contact("2026-03-01", T.TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW, O.DID_NOT_ATTEND, true)],
      "2026-04-01",
    );
    expect(dna.review.asq3Completed).toBeNull();
    const oneYear = assessReview(
      R.ONE_YEAR,
      BORN,
      [contact("2024-12-01", T.ONE_YEAR_REVIEW, O.ATTENDED, true)],
      "2025-01-01",
    );
    expect(oneYear.review).toMatchObject({ status: S.COMPLETED, asq3Completed: null });
  });
});

describe("childReviews", () => {
  it("lists the five reviews; the antenatal one is completed only by the mother's antenatal contact", () => {
    const own = [contact("2023-12-01", T.ANTENATAL), contact("2024-02-05", T.NEW_BIRTH_VISIT)];
    const mothers = [contact("2024-02-05", T.NEW_BIRTH_VISIT), contact("2023-12-20", T.ANTENATAL)];
    const reviews = childReviews(BORN, own, mothers, "2024-02-20").map((a) => a.review);
    expect(reviews.map((r) => [r.type, r.status, r.completedOn])).toEqual([
      [R.ANTENATAL, S.COMPLETED, "2023-12-20"],
      [R.NEW_BIRTH_VISIT, S.COMPLETED, "2024-02-05"],
      [R.SIX_TO_EIGHT_WEEK, S.NOT_YET_DUE, null],
      [R.ONE_YEAR, S.NOT_YET_DUE, null],
      [R.TWO_TO_TWO_AND_A_HALF_YEAR, S.NOT_YET_DUE, null],
    ]);
    const withoutMother = childReviews(BORN, own, [], "2024-02-20").map((a) => a.review);
    expect(withoutMother[0]).toMatchObject({ type: R.ANTENATAL, status: S.MISSED, completedOn: null });
    expect(withoutMother[1]).toMatchObject({ type: R.NEW_BIRTH_VISIT, status: S.COMPLETED });
  });
});

describe("antenatalReviews", () => {
  it("lists the antenatal review anchored on the expected delivery date", () => {
    const [due] = antenatalReviews("2025-08-01", [], "2025-06-15");
    expect(due.review).toEqual({
      type: R.ANTENATAL,
      dueFrom: "2025-05-09",
      dueBy: "2025-08-01",
      completedOn: null,
      status: S.DUE,
      asq3Completed: null,
    });
    const [done] = antenatalReviews("2025-08-01", [contact("2025-06-12", T.ANTENATAL)], "2025-06-15");
    expect(done.review).toMatchObject({ completedOn: "2025-06-12", status: S.COMPLETED });
  });
});
