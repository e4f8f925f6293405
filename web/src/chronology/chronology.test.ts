import { describe, expect, it } from "vitest";
import type { GraphQLErrorShape } from "../api/client";
import type { PersonPanelsData } from "../panels/fields";
import { PANELS } from "../panels/panels";
import { buildChronology } from "./chronology";
import { ZARA } from "./fixtures";

/* The chronology from one person's answer: every agency's dated events, newest first, and only what was shown. */

const build = (person = ZARA, errors: GraphQLErrorShape[] = []) => buildChronology(person, errors, ["person"], PANELS);
const lines = (person = ZARA, errors: GraphQLErrorShape[] = []) =>
  build(person, errors).events.map(
    (e) => `${e.date} ${e.agencyTitle}: ${e.what}${e.status ? ` [${e.status.label}]` : ""}`,
  );

describe("the chronology", () => {
  it("puts every agency's dated events in one list, newest first, each naming its agency", () => {
    expect(lines()).toEqual([
      "2025-07-11 Health visiting: 6-8 week review due by this date [Due]",
      "2025-06-30 Children's centres: Last attended a session at Market Street Family Hub (3 attended in all)",
      "2025-06-02 Children's centres: Registered at Market Street Family Hub",
      // One day, two agencies: in the panels' order (health visiting before birth registration).
      "2025-05-27 Health visiting: New birth visit completed [Completed]",
      "2025-05-27 Birth registration: Birth registered in Dudley North, entry 101",
      "2025-05-20 Health visiting: Joined the health visiting caseload",
      "2025-05-16 Maternity: Born (spontaneous vertex, 3240 g)",
    ]);
    expect(build().gaps).toEqual([]);
  });

  it("gives a pregnancy's booking and due date, a parent's registrations, a late registration and an expected delivery", () => {
    const mother: PersonPanelsData = {
      healthVisiting: {
        ...ZARA.healthVisiting!,
        onCaseloadSince: null,
        expectedDeliveryDate: "2025-05-20",
        mandatedReviews: [],
      },
      maternity: {
        provider: "Dudley Group NHS Foundation Trust",
        pregnancies: [{ id: "PR1", agreedDueDate: "2025-05-20", bookedOn: "2024-10-01", outcome: "LIVE_BIRTH" }],
        birth: null,
      },
      childrensCentres: null,
      childrensSocialCare: null,
      birthRegistration: {
        asChild: {
          ...ZARA.birthRegistration!.asChild!,
          registeredOn: "1994-05-01",
          registeredWithinLegalPeriod: false,
        },
        asParent: [
          {
            id: "DN:101",
            district: "Dudley North",
            entryNumber: 101,
            registeredOn: "2025-05-27",
            registeredWithinLegalPeriod: true,
          },
        ],
      },
    };
    expect(lines(mother)).toEqual([
      "2025-05-27 Birth registration: Named as a parent on a birth registration in Dudley North, entry 101",
      "2025-05-20 Health visiting: Expected delivery date",
      "2025-05-20 Maternity: Agreed due date of a pregnancy (live birth)",
      "2024-10-01 Maternity: Booked for maternity care",
      "1994-05-01 Birth registration: Birth registered in Dudley North, entry 101, after the 42 days the law allows",
    ]);
  });

  it("leaves out an agency that is not answering or not visible, and says why, inventing nothing", () => {
    const reason = "The registrar role is not shown health visiting details for registration.";
    const errors: GraphQLErrorShape[] = [
      {
        message: "The maternity system is unavailable, so its information is missing from this answer.",
        path: ["person", "maternity"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
      },
      { message: reason, path: ["person", "healthVisiting"], extensions: { code: "FORBIDDEN" } },
    ];
    const { events, gaps } = build({ ...ZARA, maternity: null, healthVisiting: null }, errors);
    expect(events.map((e) => e.agency)).toEqual(["childrens-centres", "childrens-centres", "registration"]);
    expect(gaps).toEqual([
      {
        agency: "health-visiting",
        agencyTitle: "Health visiting",
        reason: `Not visible to your role for this purpose. ${reason}`,
      },
      {
        agency: "maternity",
        agencyTitle: "Maternity",
        reason: "Maternity system is not answering: its events are missing.",
      },
    ]);
  });

  it("names an agency whose record could not be read, with the gateway's message", () => {
    const message = "The birth registration record could not be read.";
    const { events, gaps } = build({ ...ZARA, birthRegistration: null }, [
      { message, path: ["person", "birthRegistration"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
    ]);
    expect(events.some((e) => e.agency === "registration")).toBe(false);
    expect(gaps).toEqual([{ agency: "registration", agencyTitle: "Birth registration", reason: message }]);
  });

  it("shows a summary's dates and no withheld ones, naming the agency as summary only", () => {
    const reason =
      "Only a summary of the children's centres record is shown: full detail needs a legitimate relationship with this family.";
    const summary = {
      ...ZARA,
      childrensCentres: {
        registrations: [{ ...ZARA.childrensCentres!.registrations[0], sessionsAttended: null, lastAttendedOn: null }],
      },
    };
    const errors: GraphQLErrorShape[] = [
      {
        message: reason,
        path: ["person", "childrensCentres", "registrations", 0, "lastAttendedOn"],
        extensions: { code: "FORBIDDEN" },
      },
    ];
    const { events, gaps } = build(summary, errors);
    const centres = events.filter((e) => e.agency === "childrens-centres").map((e) => e.what);
    expect(centres).toEqual(["Registered at Market Street Family Hub"]);
    expect(gaps).toEqual([
      {
        agency: "childrens-centres",
        agencyTitle: "Children's centres",
        reason: `Summary only: events from details not visible to your role are left out. ${reason}`,
      },
    ]);
  });

  it("is empty, with no gaps, when no agency holds anything", () => {
    expect(
      build({
        healthVisiting: null,
        maternity: null,
        childrensCentres: null,
        birthRegistration: null,
        childrensSocialCare: null,
      }),
    ).toEqual({
      events: [],
      gaps: [],
    });
  });
});
