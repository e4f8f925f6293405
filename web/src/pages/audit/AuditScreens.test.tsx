import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { documentIdOf } from "../../api/client";
import type { Session } from "../../session";
import { ReviewBreakGlass } from "./BreakGlassReview";
import AuditScreens from "./AuditScreens";
import { reportArgumentsOf } from "./AccessReport";

/* The IG auditor's screens, each in its states: data, empty and error; and the review that takes an access off the queue. */

const auditor: Session = { token: "t", role: "ig-auditor", purpose: "audit" };

afterEach(() => vi.unstubAllGlobals());

type Sent = { documentId: string; variables: Record<string, unknown>; headers: Record<string, string> };

/** Answers each request with the next body (and status) given, recording what was sent. */
function gateway(...answers: { body: unknown; status?: number }[]) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const { documentId, variables } = JSON.parse(String(init.body)) as {
      documentId: string;
      variables: Record<string, unknown>;
    };
    sent.push({ documentId, variables, headers: init.headers as Record<string, string> });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request");
    return new Response(JSON.stringify(next.body), { status: next.status ?? 200 });
  });
  return sent;
}

const FORBIDDEN = {
  body: {
    data: null,
    errors: [
      {
        message: "The front-door role is not shown the audit trail for safeguarding.",
        extensions: { code: "FORBIDDEN", agency: "audit" },
      },
    ],
  },
};

const EVENT = {
  eventId: "e-1",
  personId: "p-zara",
  occurredAt: "2026-03-12T14:05:09.000Z",
  actor: "dev-safeguarding-lead",
  role: "safeguarding-lead",
  organisation: "dev-council",
  purpose: "safeguarding",
  agencies: ["health-visiting", "maternity", "childrens-centres"],
  denied: [],
  outcome: "RETURNED",
  breakGlassReason: "Police strategy meeting in one hour",
  awaitingReview: true,
  breakGlassReview: null,
};

function show(screenName: "trail" | "access-report" | "break-glass" | "home", search = "") {
  return render(<AuditScreens session={auditor} screen={screenName} search={search} onSignedOut={vi.fn()} />);
}

describe("who has seen this record", () => {
  it("shows every read with who, role, organisation, purpose, agencies and the break-glass reason flagged", async () => {
    const plain = {
      ...EVENT,
      eventId: "e-2",
      actor: "dev-front-door",
      role: "front-door",
      purpose: "direct-care",
      agencies: [],
      breakGlassReason: null,
      awaitingReview: false,
    };
    const sent = gateway({ body: { data: { auditTrail: [EVENT, plain] } } });
    show("trail", "?person=p-zara");
    const table = await screen.findByRole("table", { name: "2 reads, newest first" });
    expect(sent[0].variables).toEqual({ personId: "p-zara", first: 100 });
    expect(sent[0].headers["X-Purpose-Of-Access"]).toBe("audit");
    expect(screen.getByLabelText("Person id")).toHaveValue("p-zara");
    const [, glass, normal] = within(table).getAllByRole("row");
    expect(
      within(glass)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "12 March 2026, 14:05 UTC",
      "dev-safeguarding-lead",
      "Safeguarding lead",
      "dev-council",
      "Safeguarding",
      "Health visiting, Maternity, Children's centres",
      "Returned",
      "Break glass Awaiting reviewReason: Police strategy meeting in one hour",
    ]);
    expect(within(normal).getAllByRole("cell").at(-1)).toHaveTextContent(/^No$/);
  });

  it("says when no read is recorded", async () => {
    gateway({ body: { data: { auditTrail: [] } } });
    show("trail", "?person=p-nobody");
    expect(await screen.findByRole("heading", { name: "No reads recorded" })).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("shows the gateway's refusal", async () => {
    gateway(FORBIDDEN);
    show("trail", "?person=p-zara");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The front-door role is not shown the audit trail for safeguarding.",
    );
  });

  it("asks for the person id before asking the gateway", async () => {
    const sent = gateway();
    show("trail");
    await userEvent.setup().click(screen.getByRole("button", { name: "Show who has seen this record" }));
    expect(screen.getByLabelText("Person id")).toHaveAccessibleDescription(/Error: Enter the person id/);
    expect(sent).toHaveLength(0);
  });
});

describe("the access report", () => {
  const REPORT = {
    actor: "dev-health-visitor",
    reads: 3,
    people: [
      {
        personId: "p-zara",
        reads: 3,
        firstAt: "2026-03-01T09:00:00.000Z",
        lastAt: "2026-03-02T10:30:00.000Z",
        agencies: ["health-visiting"],
        purposes: ["direct-care"],
        outcomes: ["RETURNED", "PARTIALLY_DENIED"],
      },
    ],
  };

  it("sends the period from midnight UTC of the start date to the end of the end date, and shows each person read", async () => {
    const sent = gateway({ body: { data: { accessReport: REPORT } } });
    show("access-report", "?actor=dev-health-visitor&from=1%2F3%2F2026&to=31%2F3%2F2026");
    expect(await screen.findByRole("heading", { name: "3 reads of 1 person" })).toBeInTheDocument();
    expect(sent[0].variables).toEqual({
      actor: "dev-health-visitor",
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
    });
    const row = within(screen.getByRole("table")).getAllByRole("row")[1];
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "p-zara",
      "3",
      "1 March 2026, 09:00 UTC",
      "2 March 2026, 10:30 UTC",
      "Health visiting",
      "Direct care",
      "Returned, Partially denied",
    ]);
    expect(within(row).getByRole("link", { name: "p-zara" })).toHaveAttribute("href", "/audit/trail?person=p-zara");
  });

  it("says when the user read no one in the period", async () => {
    gateway({ body: { data: { accessReport: { ...REPORT, reads: 0, people: [] } } } });
    show("access-report", "?actor=dev-health-visitor&from=2026-03-01&to=2026-03-31");
    expect(await screen.findByRole("heading", { name: "No reads in this period" })).toBeInTheDocument();
  });

  it("shows the gateway's refusal", async () => {
    gateway(FORBIDDEN);
    show("access-report", "?actor=dev-health-visitor&from=2026-03-01&to=2026-03-31");
    expect(await screen.findByRole("alert")).toHaveTextContent("not shown the audit trail");
  });

  it("checks the fields and the 366-day limit before asking", async () => {
    const sent = gateway();
    show("access-report");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Show the report" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Enter the user's idEnter the start dateEnter the end date");
    await user.type(screen.getByLabelText("User"), "dev-health-visitor");
    await user.type(screen.getByLabelText("Start date"), "1/1/2025");
    await user.type(screen.getByLabelText("End date"), "2/1/2026");
    await user.click(screen.getByRole("button", { name: "Show the report" }));
    expect(screen.getByLabelText("End date")).toHaveAccessibleDescription(
      /Error: The period must be 366 days or fewer: this one is 367 days/,
    );
    expect(sent).toHaveLength(0);
  });

  it("reportArgumentsOf: 366 days is allowed, a day that does not exist and an end before the start are not", () => {
    expect(reportArgumentsOf({ actor: "a", from: "2024-01-01", to: "2024-12-31" })).toEqual({
      variables: { actor: "a", from: "2024-01-01T00:00:00.000Z", to: "2025-01-01T00:00:00.000Z" },
    });
    expect(reportArgumentsOf({ actor: "a", from: "31/2/2026", to: "1/3/2026" })).toEqual({
      errors: { from: "Start date must be a real date, for example 1/3/2026" },
    });
    expect(reportArgumentsOf({ actor: "a", from: "2/3/2026", to: "1/3/2026" })).toEqual({
      errors: { to: "End date must be the same as or after the start date" },
    });
  });
});

describe("the break-glass review queue", () => {
  it("shows each access with its reason and, once reviewed, takes it off the queue", async () => {
    const second = {
      ...EVENT,
      eventId: "e-2",
      actor: "dev-health-visitor",
      role: "health-visitor",
      breakGlassReason: "Called by A&E about bruising",
    };
    const sent = gateway(
      { body: { data: { breakGlassQueue: [EVENT, second] } } },
      { body: { data: { reviewBreakGlass: { eventId: "e-1", verdict: "INAPPROPRIATE" } } } },
    );
    show("break-glass");
    expect(await screen.findByRole("heading", { name: "2 waiting for review, oldest first" })).toBeInTheDocument();
    expect(sent[0].variables).toEqual({ first: 100 });
    const item = screen.getByRole("region", { name: /^dev-safeguarding-lead \(Safeguarding lead\)/ });
    expect(item).toHaveTextContent("Reason givenPolice strategy meeting in one hour");
    expect(within(item).getByRole("link", { name: /Who has seen this record/ })).toHaveAttribute(
      "href",
      "/audit/trail?person=p-zara",
    );
    const user = userEvent.setup();
    await user.click(within(item).getByRole("radio", { name: "Inappropriate" }));
    await user.type(within(item).getByLabelText("Note (optional)"), "No meeting was booked");
    await user.click(within(item).getByRole("button", { name: "Record review" }));
    await vi.waitFor(() => expect(screen.queryByRole("region", { name: /^dev-safeguarding-lead/ })).toBeNull());
    expect(sent[1].variables).toEqual({ eventId: "e-1", verdict: "INAPPROPRIATE", note: "No meeting was booked" });
    expect(sent[1].documentId).toBe(documentIdOf(ReviewBreakGlass));
    expect(screen.getByRole("status")).toHaveTextContent("Review recorded: the access by dev-safeguarding-lead");
    expect(screen.getByRole("heading", { name: "1 waiting for review, oldest first" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: /^dev-health-visitor/ })).toBeInTheDocument();
  });

  it("asks for an outcome, and keeps the access on the queue when the gateway refuses the review", async () => {
    const sent = gateway(
      { body: { data: { breakGlassQueue: [EVENT] } } },
      {
        body: {
          data: null,
          errors: [{ message: "You may not review your own break-glass access.", extensions: { code: "FORBIDDEN" } }],
        },
      },
    );
    show("break-glass");
    const item = await screen.findByRole("region", { name: /^dev-safeguarding-lead/ });
    const user = userEvent.setup();
    await user.click(within(item).getByRole("button", { name: "Record review" }));
    expect(within(item).getByRole("group", { name: "Outcome" })).toHaveAccessibleDescription(
      /Error: Select whether the access was appropriate/,
    );
    expect(sent).toHaveLength(1);
    await user.click(within(item).getByRole("radio", { name: "Appropriate" }));
    await user.click(within(item).getByRole("button", { name: "Record review" }));
    expect(await within(item).findByRole("alert")).toHaveTextContent("You may not review your own break-glass access.");
    expect(sent[1].variables).toEqual({ eventId: "e-1", verdict: "APPROPRIATE", note: null });
    expect(screen.getByRole("region", { name: /^dev-safeguarding-lead/ })).toBeInTheDocument();
  });

  it("says when nothing waits for review", async () => {
    gateway({ body: { data: { breakGlassQueue: [] } } });
    show("break-glass");
    expect(await screen.findByRole("heading", { name: "Nothing to review" })).toBeInTheDocument();
  });

  it("shows the gateway's refusal of the queue", async () => {
    gateway({
      status: 403,
      body: {
        errors: [
          { message: "The front-door role may not access records for audit.", extensions: { code: "FORBIDDEN" } },
        ],
      },
    });
    show("break-glass");
    expect(await screen.findByRole("alert")).toHaveTextContent("The front-door role may not access records for audit.");
  });
});

describe("the audit home", () => {
  it("links the three screens", () => {
    show("home");
    expect(screen.getByRole("link", { name: "Break-glass review" })).toHaveAttribute("href", "/audit/break-glass");
    expect(screen.getByRole("link", { name: "Who has seen this record" })).toHaveAttribute("href", "/audit/trail");
    expect(screen.getByRole("link", { name: "Access report" })).toHaveAttribute("href", "/audit/access-report");
  });
});
