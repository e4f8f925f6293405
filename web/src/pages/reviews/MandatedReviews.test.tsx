import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../session";
import { stubGateway, type Answer } from "../../components/gateway.testing";
import MandatedReviews, { MandatedReviewWorklist } from "./MandatedReviews";

/* The mandated review work list: the locality and window chosen, the list asked for, and each state of its answer. */

const session: Session = { token: "t0k", role: "health-visitor", purpose: "direct-care" };
const LOCALITIES = {
  data: {
    localities: [
      { id: "brindleford-central", name: "Brindleford Central" },
      { id: "netherby", name: "Netherby" },
    ],
  },
};
const LEO = {
  person: { id: "P-LEO", givenName: "Leo", familyName: "Nowak", dateOfBirth: "2024-05-20" },
  review: "ONE_YEAR",
  dueBy: "2025-05-20",
  status: "OVERDUE",
  team: "Netherby Locality HV Team",
  namedHealthVisitor: "Jane Okoro",
};
const ZARA = {
  person: { id: "P-ZARA", givenName: "Zara", familyName: "Hussain", dateOfBirth: "2025-05-16" },
  review: "SIX_TO_EIGHT_WEEK",
  dueBy: "2025-07-11",
  status: "DUE",
  team: null,
  namedHealthVisitor: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

const gateway = (answer: () => Promise<Answer>) => stubGateway(LOCALITIES, MandatedReviewWorklist, answer);

const page = (search: string) => render(<MandatedReviews session={session} search={search} onSignedOut={vi.fn()} />);

describe("the mandated reviews page", () => {
  it("offers the localities and the window, and asks for nothing until a locality is chosen", async () => {
    const sent = gateway(async () => ({ body: { data: { mandatedReviewWorklist: [] } } }));
    page("");
    const select = await screen.findByLabelText("Locality");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Brindleford Central", "Netherby"]);
    expect(screen.getByLabelText("Due within")).toHaveValue("14");
    expect(sent).toEqual([]);
    expect(document.title).toBe("Mandated reviews due – Family Front Door");
  });

  it("puts the locality and the window into the URL when the list is asked for", async () => {
    gateway(async () => ({ body: { data: { mandatedReviewWorklist: [] } } }));
    page("");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Locality"), "Netherby");
    await user.selectOptions(screen.getByLabelText("Due within"), "28 days");
    await user.click(screen.getByRole("button", { name: "Show the list" }));
    expect(location.pathname + location.search).toBe("/work-lists/mandated-reviews?locality=netherby&days=28");
  });

  it("lists each child with a link to their page, the review, due date, status (Overdue prominent) and health visitor", async () => {
    const sent = gateway(async () => ({ body: { data: { mandatedReviewWorklist: [LEO, ZARA] } } }));
    page("?locality=netherby&days=14");
    const table = await screen.findByRole("table", { name: "2 reviews due in Netherby, 1 overdue" });
    expect(sent).toEqual([{ locality: "netherby", dueWithinDays: 14 }]);
    const [, leo, zara] = within(table).getAllByRole("row");
    expect(
      within(leo)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Leo Nowak", "1 year review", "20 May 2025", "Overdue", "Jane Okoro, Netherby Locality HV Team"]);
    expect(within(leo).getByRole("link", { name: "Leo Nowak" })).toHaveAttribute("href", "/people/P-LEO");
    expect(within(leo).getByText("Overdue")).toHaveClass("nhsuk-tag--red");
    expect(
      within(zara)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Zara Hussain", "6-8 week review", "11 July 2025", "Due", "Not recorded"]);
  });

  it("says so when no review is due, and sends a window it does not offer as the default", async () => {
    const sent = gateway(async () => ({ body: { data: { mandatedReviewWorklist: [] } } }));
    page("?locality=netherby&days=1000");
    expect(await screen.findByRole("heading", { name: "No reviews due in Netherby" })).toBeInTheDocument();
    expect(sent).toEqual([{ locality: "netherby", dueWithinDays: 14 }]);
  });

  it("shows that the list is loading", async () => {
    let answer!: (v: { body: unknown }) => void;
    gateway(() => new Promise((resolve) => (answer = resolve)));
    page("?locality=netherby");
    expect(await screen.findByText("Loading the list…")).toBeInTheDocument();
    answer({ body: { data: { mandatedReviewWorklist: [] } } });
    expect(await screen.findByRole("heading", { name: /No reviews due/ })).toBeInTheDocument();
    expect(screen.queryByText("Loading the list…")).toBeNull();
  });

  it("names an agency that is not answering, keeping the list", async () => {
    gateway(async () => ({
      body: {
        data: { mandatedReviewWorklist: [LEO] },
        errors: [
          {
            message: "The maternity system is unavailable, so its information is missing from this answer.",
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
          },
        ],
      },
    }));
    page("?locality=netherby");
    expect(await screen.findByText(/Maternity is not answering/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Leo Nowak" })).toBeInTheDocument();
  });

  it("shows the gateway's reason when the list is refused or health visiting is down", async () => {
    gateway(async () => ({
      body: {
        data: null,
        errors: [
          {
            message: "The registrar role may not read the list of children … for registration.",
            extensions: { code: "FORBIDDEN" },
          },
        ],
      },
    }));
    page("?locality=netherby");
    expect(await screen.findByRole("alert")).toHaveTextContent(/may not read the list/);
    expect(screen.queryByRole("table")).toBeNull();
  });
});
