import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../session";
import { stubGateway, type Answer } from "../../components/gateway.testing";
import LocalityProfile, { LocalityProfileFigures } from "./LocalityProfile";

/* The 0-5 profile page: a locality's children and centre reach, the review rates beside them, and each state. */

const session: Session = { token: "t0k", role: "data-steward", purpose: "direct-care" };
const LOCALITIES = {
  data: {
    localities: [
      { id: "brindleford-central", name: "Brindleford Central" },
      { id: "netherby", name: "Netherby" },
    ],
  },
};
const reach = (children: number, registered: number) => ({ children, registered, rate: registered / children });
const PROFILE = {
  data: {
    localityProfile: {
      asOf: "2025-06-30",
      birthsFrom: "2024-07-01",
      underFives: 400,
      births: 80,
      reach: reach(400, 300),
      reachMostDeprived: reach(120, 60),
      birthsRegisteredWithCentre: reach(80, 20),
      birthsRegisteredAtCentre: { registered: 40, atCentre: 12, rate: 12 / 40 },
      reviewPerformance: {
        periodStart: "2024-07-01",
        periodEnd: "2025-06-30",
        reviews: [
          { review: "NEW_BIRTH_VISIT", eligible: 40, completedInTime: 35, rate: 35 / 40, nationalRate: 0.85 },
          { review: "ONE_YEAR", eligible: 0, completedInTime: 0, rate: null, nationalRate: 0.75 },
        ],
      },
    },
  },
};
const unavailable = (agency: string, path: string[]) => ({
  message: `The ${agency} system is unavailable, so its information is missing from this answer.`,
  path,
  extensions: { code: "AGENCY_UNAVAILABLE", agency },
});

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

const gateway = (answer: () => Promise<Answer>) => stubGateway(LOCALITIES, LocalityProfileFigures, answer);
const page = (search: string) => render(<LocalityProfile session={session} search={search} onSignedOut={vi.fn()} />);
const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));

describe("the locality 0-5 profile page", () => {
  it("asks for nothing until a locality is chosen, then keeps the choice in the URL", async () => {
    const sent = gateway(async () => ({ body: PROFILE }));
    page("");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Locality"), "Netherby");
    expect(sent).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Show the profile" }));
    expect(location.pathname + location.search).toBe("/work-lists/locality-profile?locality=netherby");
  });

  it("shows the children, the centres' reach and the births, then the review rates beside the national figure", async () => {
    const sent = gateway(async () => ({ body: PROFILE }));
    page("?locality=brindleford-central");
    const children = await screen.findByRole("table", { name: "Children of Brindleford Central on 30 June 2025" });
    expect(sent).toEqual([{ locality: "brindleford-central" }]);
    expect(document.title).toBe("Locality 0-5 profile – Family Front Door");
    expect(cells(children)).toEqual([
      ["Children under 5", "400", "300", "75%"],
      ["Children under 5 in the 30% most deprived areas", "120", "60", "50%"],
      ["Born since 1 July 2024", "80", "20", "25%"],
      ["Births registered since 1 July 2024 at a children's centre", "12 of 40 (30%)", "", ""],
    ]);
    const reviews = screen.getByRole("table", {
      name: "Mandated reviews in Brindleford Central, 1 July 2024 to 30 June 2025",
    });
    expect(cells(reviews)).toEqual([
      ["New birth visit", "40", "35", "88%", "85%"],
      ["1 year review", "0", "0", "No children due", "75%"],
    ]);
  });

  it("says what is not known, not 0%, when the children's centres system was never read, and names it", async () => {
    const { localityProfile } = PROFILE.data;
    gateway(async () => ({
      body: {
        data: {
          localityProfile: {
            ...localityProfile,
            reach: null,
            reachMostDeprived: null,
            birthsRegisteredWithCentre: null,
          },
        },
        errors: ["reach", "reachMostDeprived", "birthsRegisteredWithCentre"].map((f) =>
          unavailable("childrens-centres", ["localityProfile", f]),
        ),
      },
    }));
    page("?locality=netherby");
    const children = await screen.findByRole("table", { name: /Children of Netherby/ });
    expect(cells(children)).toEqual([
      ["Children under 5", "400", "Not known", "Not known"],
      ["Children under 5 in the 30% most deprived areas", "Not known", "Not known", "Not known"],
      ["Born since 1 July 2024", "80", "Not known", "Not known"],
      ["Births registered since 1 July 2024 at a children's centre", "12 of 40 (30%)", "", ""],
    ]);
    expect(screen.getByText(/Children's centres is not answering/)).toBeInTheDocument();
    expect(screen.getByRole("table", { name: /Mandated reviews in Netherby/ })).toBeInTheDocument();
  });

  it("keeps the children's figures and names health visiting when its review rates are missing", async () => {
    gateway(async () => ({
      body: {
        data: { localityProfile: { ...PROFILE.data.localityProfile, reviewPerformance: null } },
        errors: [unavailable("health-visiting", ["localityProfile", "reviewPerformance"])],
      },
    }));
    page("?locality=netherby");
    expect(await screen.findByRole("table", { name: /Children of Netherby/ })).toBeInTheDocument();
    expect(screen.getByText(/Health visiting is not answering/)).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: /Mandated reviews/ })).toBeNull();
  });

  it("says the births registered at a centre are not known, naming registration, when it is down; and none registered is no share", async () => {
    gateway(async () => ({
      body: {
        data: { localityProfile: { ...PROFILE.data.localityProfile, birthsRegisteredAtCentre: null } },
        errors: [unavailable("registration", ["localityProfile", "birthsRegisteredAtCentre"])],
      },
    }));
    const { unmount } = page("?locality=netherby");
    const children = await screen.findByRole("table", { name: /Children of Netherby/ });
    expect(cells(children)[3]).toEqual([
      "Births registered since 1 July 2024 at a children's centre",
      "Not known",
      "",
      "",
    ]);
    expect(cells(children)[2]).toEqual(["Born since 1 July 2024", "80", "20", "25%"]);
    expect(screen.getByText(/Birth registration is not answering/)).toBeInTheDocument();
    unmount();

    gateway(async () => ({
      body: {
        data: {
          localityProfile: {
            ...PROFILE.data.localityProfile,
            birthsRegisteredAtCentre: { registered: 0, atCentre: 0, rate: null },
          },
        },
      },
    }));
    page("?locality=netherby");
    const none = await screen.findByRole("table", { name: /Children of Netherby/ });
    expect(cells(none)[3][1]).toBe("0 of 0 (no births registered)");
  });

  it("shows that the profile is loading, then the gateway's reason when it is refused", async () => {
    let answer!: (v: Answer) => void;
    gateway(() => new Promise((resolve) => (answer = resolve)));
    page("?locality=netherby");
    expect(await screen.findByText("Loading the profile…")).toBeInTheDocument();
    answer({
      body: {
        data: null,
        errors: [
          {
            message:
              "The registrar role may not read the list of figures of a locality's 0-5 profile for registration.",
            extensions: { code: "FORBIDDEN", agency: "family-index" },
          },
        ],
      },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent(/may not read the list of figures/);
    expect(screen.queryByRole("table")).toBeNull();
  });
});
