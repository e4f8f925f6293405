import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GraphQLErrorShape } from "../api/client";
import type { PersonPanelsData } from "./fields";
import { PanelFrame } from "./PanelFrame";
import { PANELS } from "./panels";

/*
 * Every agency panel's states through the one frame: data, summary only (detail withheld with
 * the reason), not visible (with the reason), agency down (a warning naming it), empty.
 */

const panel = (agency: string) => PANELS.find((p) => p.agency === agency)!;

const FULL_HV: PersonPanelsData["healthVisiting"] = {
  clientType: "CHILD",
  team: "Dudley Central",
  namedHealthVisitor: "Priya Shah",
  base: "Holly Hall Clinic",
  onCaseloadSince: "2025-05-20",
  expectedDeliveryDate: null,
  breastfeedingAtSixToEightWeeks: null,
  mandatedReviews: [
    {
      type: "NEW_BIRTH_VISIT",
      dueFrom: "2025-05-16",
      dueBy: "2025-05-30",
      completedOn: "2025-05-27",
      status: "COMPLETED",
    },
    { type: "SIX_TO_EIGHT_WEEK", dueFrom: "2025-06-27", dueBy: "2025-07-11", completedOn: null, status: "DUE" },
    { type: "ONE_YEAR", dueFrom: "2026-02-16", dueBy: "2026-05-16", completedOn: null, status: "NOT_YET_DUE" },
  ],
};

const person = (over: Partial<PersonPanelsData>): PersonPanelsData => ({
  healthVisiting: null,
  maternity: null,
  childrensCentres: null,
  birthRegistration: null,
  childrensSocialCare: null,
  ...over,
});

function show(agency: string, data: PersonPanelsData, errors: GraphQLErrorShape[] = []) {
  render(<PanelFrame panel={panel(agency)} person={data} errors={errors} path={["person"]} />);
  return screen.getByRole("region", { name: new RegExp(panel(agency).title) });
}

const SUMMARY_REASON =
  "Only a summary of the health visiting record is shown: full detail needs a legitimate relationship with this family.";

describe("an agency panel", () => {
  it("shows the data: the named health visitor and each mandated review with a status tag", () => {
    const region = show(
      "health-visiting",
      person({ healthVisiting: { ...FULL_HV, breastfeedingAtSixToEightWeeks: "TOTALLY" } }),
    );
    expect(within(region).getByText("Priya Shah")).toBeInTheDocument();
    const rows = within(region).getAllByRole("row").slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["New birth visit", "30 May 2025", "27 May 2025", "Completed"],
      ["6-8 week review", "11 July 2025", "Not yet", "Due"],
      ["1 year review", "16 May 2026", "Not yet", "Not yet due"],
    ]);
    expect(within(rows[1]).getByText("Due")).toHaveClass("nhsuk-tag", "nhsuk-tag--yellow");
    expect(within(region).getByText("Totally")).toBeInTheDocument();
    expect(within(region).queryByText(/Not visible/)).toBeNull();
    expect(within(region).queryByText("Summary")).toBeNull();
  });

  it("shows a summary: what it may see, and for each withheld detail that it is not visible and why", () => {
    const region = show("health-visiting", person({ healthVisiting: FULL_HV }), [
      {
        message: SUMMARY_REASON,
        path: ["person", "healthVisiting", "breastfeedingAtSixToEightWeeks"],
        extensions: { code: "FORBIDDEN", agency: "health-visiting" },
      },
    ]);
    expect(within(region).getByText("Summary")).toHaveClass("nhsuk-tag");
    expect(within(region).getByText("Priya Shah")).toBeInTheDocument();
    expect(within(region).getByText(new RegExp(SUMMARY_REASON.replace(/[.]/g, "\\.")))).toBeInTheDocument();
    const row = within(region).getByText("Breastfeeding at 6-8 weeks").closest("div")!;
    expect(within(row).getByText("Not visible to your role for this purpose")).toBeInTheDocument();
    expect(within(region).getAllByRole("row")).toHaveLength(4);
  });

  it("shows 'not visible to your role for this purpose' with the reason when the whole record is withheld", () => {
    const reason = "The registrar role is not shown the health visiting record for registration.";
    const region = show("health-visiting", person({}), [
      {
        message: reason,
        path: ["person", "healthVisiting"],
        extensions: { code: "FORBIDDEN", agency: "health-visiting" },
      },
    ]);
    expect(within(region).getByText("Not visible to your role for this purpose.")).toBeInTheDocument();
    expect(within(region).getByText(reason, { exact: false })).toBeInTheDocument();
    expect(within(region).queryByRole("table")).toBeNull();
  });

  it("warns, naming the system, when the agency is not answering", () => {
    const region = show("maternity", person({}), [
      {
        message:
          "The maternity system is unavailable, so its information is missing from this answer. Try again later.",
        path: ["person", "maternity"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
      },
    ]);
    expect(
      within(region).getByText(/Maternity system is not answering: its information is missing from this page/),
    ).toBeInTheDocument();
    expect(region.querySelector(".nhsuk-warning-callout")).not.toBeNull();
  });

  it("keeps the other agencies' panels when one is down", () => {
    const errors: GraphQLErrorShape[] = [
      {
        message: "down",
        path: ["person", "maternity"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
      },
    ];
    const data = person({ healthVisiting: FULL_HV });
    render(
      <>
        {PANELS.map((p) => (
          <PanelFrame key={p.agency} panel={p} person={data} errors={errors} path={["person"]} />
        ))}
      </>,
    );
    const maternity = screen.getByRole("region", { name: "Maternity" });
    expect(within(maternity).getByText(/Maternity system is not answering: its information/)).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Health visiting" })).getByText("Priya Shah")).toBeInTheDocument();
    // Only the agency that is down warns.
    expect(document.querySelectorAll(".nhsuk-warning-callout")).toHaveLength(1);
  });

  it("says when the agency holds nothing for this person", () => {
    const region = show("childrens-centres", person({}));
    expect(within(region).getByText("Children's centres holds no record of this person.")).toBeInTheDocument();
  });

  it.each(PANELS.map((p) => p.agency))("shows each state for %s, never a blank", (agency) => {
    const p = panel(agency);
    const { unmount } = render(
      <PanelFrame
        panel={p}
        person={person({})}
        errors={[
          { message: "Withheld because.", path: ["person", p.field], extensions: { code: "FORBIDDEN", agency } },
        ]}
        path={["person"]}
      />,
    );
    expect(screen.getByText("Withheld because.", { exact: false })).toBeInTheDocument();
    unmount();
  });
});
