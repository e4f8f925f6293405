import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Person } from "../pages/Person";
import type { Session } from "../session";
import { checkReason } from "./BreakGlassDialog";

/* Break-glass on the person page: the button where the policy allows it, the dialog's rules, and the header sent for that view only. */

const lead: Session = { token: "t", role: "safeguarding-lead", purpose: "safeguarding" };

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const ZARA = {
  id: "p-zara",
  nhsNumber: "9434765919",
  givenName: "Zara",
  familyName: "Hussain",
  dateOfBirth: "2025-05-16",
  sex: "FEMALE",
  family: null,
  healthVisiting: null,
  maternity: null,
  childrensCentres: null,
  birthRegistration: null,
};

/** Answers every request with Zara, recording the headers each was sent with. */
function stubGateway() {
  const sent: { headers: Record<string, string>; variables: unknown }[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { variables: { id: string } };
    sent.push({ headers: init.headers as Record<string, string>, variables: body.variables });
    return new Response(JSON.stringify({ data: { person: { ...ZARA, id: body.variables.id } } }), { status: 200 });
  });
  return sent;
}

async function openDialog() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "See full record (break glass)" }));
  const dialog = screen.getByRole("dialog", { name: "See the full record (break glass)" });
  return { user, dialog };
}

describe("break-glass on the person page", () => {
  it("is offered only where the policy has detail a relationship would open", async () => {
    stubGateway();
    const { unmount } = render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    expect(await screen.findByRole("button", { name: "See full record (break glass)" })).toBeInTheDocument();
    unmount();
    // Front door for direct care sees summaries only: a relationship would open nothing more.
    render(
      <Person session={{ token: "t", role: "front-door", purpose: "direct-care" }} id="p-zara" onSignedOut={vi.fn()} />,
    );
    await screen.findByRole("heading", { level: 1, name: "Zara Hussain" });
    expect(screen.queryByRole("button", { name: /break glass/ })).toBeNull();
  });

  it("opens a labelled modal dialog with the warning, focus in the reason", async () => {
    stubGateway();
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { dialog } = await openDialog();
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription(/information governance auditor reviews every break-glass access/);
    expect(within(dialog).getByText("This access is recorded and reviewed")).toBeInTheDocument();
    const reason = within(dialog).getByLabelText("Why do you need to see the full record?");
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(/Write between 10 and 1000 characters/);
  });

  it("refuses a reason that is missing or too short, in the NHS error style, and sends nothing", async () => {
    const sent = stubGateway();
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { user, dialog } = await openDialog();
    const confirm = within(dialog).getByRole("button", { name: "Break glass and see the full record" });
    await user.click(confirm);
    const reason = within(dialog).getByLabelText("Why do you need to see the full record?");
    expect(reason).toHaveAccessibleDescription(/Error: Enter why you need to see the full record/);
    await user.type(reason, "  urgent   ");
    await user.click(confirm);
    expect(within(dialog).getByText("Reason must be 10 characters or more")).toHaveClass("nhsuk-error-message");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveClass("nhsuk-textarea--error");
    expect(reason).toHaveFocus();
    expect(sent).toHaveLength(1);
    expect(sent[0].headers["X-Break-Glass-Reason"]).toBeUndefined();
  });

  it("refuses a reason over 1000 characters", async () => {
    const sent = stubGateway();
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { user, dialog } = await openDialog();
    const reason = within(dialog).getByLabelText("Why do you need to see the full record?");
    fireEvent.change(reason, { target: { value: "a".repeat(1001) } });
    await user.click(within(dialog).getByRole("button", { name: "Break glass and see the full record" }));
    expect(reason).toHaveAccessibleDescription(/Error: Reason must be 1000 characters or fewer/);
    expect(sent).toHaveLength(1);
  });

  it("on confirm reloads the page with X-Break-Glass-Reason and says it is a break-glass view", async () => {
    const sent = stubGateway();
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { user, dialog } = await openDialog();
    await user.type(
      within(dialog).getByLabelText("Why do you need to see the full record?"),
      "Police  strategy\nmeeting in one hour",
    );
    await user.click(within(dialog).getByRole("button", { name: "Break glass and see the full record" }));
    const banner = await screen.findByRole("region", { name: "Break-glass view" });
    expect(banner).toHaveTextContent("Your reason: Police strategy meeting in one hour");
    expect(banner).toHaveFocus();
    expect(screen.queryByRole("dialog")).toBeNull();
    await screen.findByRole("heading", { level: 1, name: "Zara Hussain" });
    expect(sent).toHaveLength(2);
    expect(sent[1].headers["X-Break-Glass-Reason"]).toBe("Police strategy meeting in one hour");
    expect(sent[1].headers["X-Purpose-Of-Access"]).toBe("safeguarding");
    expect(screen.queryByRole("button", { name: "See full record (break glass)" })).toBeNull();
    // Never kept anywhere that outlives the view.
    expect(JSON.stringify({ ...sessionStorage })).not.toContain("Police");
    expect(JSON.stringify({ ...localStorage })).not.toContain("Police");
  });

  it("holds for that view only: another person, or returning to normal access, sends no reason", async () => {
    const sent = stubGateway();
    const { rerender } = render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { user, dialog } = await openDialog();
    await user.type(
      within(dialog).getByLabelText("Why do you need to see the full record?"),
      "Section 47 enquiry today",
    );
    await user.click(within(dialog).getByRole("button", { name: "Break glass and see the full record" }));
    await screen.findByRole("region", { name: "Break-glass view" });
    await screen.findByRole("heading", { level: 1, name: "Zara Hussain" });
    rerender(<Person session={lead} id="p-amira" onSignedOut={vi.fn()} />);
    await screen.findByRole("button", { name: "See full record (break glass)" });
    expect(sent.map((s) => [s.variables, s.headers["X-Break-Glass-Reason"]])).toEqual([
      [{ id: "p-zara" }, undefined],
      [{ id: "p-zara" }, "Section 47 enquiry today"],
      [{ id: "p-amira" }, undefined],
    ]);
    expect(screen.queryByRole("region", { name: "Break-glass view" })).toBeNull();
    // Back on Zara's page: normal access again.
    rerender(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    await screen.findByRole("button", { name: "See full record (break glass)" });
    expect(sent[3]).toEqual({
      variables: { id: "p-zara" },
      headers: expect.not.objectContaining({ "X-Break-Glass-Reason": expect.anything() }),
    });
  });

  it("cancel and Escape close the dialog, send nothing and return focus to the button", async () => {
    const sent = stubGateway();
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    let { user, dialog } = await openDialog();
    await user.type(
      within(dialog).getByLabelText("Why do you need to see the full record?"),
      "Just checking the record",
    );
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    const opener = screen.getByRole("button", { name: "See full record (break glass)" });
    await vi.waitFor(() => expect(opener).toHaveFocus());
    ({ user, dialog } = await openDialog());
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    await vi.waitFor(() => expect(opener).toHaveFocus());
    expect(sent).toHaveLength(1);
    expect(screen.queryByRole("region", { name: "Break-glass view" })).toBeNull();
  });

  it("keeps focus inside the dialog: Tab and Shift+Tab wrap", async () => {
    stubGateway();
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { user, dialog } = await openDialog();
    const reason = within(dialog).getByLabelText("Why do you need to see the full record?");
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    await user.tab();
    expect(within(dialog).getByRole("button", { name: "Break glass and see the full record" })).toHaveFocus();
    await user.tab();
    expect(cancel).toHaveFocus();
    await user.tab();
    expect(reason).toHaveFocus();
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();
  });
});

describe("when the gateway refuses break-glass", () => {
  it("shows its reason with the way back to normal access, which asks again without the header", async () => {
    const sent: Record<string, string>[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      sent.push(headers);
      if (headers["X-Break-Glass-Reason"]) {
        const message =
          "Break-glass gives the safeguarding-lead role nothing more for early-help: it only opens full detail where the policy asks for a relationship with the family.";
        return new Response(JSON.stringify({ errors: [{ message, extensions: { code: "FORBIDDEN" } }] }), {
          status: 403,
        });
      }
      return new Response(JSON.stringify({ data: { person: ZARA } }), { status: 200 });
    });
    render(<Person session={lead} id="p-zara" onSignedOut={vi.fn()} />);
    const { user, dialog } = await openDialog();
    await user.type(
      within(dialog).getByLabelText("Why do you need to see the full record?"),
      "Section 47 enquiry today",
    );
    await user.click(within(dialog).getByRole("button", { name: "Break glass and see the full record" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Break-glass gives the safeguarding-lead role nothing more",
    );
    await user.click(screen.getByRole("button", { name: "Return to normal access" }));
    await screen.findByRole("heading", { level: 1, name: "Zara Hussain" });
    expect(screen.queryByRole("region", { name: "Break-glass view" })).toBeNull();
    expect(sent.map((h) => h["X-Break-Glass-Reason"])).toEqual([undefined, "Section 47 enquiry today", undefined]);
  });
});

describe("the person page for an IG auditor", () => {
  it("links to who has seen this record, and offers no break-glass", async () => {
    stubGateway();
    render(<Person session={{ token: "t", role: "ig-auditor", purpose: "audit" }} id="p-zara" onSignedOut={vi.fn()} />);
    expect(await screen.findByRole("link", { name: "Who has seen this record" })).toHaveAttribute(
      "href",
      "/audit/trail?person=p-zara",
    );
    expect(screen.queryByRole("button", { name: /break glass/ })).toBeNull();
  });
});

describe("checkReason", () => {
  it("sends typographic punctuation as plain characters, collapsed white space and all", () => {
    expect(checkReason("  Mum\u2019s GP called \u2013 \u201curgent\u201d\n")).toEqual({
      reason: `Mum's GP called - "urgent"`,
    });
  });

  it("refuses what an HTTP header cannot carry and control characters", () => {
    expect(checkReason("Urgent call from school \u{1F6A8}")).toEqual({
      error: "Reason must only use letters, numbers, spaces and punctuation, without emoji or symbols",
    });
    expect(checkReason("Urgent call\u0007 from school")).toEqual({
      error: "Reason must not contain control characters",
    });
  });
});
