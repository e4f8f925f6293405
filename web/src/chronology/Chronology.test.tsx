import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GraphQLErrorShape } from "../api/client";
import type { PersonPanelsData } from "../panels/fields";
import { PANELS } from "../panels/panels";
import { Chronology } from "./Chronology";
import { ZARA } from "./fixtures";

/* The chronology as staff see it: an ordered list of dated events, each naming its agency, and what is missing. */

function show(person: PersonPanelsData, errors: GraphQLErrorShape[] = []) {
  render(<Chronology person={person} errors={errors} path={["person"]} panels={PANELS} />);
  return screen.getByRole("region", { name: "Chronology" });
}

describe("the chronology", () => {
  it("is an ordered list, newest first, each event with a machine-readable date, its agency and a status tag", () => {
    const region = show(ZARA);
    const list = within(region).getByRole("list", { name: "Chronology" });
    expect(list.tagName).toBe("OL");
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(7);
    const first = items[0];
    expect(first.querySelector("time")).toHaveAttribute("datetime", "2025-07-11");
    expect(first.querySelector("time")).toHaveTextContent("11 July 2025");
    expect(first).toHaveTextContent("Health visiting");
    expect(first).toHaveTextContent("6-8 week review due by this date");
    expect(within(first).getByText("Due")).toHaveClass("nhsuk-tag", "nhsuk-tag--yellow");
    const last = items[items.length - 1];
    expect(last.querySelector("time")).toHaveAttribute("datetime", "2025-05-16");
    expect(last).toHaveTextContent("Maternity");
    expect(last).toHaveTextContent("Born (spontaneous vertex, 3240 g)");
    const dates = items.map((li) => li.querySelector("time")!.getAttribute("datetime")!);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(within(region).queryByText(/Not every agency/)).not.toBeInTheDocument();
  });

  it("names an agency that is not answering and one not visible, with the reason, and shows none of their events", () => {
    const reason = "The registrar role is not shown maternity details for registration.";
    const region = show({ ...ZARA, maternity: null, healthVisiting: null }, [
      {
        message: "The health visiting system is unavailable.",
        path: ["person", "healthVisiting"],
        extensions: { code: "AGENCY_UNAVAILABLE", agency: "health-visiting" },
      },
      { message: reason, path: ["person", "maternity"], extensions: { code: "FORBIDDEN" } },
    ]);
    const items = within(within(region).getByRole("list", { name: "Chronology" })).getAllByRole("listitem");
    expect(items.map((li) => li.dataset.agency)).toEqual(["childrens-centres", "childrens-centres", "registration"]);
    const gaps = within(region)
      .getByText(/Not every agency/)
      .closest("div")!;
    expect(gaps).toHaveTextContent("Health visiting: Health visiting system is not answering: its events are missing.");
    expect(gaps).toHaveTextContent(`Maternity: Not visible to your role for this purpose. ${reason}`);
  });

  it("says when there are no dated events to show", () => {
    const region = show({
      healthVisiting: null,
      maternity: null,
      childrensCentres: null,
      birthRegistration: null,
      childrensSocialCare: null,
    });
    expect(region).toHaveTextContent("No dated events are visible for this person.");
    expect(within(region).queryByRole("list")).not.toBeInTheDocument();
  });
});
