import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../session";
import { stubGateway, type Answer } from "../../components/gateway.testing";
import ReviewPerformance, { MandatedReviewPerformance } from "./ReviewPerformance";

/* The review performance page: the borough or a locality, the figures beside the national ones, and each state. */

const session: Session = { token: "t0k", role: "safeguarding-lead", purpose: "safeguarding" };
const LOCALITIES = { data: { localities: [{ id: "netherby", name: "Netherby" }] } };
const row = (review: string, eligible: number, completedInTime: number, nationalRate: number | null) => ({
  review,
  eligible,
  completedInTime,
  rate: eligible ? completedInTime / eligible : null,
  nationalRate,
});
const FIGURES = {
  data: {
    mandatedReviewPerformance: {
      periodStart: "2024-07-01",
      periodEnd: "2025-06-30",
      reviews: [
        row("ANTENATAL", 0, 0, null),
        row("NEW_BIRTH_VISIT", 40, 35, 0.85),
        row("SIX_TO_EIGHT_WEEK", 38, 30, 0.8),
        row("ONE_YEAR", 3, 2, 0.75),
        row("TWO_TO_TWO_AND_A_HALF_YEAR", 35, 28, null),
      ],
    },
  },
};

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, "", "/");
});

const gateway = (answer: () => Promise<Answer>) => stubGateway(LOCALITIES, MandatedReviewPerformance, answer);

const page = (search: string) => render(<ReviewPerformance session={session} search={search} onSignedOut={vi.fn()} />);

describe("the review performance page", () => {
  it("shows the borough's figures per review, the rate beside the national figure", async () => {
    const sent = gateway(async () => ({ body: FIGURES }));
    page("");
    const table = await screen.findByRole("table", {
      name: "Mandated reviews in the borough, 1 July 2024 to 30 June 2025",
    });
    expect(sent).toEqual([{ locality: null }]);
    expect(document.title).toBe("Review performance – Family Front Door");
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Antenatal contact", "0", "0", "No children due", "Not published"],
      ["New birth visit", "40", "35", "88%", "85%"],
      ["6-8 week review", "38", "30", "79%", "80%"],
      ["1 year review", "3", "2", "67%", "75%"],
      ["2-2½ year review", "35", "28", "80%", "Not published"],
    ]);
  });

  it("asks for one locality when chosen, keeping it in the URL", async () => {
    const sent = gateway(async () => ({ body: FIGURES }));
    page("");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Area"), "Netherby");
    await user.click(screen.getByRole("button", { name: "Show the figures" }));
    expect(location.pathname + location.search).toBe("/work-lists/review-performance?locality=netherby");
    page("?locality=netherby");
    expect(await screen.findByRole("table", { name: /Mandated reviews in Netherby/ })).toBeInTheDocument();
    expect(sent).toContainEqual({ locality: "netherby" });
  });

  it("shows that the figures are loading, then says so when no review was due", async () => {
    let answer!: (v: { body: unknown }) => void;
    gateway(() => new Promise((resolve) => (answer = resolve)));
    page("?locality=netherby");
    expect(await screen.findByText("Loading the figures…")).toBeInTheDocument();
    const none = FIGURES.data.mandatedReviewPerformance.reviews.map((r) => ({
      ...r,
      eligible: 0,
      completedInTime: 0,
      rate: null,
    }));
    answer({
      body: { data: { mandatedReviewPerformance: { ...FIGURES.data.mandatedReviewPerformance, reviews: none } } },
    });
    expect(await screen.findByRole("heading", { name: "No reviews were due in Netherby" })).toBeInTheDocument();
  });

  it("names an agency that is not answering beside the figures it could give", async () => {
    gateway(async () => ({
      body: {
        ...FIGURES,
        errors: [
          {
            message: "The maternity system is unavailable, so its information is missing from this answer.",
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
          },
        ],
      },
    }));
    page("");
    expect(await screen.findByText(/Maternity is not answering/)).toBeInTheDocument();
    expect(screen.getByRole("table", { name: /Mandated reviews in the borough/ })).toBeInTheDocument();
  });

  it("shows the gateway's reason when the figures are refused or health visiting is down", async () => {
    gateway(async () => ({
      body: {
        data: null,
        errors: [
          {
            message: "The health visiting system is unavailable, so its information is missing from this answer.",
            extensions: { code: "AGENCY_UNAVAILABLE", agency: "health-visiting" },
          },
        ],
      },
    }));
    page("");
    expect(await screen.findByRole("alert")).toHaveTextContent(/health visiting system is unavailable/);
    expect(screen.queryByRole("table")).toBeNull();
  });
});
