import { addDays, type IsoDate } from "@ffd/shared";
import type { DateSpan, HvPatient } from "../../source/health-visiting.port";
import { HealthVisitingClientType } from "../../source/health-visiting.port";
import { birthsWith } from "../mandated-review/schedule";
import { MandatedReviewType } from "../mandated-review/mandated-review.type";
import { performanceBirths, performanceOf, reviewsBecameOverdue, worklistBirths, worklistOf } from "./worklist";

/*
 * The spans of births a list reads (worklistBirths, performanceBirths, and the events' spans)
 * against the lists themselves: a child born on every day from six years before the reference
 * date to a month after it, none with a contact, so every review is outstanding. A list must
 * list (or count) exactly the children born in its spans: none outside is lost, and the spans
 * read no more than the list can use. Reference dates at month ends and around a leap day, where
 * months clamp.
 */

const AS_OF: IsoDate[] = ["2025-06-15", "2024-02-29", "2025-03-31", "2026-12-31", "2025-01-31"];

function childBornOn(dateOfBirth: IsoDate): HvPatient {
  return {
    localId: dateOfBirth.replace(/-/g, ""),
    postcode: "E1 6AN",
    clientType: HealthVisitingClientType.CHILD,
    dateOfBirth,
    expectedDeliveryDate: null,
    onCaseloadSince: dateOfBirth,
    caseload: null,
    contacts: [],
    mothersAntenatalContacts: [],
  };
}

function everyChild(asOf: IsoDate): HvPatient[] {
  const children: HvPatient[] = [];
  for (let day = addDays(asOf, -6 * 366); day <= addDays(asOf, 31); day = addDays(day, 1))
    children.push(childBornOn(day));
  return children;
}

const inSpans = (spans: readonly DateSpan[]) => (c: HvPatient) =>
  spans.some((s) => s.from <= c.dateOfBirth! && c.dateOfBirth! <= s.to);
const ids = (children: readonly HvPatient[]) => new Set(children.map((c) => c.localId));

describe.each(AS_OF)("as of %s", (asOf) => {
  const children = everyChild(asOf);

  it.each([0, 14, 90])("the work list (due within %i days) lists exactly the children born in its spans", (days) => {
    const spans = worklistBirths(asOf, days);
    const listed = new Set(worklistOf(children, asOf, days).map((i) => i.childLocalId));
    expect(listed).toEqual(ids(children.filter(inSpans(spans))));
  });

  it("the performance figures count exactly the children born in their spans", () => {
    const spans = performanceBirths(asOf);
    const counted = (of: readonly HvPatient[]) => performanceOf(of, asOf).reviews.map((r) => r.eligible);
    expect(counted(children.filter(inSpans(spans)))).toEqual(counted(children));
    // No child in the spans without a review counted: each alone counts at least once.
    for (const child of children.filter(inSpans(spans))) expect(counted([child]).some((n) => n > 0)).toBe(true);
  });

  it("a week's overdue reviews are all of children born in the events' spans", () => {
    const from = addDays(asOf, -6);
    const spans = birthsWith(
      Object.values(MandatedReviewType),
      { date: "dueBy", day: addDays(from, -1) },
      { date: "dueBy", day: addDays(asOf, -1) },
    );
    const events = reviewsBecameOverdue(children, from, asOf);
    expect(events.length).toBeGreaterThan(0);
    expect(reviewsBecameOverdue(children.filter(inSpans(spans)), from, asOf)).toEqual(events);
  });
});

describe("birthsWith", () => {
  it("joins spans that overlap or touch, in date order", () => {
    // Due-by dates from 1 to 20 June 2025: the new birth visit (day 14) and the 6-8 week review (8 weeks) overlap.
    expect(
      birthsWith(
        [MandatedReviewType.NEW_BIRTH_VISIT, MandatedReviewType.SIX_TO_EIGHT_WEEK],
        { date: "dueBy", day: "2025-06-01" },
        { date: "dueBy", day: "2025-06-20" },
      ),
    ).toEqual([
      { from: "2025-04-06", to: "2025-04-25" },
      { from: "2025-05-18", to: "2025-06-06" },
    ]);
    expect(
      birthsWith(
        [MandatedReviewType.NEW_BIRTH_VISIT, MandatedReviewType.SIX_TO_EIGHT_WEEK],
        { date: "dueBy", day: "2025-06-01" },
        { date: "dueBy", day: "2025-08-01" },
      ),
    ).toEqual([{ from: "2025-04-06", to: "2025-07-18" }]);
  });

  it("gives none when no review's dates can fall in the bounds", () => {
    expect(
      birthsWith(
        [MandatedReviewType.ONE_YEAR],
        { date: "missedAfter", day: "2025-06-15" },
        { date: "dueBy", day: "2024-01-01" },
      ),
    ).toEqual([]);
  });
});
