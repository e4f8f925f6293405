import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GraphQLErrorShape } from "../api/client";
import type { PersonPanelsData } from "./fields";
import { PanelFrame } from "./PanelFrame";
import { PANELS } from "./panels";

/*
 * The children's social care panel through the one frame: flags prominent with the social
 * worker's contact (data), plan detail withheld with the reason (summary), not visible, agency
 * down, and nothing held.
 */

const panel = PANELS.find((p) => p.agency === "childrens-social-care")!;

const DANIEL: PersonPanelsData["childrensSocialCare"] = {
  flags: [
    {
      type: "CHILD_PROTECTION_PLAN",
      startedOn: "2025-06-20",
      endedOn: null,
      active: true,
      detail: { categoryOfAbuse: "NEGLECT", reason: null, reviews: ["2025-09-15"] },
    },
    {
      type: "CHILD_IN_NEED",
      startedOn: "2024-03-01",
      endedOn: "2025-01-10",
      active: false,
      detail: { categoryOfAbuse: null, reason: "Family dysfunction", reviews: [] },
    },
  ],
  socialWorker: { name: "Ngozi Mensah", team: "Northbrook Safeguarding and Support Team", phone: "01384 555101" },
};

const person = (childrensSocialCare: PersonPanelsData["childrensSocialCare"]): PersonPanelsData => ({
  healthVisiting: null,
  maternity: null,
  childrensCentres: null,
  birthRegistration: null,
  childrensSocialCare,
});

function show(data: PersonPanelsData, errors: GraphQLErrorShape[] = []) {
  render(<PanelFrame panel={panel} person={data} errors={errors} path={["person"]} />);
  return screen.getByRole("region", { name: /Children's social care/ });
}

const SUMMARY_REASON =
  "Only a summary of the children's social care record is shown: full detail needs a legitimate relationship with this family.";

describe("the children's social care panel", () => {
  it("shows an active flag prominently, with the social worker's contact and the plan's detail", () => {
    const region = show(person(DANIEL));
    const flag = within(region).getByText("Child protection plan").closest(".nhsuk-warning-callout") as HTMLElement;
    expect(flag).not.toBeNull();
    expect(within(flag).getByText(/Since 20 June 2025/)).toBeInTheDocument();
    expect(within(flag).getByText("Ngozi Mensah")).toBeInTheDocument();
    expect(within(flag).getByRole("link", { name: "01384 555101" })).toHaveAttribute("href", "tel:01384555101");
    expect(within(flag).getByText("Neglect")).toBeInTheDocument();
    expect(within(flag).getByText("15 September 2025")).toBeInTheDocument();
    // An ended flag is listed after, not as a warning.
    const ended = within(region).getByText(/Child in need, 1 March 2024 to 10 January 2025/);
    expect(ended.closest(".nhsuk-warning-callout")).toBeNull();
    expect(within(region).queryByText(/Not visible/)).toBeNull();
  });

  it("shows a summary: the flag and who to call, the plan's detail not visible and why", () => {
    const summary = {
      ...DANIEL!,
      flags: DANIEL!.flags.map((f) => ({ ...f, detail: null })),
    };
    const region = show(person(summary), [
      {
        message: SUMMARY_REASON,
        path: ["person", "childrensSocialCare", "flags", 0, "detail"],
        extensions: { code: "FORBIDDEN", agency: "childrens-social-care" },
      },
    ]);
    expect(within(region).getByText("Summary")).toHaveClass("nhsuk-tag");
    const flag = within(region).getByText("Child protection plan").closest(".nhsuk-warning-callout") as HTMLElement;
    expect(within(flag).getByText("Ngozi Mensah")).toBeInTheDocument();
    const row = within(flag).getByText("Category of abuse").closest("div")!;
    expect(within(row).getByText("Not visible to your role for this purpose")).toBeInTheDocument();
    expect(within(region).queryByText("Neglect")).toBeNull();
  });

  it("says the record is not visible, with the reason, when the policy withholds it", () => {
    const reason = "Your role may not see children's social care data for this purpose.";
    const region = show(person(null), [
      {
        message: reason,
        path: ["person", "childrensSocialCare"],
        extensions: { code: "FORBIDDEN", agency: "childrens-social-care" },
      },
    ]);
    expect(within(region).getByText("Not visible to your role for this purpose.")).toBeInTheDocument();
    expect(within(region).getByText(reason, { exact: false })).toBeInTheDocument();
  });

  it("warns, naming the system, when children's social care is not answering", () => {
    const region = show(person(null), [
      {
        message: "The children's social care system is unavailable.",
        path: ["person", "childrensSocialCare"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "childrens-social-care" },
      },
    ]);
    expect(
      within(region).getByText(/Children's social care system is not answering: its information is missing/),
    ).toBeInTheDocument();
  });

  it("says when social care holds nothing for this person", () => {
    const empty = show(person(null));
    expect(within(empty).getByText("Children's social care holds no record of this person.")).toBeInTheDocument();
  });

  it("says when it holds no active flag, still with who to call", () => {
    const ended = show(person({ ...DANIEL!, flags: [DANIEL!.flags[1]] }));
    expect(within(ended).getByText("No active safeguarding flag.")).toBeInTheDocument();
    expect(within(ended).queryByRole("link")).not.toBeNull();
    expect(ended.querySelector(".nhsuk-warning-callout")).toBeNull();
  });
});
