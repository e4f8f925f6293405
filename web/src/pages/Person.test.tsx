import { render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../session";
import { Person } from "./Person";

/* The person page from one answer: identity, the family as links, and each agency's panel in its own state. */

const session: Session = { token: "t", role: "front-door", purpose: "direct-care" };

afterEach(() => vi.unstubAllGlobals());

function answer(body: unknown) {
  const sent: string[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    sent.push(String(init.body));
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return sent;
}

const AMIRA = {
  id: "p-amira",
  nhsNumber: "4857773457",
  givenName: "Amira",
  familyName: "Hussain",
  dateOfBirth: "1994-03-12",
  sex: "FEMALE",
  family: {
    id: "f-1",
    members: [
      {
        relationship: "MOTHER",
        person: { id: "p-amira", givenName: "Amira", familyName: "Hussain", dateOfBirth: "1994-03-12" },
      },
      {
        relationship: "CHILD",
        person: { id: "p-zara", givenName: "Zara", familyName: "Hussain", dateOfBirth: "2025-05-16" },
      },
    ],
  },
  healthVisiting: {
    clientType: "PARENT_OR_CARER",
    team: "Central",
    namedHealthVisitor: "Sagal Doyle",
    base: "Market Street Family Hub",
    onCaseloadSince: "2025-01-09",
    expectedDeliveryDate: null,
    breastfeedingAtSixToEightWeeks: null,
    mandatedReviews: [],
  },
  maternity: null,
  childrensCentres: null,
  birthRegistration: null,
  childrensSocialCare: null,
};

describe("the person page", () => {
  it("shows identity, the family as links and every panel, with the one agency that is down named", async () => {
    const sent = answer({
      data: { person: AMIRA },
      errors: [
        {
          message:
            "The maternity system is unavailable, so its information is missing from this answer. Try again later.",
          path: ["person", "maternity"],
          extensions: { code: "AGENCY_UNAVAILABLE", agency: "maternity" },
        },
      ],
    });
    render(<Person session={session} id="p-amira" onSignedOut={vi.fn()} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Amira Hussain" })).toBeInTheDocument();
    expect(JSON.parse(sent[0]).variables).toEqual({ id: "p-amira" });
    expect(screen.getByText("485 777 3457")).toBeInTheDocument();
    const family = screen.getByRole("region", { name: "Family" });
    expect(within(family).getByRole("link", { name: "Zara Hussain" })).toHaveAttribute("href", "/people/p-zara");
    expect(within(family).getByText("Amira Hussain (this person)")).toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: "Maternity" })).getByText(
        /Maternity system is not answering: its information is missing from this page/,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: "Health visiting" })).getByText("Sagal Doyle"),
    ).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Children's centres" })).toHaveTextContent(
      "holds no record of this person",
    );
    // The chronology is built from the same answer: no request of its own.
    const chronology = screen.getByRole("region", { name: "Chronology" });
    const events = within(chronology).getByRole("list", { name: "Chronology" });
    expect(within(events).getByRole("listitem")).toHaveTextContent(
      "9 January 2025Health visitingJoined the health visiting caseload",
    );
    expect(chronology).toHaveTextContent("Maternity: Maternity system is not answering: its events are missing.");
    expect(sent).toHaveLength(1);
  });

  it("says the family is not visible, with the reason, when the role may not see it", async () => {
    const reason = "The registrar role is not shown the person's family for registration.";
    answer({
      data: { person: { ...AMIRA, family: null } },
      errors: [{ message: reason, path: ["person", "family"], extensions: { code: "FORBIDDEN" } }],
    });
    render(<Person session={session} id="p-amira" onSignedOut={vi.fn()} />);
    const family = await screen.findByRole("region", { name: "Family" });
    expect(family).toHaveTextContent(`Not visible to your role for this purpose. ${reason}`);
  });

  it("says so when no one has the id", async () => {
    answer({ data: { person: null } });
    render(<Person session={session} id="p-nobody" onSignedOut={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Person not found" })).toBeInTheDocument();
  });
});
