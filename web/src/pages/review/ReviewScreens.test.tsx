import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { saveSession, type Session } from "../../session";
import ReviewScreens from "./ReviewScreens";
import manifest from "../../gql/persisted-documents.json";

/* The data steward's link review: the queue (data, empty, refused, paging), a pair's evidence, and each decision. */

const steward: Session = { token: "t", role: "data-steward", purpose: "direct-care" };

afterEach(() => vi.unstubAllGlobals());
beforeEach(() => history.replaceState(null, "", "/"));

type Sent = { query: string; variables: Record<string, unknown>; headers: Record<string, string> };

/** Answers each request with the next body (and status) given, recording what was sent. */
function gateway(...answers: { body: unknown; status?: number }[]) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    // The app sends a document id: the document is the manifest's, as the gateway resolves it.
    const { documentId, variables } = JSON.parse(String(init.body)) as {
      documentId: string;
      variables: Record<string, unknown>;
    };
    const query = (manifest as Record<string, string>)[documentId];
    sent.push({ query, variables, headers: init.headers as Record<string, string> });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request");
    return new Response(JSON.stringify(next.body), { status: next.status ?? 200 });
  });
  return sent;
}

const record = (agency: string, localId: string, over: Record<string, unknown> = {}) => ({
  agency,
  localId,
  nhsNumber: "4857773457",
  givenName: "Amira",
  familyName: "Hussain",
  dateOfBirth: "1994-03-02",
  sex: "FEMALE",
  postcode: "E1 6AN",
  person: { id: `p-${localId}` },
  ...over,
});

const PAIR = {
  id: "C0123456789abcdef",
  probability: 0.8734,
  recordA: record("MATERNITY", "MAT-1"),
  recordB: record("HEALTH_VISITING", "HV-9", { givenName: "Amirah", nhsNumber: null, postcode: "E1 6AX" }),
  comparisons: [
    { field: "givenName", level: "METAPHONE", weight: 4.25 },
    { field: "familyName", level: "EXACT", weight: 9.1 },
    { field: "dateOfBirth", level: "EXACT", weight: 11 },
    { field: "sex", level: "MISMATCH", weight: -3.04 },
    { field: "postcode", level: "SECTOR", weight: 2.5 },
  ],
};
const OTHER = {
  ...PAIR,
  id: "Cfedcba9876543210",
  probability: 0.61,
  recordA: record("CHILDRENS_CENTRES", "CC-4", { givenName: "Zara", dateOfBirth: "2025-05-16" }),
  recordB: record("REGISTRATION", "R-2", { givenName: "Zarah", dateOfBirth: "2025-05-16" }),
};

const queue = (nodes: unknown[], hasNextPage = false, endCursor: string | null = null, totalCount = nodes.length) => ({
  body: { data: { linkCandidates: { totalCount, pageInfo: { hasNextPage, endCursor }, nodes } } },
});

const FORBIDDEN = {
  body: {
    data: null,
    errors: [
      {
        message: "The front-door role is not given record linkage review for direct-care.",
        extensions: { code: "FORBIDDEN", agency: "family-index" },
      },
    ],
  },
};

const OUTCOME = (field: "confirmLink" | "rejectLink", decision: string) => ({
  body: { data: { [field]: { decisions: [{ id: "d-1", decision }], persons: [{ id: "p-MAT-1" }] } } },
});

function show(pair: string | null, search = "") {
  return render(<ReviewScreens session={steward} pair={pair} search={search} onSignedOut={vi.fn()} />);
}

describe("the link review queue", () => {
  it("lists candidate pairs with both records and the probability, each a link to its review", async () => {
    const sent = gateway(queue([PAIR, OTHER], false, null, 2));
    show(null);
    const table = await screen.findByRole("table", { name: "2 pairs waiting for review, most probable first" });
    expect(sent[0].variables).toEqual({ after: null, first: 20 });
    expect(sent[0].headers["X-Purpose-Of-Access"]).toBe("direct-care");
    expect(sent[0].query).toContain("linkCandidates");
    const [, first, second] = within(table).getAllByRole("row");
    expect(within(first).getByRole("link", { name: "Review Amira Hussain and Amirah Hussain" })).toHaveAttribute(
      "href",
      "/review/pairs/C0123456789abcdef",
    );
    expect(first).toHaveTextContent("Maternity record MAT-1");
    expect(first).toHaveTextContent("Health visiting record HV-9");
    expect(first).toHaveTextContent("87%");
    expect(second).toHaveTextContent("Children's centres record CC-4");
    expect(second).toHaveTextContent("61%");
    expect(screen.queryByRole("link", { name: "Next" })).toBeNull();
  });

  it("pages on by the cursor: Next carries endCursor, and the next page asks with it", async () => {
    gateway(queue([PAIR], true, "C0123456789abcdef", 2));
    const { unmount } = show(null);
    const next = await screen.findByRole("link", { name: "Next" });
    expect(next).toHaveAttribute("href", "/review?after=C0123456789abcdef");
    unmount();
    const sent = gateway(queue([OTHER], false, "Cfedcba9876543210", 2));
    show(null, "?after=C0123456789abcdef");
    await screen.findByRole("link", { name: /Review Zara Hussain/ });
    expect(sent[0].variables).toEqual({ after: "C0123456789abcdef", first: 20 });
    expect(screen.getByRole("link", { name: "Review Zara Hussain and Zarah Hussain" })).toHaveAttribute(
      "href",
      "/review/pairs/Cfedcba9876543210?after=C0123456789abcdef",
    );
  });

  it("says when nothing is waiting", async () => {
    gateway(queue([]));
    show(null);
    expect(await screen.findByRole("heading", { name: "Nothing to review" })).toBeInTheDocument();
    expect(screen.getByText(/No pair of records is waiting for review/)).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("shows the gateway's refusal (FORBIDDEN) as an NHS error summary", async () => {
    gateway(FORBIDDEN);
    show(null);
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "There is a problem" })).toBeInTheDocument();
    expect(alert).toHaveTextContent("The front-door role is not given record linkage review for direct-care.");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("shows a bad cursor (BAD_USER_INPUT) as an NHS error summary", async () => {
    gateway({
      body: {
        data: null,
        errors: [{ message: "after is not a cursor of this queue.", extensions: { code: "BAD_USER_INPUT" } }],
      },
    });
    show(null, "?after=nonsense");
    expect(await screen.findByRole("alert")).toHaveTextContent("after is not a cursor of this queue.");
  });
});

describe("a pair's review", () => {
  it("shows the two records side by side with each field's level as a tag, its weight, and the probability", async () => {
    const sent = gateway(queue([OTHER, PAIR]));
    show(PAIR.id);
    const table = await screen.findByRole("table", { name: "The two records and how each field compared" });
    expect(sent[0].variables).toEqual({ after: null, first: 20 });
    expect(screen.getByText("87%")).toBeInTheDocument();
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual([
      "Field",
      "Maternity record MAT-1",
      "Health visiting record HV-9",
      "Agreement",
      "Weight (bits)",
    ]);
    const row = (name: string) => within(table).getByRole("rowheader", { name }).closest("tr")!;
    const cells = (name: string) =>
      within(row(name))
        .getAllByRole("cell")
        .map((c) => c.textContent);
    expect(cells("Given name")).toEqual(["Amira", "Amirah", "Sounds the same", "+4.3"]);
    expect(within(row("Given name")).getByText("Sounds the same")).toHaveClass("nhsuk-tag", "nhsuk-tag--yellow");
    expect(cells("Family name")).toEqual(["Hussain", "Hussain", "Same", "+9.1"]);
    expect(within(row("Family name")).getByText("Same")).toHaveClass("nhsuk-tag--green");
    expect(cells("Sex")).toEqual(["Female", "Female", "Different", "\u22123.0"]);
    expect(within(row("Sex")).getByText("Different")).toHaveClass("nhsuk-tag--red");
    // Not compared (no NHS number on one side): said so, with no weight.
    expect(cells("NHS number")).toEqual(["485 777 3457", "Not recorded", "Not compared", ""]);
    expect(cells("Date of birth")).toEqual(["2 March 1994", "2 March 1994", "Same", "+11.0"]);
    expect(cells("Postcode")).toEqual(["E1 6AN", "E1 6AX", "Same postcode sector", "+2.5"]);
    expect(
      within(row("Person now")).getByRole("link", { name: "Amira Hussain (the first record's person)" }),
    ).toHaveAttribute("href", "/people/p-MAT-1");
  });

  it("says so when the pair is no longer in the queue", async () => {
    gateway(queue([OTHER]));
    show(PAIR.id);
    expect(await screen.findByRole("heading", { name: "This pair is not in the queue" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Confirm link" })).toBeNull();
  });

  it("shows a refusal of the pair's page as an NHS error summary", async () => {
    gateway(FORBIDDEN);
    show(PAIR.id);
    expect(await screen.findByRole("alert")).toHaveTextContent("not given record linkage review");
  });

  it("Cancel and Escape send nothing and return focus to the button", async () => {
    const user = userEvent.setup();
    const sent = gateway(queue([PAIR]));
    show(PAIR.id);
    const confirm = await screen.findByRole("button", { name: "Confirm link" });
    await user.click(confirm);
    const dialog = screen.getByRole("dialog", { name: "Confirm these records are the same person?" });
    expect(screen.getByLabelText("Note (optional)")).toHaveFocus();
    await user.type(screen.getByLabelText("Note (optional)"), "not sure");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await vi.waitFor(() => expect(confirm).toHaveFocus());
    const reject = screen.getByRole("button", { name: "Not the same person" });
    await user.click(reject);
    expect(screen.getByRole("dialog", { name: "Record that these are not the same person?" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    await vi.waitFor(() => expect(reject).toHaveFocus());
    expect(sent).toHaveLength(1);
  });
});

describe("deciding a pair in the app", () => {
  function signedInAt(path: string) {
    saveSession(steward);
    history.replaceState(null, "", path);
    return render(<App />);
  }

  it("Not the same person sends rejectLink with the candidate id and the note; the pair leaves the queue with a message", async () => {
    const user = userEvent.setup();
    const sent = gateway(queue([PAIR, OTHER]), OUTCOME("rejectLink", "NOT_SAME_PERSON"), queue([OTHER]));
    signedInAt(`/review/pairs/${PAIR.id}`);
    expect(await screen.findByRole("link", { name: "Link review" })).toHaveAttribute("href", "/review");
    await user.click(await screen.findByRole("button", { name: "Not the same person" }));
    const dialog = screen.getByRole("dialog", { name: "Record that these are not the same person?" });
    expect(dialog).toHaveAccessibleDescription(/will never be linked/);
    await user.type(within(dialog).getByLabelText("Note (optional)"), "  Different   mothers, checked with the ward ");
    await user.click(within(dialog).getByRole("button", { name: "Yes, not the same person" }));
    await screen.findByRole("heading", { name: "Link review queue" });
    expect(sent[1].query).toContain("rejectLink");
    expect(sent[1].query).not.toContain("confirmLink");
    expect(sent[1].variables).toEqual({ candidateId: PAIR.id, note: "Different mothers, checked with the ward" });
    expect(location.pathname).toBe("/review");
    expect(screen.getByRole("status")).toHaveTextContent(
      "Recorded: Maternity record MAT-1 and Health visiting record HV-9 are not the same person.",
    );
    await screen.findByRole("link", { name: /Review Zara Hussain/ });
    expect(screen.queryByRole("link", { name: /Review Amira Hussain/ })).toBeNull();
  });

  it("Confirm link sends confirmLink, without a note when none is written", async () => {
    const user = userEvent.setup();
    const sent = gateway(queue([PAIR]), OUTCOME("confirmLink", "SAME_PERSON"), queue([]));
    signedInAt(`/review/pairs/${PAIR.id}?after=C0000000000000000`);
    await user.click(await screen.findByRole("button", { name: "Confirm link" }));
    await user.click(screen.getByRole("button", { name: "Yes, confirm link" }));
    await screen.findByRole("heading", { name: "Nothing to review" });
    expect(sent[0].variables).toEqual({ after: "C0000000000000000", first: 20 });
    expect(sent[1].query).toContain("confirmLink");
    expect(sent[1].variables).toEqual({ candidateId: PAIR.id, note: null });
    expect(location.pathname + location.search).toBe("/review?after=C0000000000000000");
    expect(screen.getByRole("status")).toHaveTextContent(
      "Link confirmed: Maternity record MAT-1 and Health visiting record HV-9",
    );
  });

  it("a refused decision is shown in the dialog and the pair stays", async () => {
    const user = userEvent.setup();
    const sent = gateway(queue([PAIR]), {
      body: {
        data: null,
        errors: [{ message: "A note is at most 2000 characters.", extensions: { code: "BAD_USER_INPUT" } }],
      },
    });
    signedInAt(`/review/pairs/${PAIR.id}`);
    await user.click(await screen.findByRole("button", { name: "Confirm link" }));
    await user.click(screen.getByRole("button", { name: "Yes, confirm link" }));
    const dialog = screen.getByRole("dialog");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("A note is at most 2000 characters.");
    expect(location.pathname).toBe(`/review/pairs/${PAIR.id}`);
    expect(sent).toHaveLength(2);
  });

  it("a note over the limit is refused before anything is sent", async () => {
    const user = userEvent.setup();
    const sent = gateway(queue([PAIR]));
    signedInAt(`/review/pairs/${PAIR.id}`);
    await user.click(await screen.findByRole("button", { name: "Not the same person" }));
    const note = screen.getByLabelText("Note (optional)");
    await act(async () => {
      await user.click(note);
      await user.paste("x".repeat(2001));
    });
    await user.click(screen.getByRole("button", { name: "Yes, not the same person" }));
    expect(screen.getByText(/Note must be 2000 characters or fewer/)).toBeInTheDocument();
    expect(note).toHaveAttribute("aria-invalid", "true");
    expect(sent).toHaveLength(1);
  });

  it("offers Link review in the navigation to the data steward only", async () => {
    gateway(queue([]));
    signedInAt("/review");
    expect(await screen.findByRole("link", { name: "Link review" })).toBeInTheDocument();
  });

  it("offers no Link review to other roles", async () => {
    vi.stubGlobal("fetch", vi.fn());
    saveSession({ ...steward, role: "front-door" });
    history.replaceState(null, "", "/");
    render(<App />);
    expect(await screen.findByRole("navigation", { name: "Main" })).toHaveTextContent("Search");
    expect(screen.queryByRole("link", { name: "Link review" })).toBeNull();
  });
});
