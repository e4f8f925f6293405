import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubGateway, type Answer } from "../../components/gateway.testing";
import type { Session } from "../../session";
import SafeguardingMeeting, { SafeguardingMeetingList } from "./SafeguardingMeeting";

/* The weekly safeguarding list page: the locality and week picked, the list asked for, and each state of its answer. */

const session: Session = { token: "t0k", role: "safeguarding-lead", purpose: "safeguarding" };
const LOCALITIES = {
  data: {
    localities: [
      { id: "brindleford-central", name: "Brindleford Central" },
      { id: "netherby", name: "Netherby" },
    ],
  },
};
const GRACE = { id: "P-GRACE", givenName: "Grace", familyName: "Okafor" };
const DANIEL = { id: "P-DANIEL", givenName: "Daniel", familyName: "Okafor" };
const OKAFORS = {
  family: {
    id: "F-OKAFOR",
    members: [
      { relationship: "MOTHER", person: GRACE },
      { relationship: "CHILD", person: DANIEL },
    ],
  },
  reasons: [
    {
      person: GRACE,
      agency: "CHILDRENS_SOCIAL_CARE",
      kind: "SOCIAL_CARE_FLAG_STARTED",
      what: "Unborn child protection plan started",
      on: "2025-06-20",
    },
    {
      person: DANIEL,
      agency: "CHILDRENS_SOCIAL_CARE",
      kind: "SOCIAL_CARE_FLAG_STARTED",
      what: "Child protection plan started",
      on: "2025-06-20",
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

const gateway = (answer: () => Promise<Answer>) => stubGateway(LOCALITIES, SafeguardingMeetingList, answer);

const page = (search: string) =>
  render(<SafeguardingMeeting session={session} search={search} onSignedOut={vi.fn()} />);

describe("the weekly safeguarding list page", () => {
  it("asks for a locality and sends nothing until one is chosen", async () => {
    const sent = gateway(async () => ({ body: { data: { safeguardingMeetingList: [] } } }));
    page("");
    const select = await screen.findByLabelText("Locality");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Choose a locality", "Brindleford Central", "Netherby"]);
    expect(screen.getByLabelText("A day of the week (optional)")).toHaveValue("");
    expect(sent).toEqual([]);
    expect(document.title).toBe("Weekly safeguarding list – Family Front Door");
  });

  it("puts the locality and the week into the URL when the list is asked for", async () => {
    gateway(async () => ({ body: { data: { safeguardingMeetingList: [] } } }));
    page("");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Locality"), "Brindleford Central");
    await user.type(screen.getByLabelText("A day of the week (optional)"), "20/06/2025");
    await user.click(screen.getByRole("button", { name: "Show the list" }));
    expect(location.pathname + location.search).toBe(
      "/work-lists/safeguarding?locality=brindleford-central&weekOf=20%2F06%2F2025",
    );
  });

  it("lists each family with its members and the week's reasons, each naming the agency, the person and the day", async () => {
    const sent = gateway(async () => ({ body: { data: { safeguardingMeetingList: [OKAFORS] } } }));
    page("?locality=brindleford-central&weekOf=20/06/2025");
    const table = await screen.findByRole("table", {
      name: "1 family in Brindleford Central with something new this week",
    });
    expect(sent).toEqual([{ locality: "brindleford-central", weekOf: "2025-06-20" }]);
    const [, row] = within(table).getAllByRole("row");
    const [family, reasons] = within(row).getAllByRole("cell");
    expect(within(family).getByRole("link", { name: "Grace Okafor" })).toHaveAttribute("href", "/people/P-GRACE");
    expect(within(family).getByRole("link", { name: "Daniel Okafor" })).toHaveAttribute("href", "/people/P-DANIEL");
    expect(
      within(reasons)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "Children's social care: Unborn child protection plan started (Grace Okafor, 20 June 2025)",
      "Children's social care: Child protection plan started (Daniel Okafor, 20 June 2025)",
    ]);
    expect(screen.queryByText(/is not answering/)).toBeNull();
  });

  it("says so when nothing is new in the week, sending this week by default", async () => {
    const sent = gateway(async () => ({ body: { data: { safeguardingMeetingList: [] } } }));
    page("?locality=netherby");
    expect(await screen.findByRole("heading", { name: "Nothing new in Netherby this week" })).toBeInTheDocument();
    expect(sent).toEqual([{ locality: "netherby", weekOf: null }]);
  });

  it("names an agency that is not answering, keeping what the others said", async () => {
    gateway(async () => ({
      body: {
        data: { safeguardingMeetingList: [OKAFORS] },
        errors: [
          {
            message: "The maternity system is unavailable, so its information is missing from this answer.",
            path: ["safeguardingMeetingList"],
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
          },
        ],
      },
    }));
    page("?locality=brindleford-central");
    expect(await screen.findByText(/Maternity is not answering/)).toBeInTheDocument();
    expect(screen.getByRole("table")).toBeInTheDocument();
  });

  it("shows the gateway's reason when the list is refused, and checks the date before sending", async () => {
    const sent = gateway(async () => ({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: "The registrar role may not read the list … for registration",
            extensions: { code: "FORBIDDEN" },
          },
        ],
      },
    }));
    const { unmount } = page("?locality=netherby");
    expect(await screen.findByRole("alert")).toHaveTextContent(/may not read the list/);
    unmount();
    page("?locality=netherby&weekOf=next week");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Enter a day of the week as day/month/year, for example 16/06/2025",
    );
    expect(sent).toHaveLength(1);
  });
});
