import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubGateway, type Answer } from "../../components/gateway.testing";
import type { Session } from "../../session";
import NewBirths, { NewBirthsNotKnownToCentres } from "./NewBirths";

/* The outreach page: the locality picked, the list asked for, and each state of its answer. */

const session: Session = { token: "t0k", role: "health-visitor", purpose: "direct-care" };
const LOCALITIES = {
  data: {
    localities: [
      { id: "brindleford-central", name: "Brindleford Central" },
      { id: "netherby", name: "Netherby" },
    ],
  },
};
const ARJUN = {
  dateOfBirth: "2025-05-12",
  child: {
    id: "P-ARJUN",
    givenName: "Arjun",
    familyName: "Patel",
    birthRegistration: { asChild: { district: "Brindleford", registeredOn: "2025-05-27" } },
    healthVisiting: { namedHealthVisitor: "Jane Okoro", team: "Brindleford Central Locality HV Team" },
  },
  mother: { id: "P-PRIYA", givenName: "Priya", familyName: "Patel" },
};

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

const gateway = (answer: () => Promise<Answer>) => stubGateway(LOCALITIES, NewBirthsNotKnownToCentres, answer);

const page = (search: string) => render(<NewBirths session={session} search={search} onSignedOut={vi.fn()} />);

describe("the new births page", () => {
  it("asks for a locality from Query.localities and sends nothing until one is chosen", async () => {
    const sent = gateway(async () => ({ body: { data: { newBirthsNotKnownToCentres: [] } } }));
    page("");
    const select = await screen.findByLabelText("Locality");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Choose a locality", "Brindleford Central", "Netherby"]);
    expect(screen.getByLabelText("Born on or after (optional)")).toHaveValue("");
    expect(sent).toEqual([]);
    expect(document.title).toBe("New births not known to a centre – Family Front Door");
  });

  it("puts the locality and the date into the URL when the list is asked for", async () => {
    gateway(async () => ({ body: { data: { newBirthsNotKnownToCentres: [] } } }));
    page("");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Locality"), "Brindleford Central");
    await user.type(screen.getByLabelText("Born on or after (optional)"), "01/05/2025");
    await user.click(screen.getByRole("button", { name: "Show the list" }));
    expect(location.pathname + location.search).toBe(
      "/work-lists/new-births?locality=brindleford-central&since=01%2F05%2F2025",
    );
  });

  it("lists each baby with a link to their page, the mother, the registration and the named health visitor", async () => {
    const sent = gateway(async () => ({ body: { data: { newBirthsNotKnownToCentres: [ARJUN] } } }));
    page("?locality=brindleford-central&since=01/05/2025");
    const table = await screen.findByRole("table", {
      name: "1 baby in Brindleford Central not known to a children's centre",
    });
    expect(sent).toEqual([{ locality: "brindleford-central", since: "2025-05-01" }]);
    const [, row] = within(table).getAllByRole("row");
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "Arjun Patel",
      "12 May 2025",
      "Priya Patel",
      "Yes, Brindleford, on 27 May 2025",
      "Jane Okoro, Brindleford Central Locality HV Team",
    ]);
    expect(within(row).getByRole("link", { name: "Arjun Patel" })).toHaveAttribute("href", "/people/P-ARJUN");
    expect(within(row).getByRole("link", { name: "Priya Patel" })).toHaveAttribute("href", "/people/P-PRIYA");
    expect(screen.queryByText(/is not answering/)).toBeNull();
  });

  it("says so when no baby in the window is unknown to a centre, sending the default window", async () => {
    const sent = gateway(async () => ({ body: { data: { newBirthsNotKnownToCentres: [] } } }));
    page("?locality=netherby");
    expect(await screen.findByRole("heading", { name: "No new births to reach in Netherby" })).toBeInTheDocument();
    expect(sent).toEqual([{ locality: "netherby", since: null }]);
  });

  it("shows that the list is loading", async () => {
    let answer!: (v: { body: unknown }) => void;
    gateway(() => new Promise((resolve) => (answer = resolve)));
    page("?locality=netherby");
    expect(await screen.findByText("Loading the list…")).toBeInTheDocument();
    answer({ body: { data: { newBirthsNotKnownToCentres: [] } } });
    expect(await screen.findByRole("heading", { name: /No new births/ })).toBeInTheDocument();
    expect(screen.queryByText("Loading the list…")).toBeNull();
  });

  it("names an agency that is not answering, keeping the rest of the list", async () => {
    gateway(async () => ({
      body: {
        data: { newBirthsNotKnownToCentres: [{ ...ARJUN, child: { ...ARJUN.child, healthVisiting: null } }] },
        errors: [
          {
            message: "The health visiting system is unavailable, so its information is missing from this answer.",
            path: ["newBirthsNotKnownToCentres", 0, "child", "healthVisiting"],
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "health-visiting" },
          },
        ],
      },
    }));
    page("?locality=brindleford-central");
    expect(await screen.findByText(/Health visiting is not answering/)).toBeInTheDocument();
    const [, row] = within(screen.getByRole("table")).getAllByRole("row");
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Arjun Patel", "12 May 2025", "Priya Patel", "Yes, Brindleford, on 27 May 2025", "Not available"]);
  });

  it("shows the gateway's reason when the list is refused, and checks the date before sending", async () => {
    const sent = gateway(async () => ({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: "The health-visitor role may not read the list … for safeguarding",
            extensions: { code: "FORBIDDEN" },
          },
        ],
      },
    }));
    const { unmount } = page("?locality=netherby");
    expect(await screen.findByRole("alert")).toHaveTextContent(/may not read the list/);
    unmount();
    page("?locality=netherby&since=last spring");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Enter the earliest date of birth as day/month/year, for example 01/05/2025",
    );
    expect(sent).toHaveLength(1);
  });
});
