import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Session } from "../../session";
import { Person } from "../Person";
import UnlinkRecords from "./UnlinkRecords";
import manifest from "../../gql/persisted-documents.json";

/* Unlink on a person's page: only for the data steward; the reason is required, sent with the record; Cancel sends nothing. */

const steward: Session = { token: "t", role: "data-steward", purpose: "direct-care" };

afterEach(() => vi.unstubAllGlobals());

type Sent = { query: string; variables: Record<string, unknown> };

function gateway(...answers: { body: unknown }[]) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    // The app sends a document id: the document is the manifest's, as the gateway resolves it.
    const { documentId, variables } = JSON.parse(String(init.body)) as { documentId: string } & Sent;
    const query = (manifest as Record<string, string>)[documentId];
    sent.push({ query, variables });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request");
    return new Response(JSON.stringify(next.body), { status: 200 });
  });
  return sent;
}

const RECORDS = [
  { agency: "MATERNITY", localId: "MAT-1", linkedBy: "ANCHOR", confidence: 1 },
  { agency: "HEALTH_VISITING", localId: "HV-9", linkedBy: "PROBABILISTIC", confidence: 0.964 },
];
const records = (list: unknown[]) => ({ body: { data: { person: { id: "p-amira", records: list } } } });

function show() {
  return render(<UnlinkRecords session={steward} personId="p-amira" onSignedOut={vi.fn()} />);
}

describe("the linked records with Unlink", () => {
  it("lists each record with why it is linked and an Unlink button naming it", async () => {
    const sent = gateway(records(RECORDS));
    show();
    const table = await screen.findByRole("table", { name: "The agency records linked to this person" });
    expect(sent[0].variables).toEqual({ id: "p-amira" });
    const [, first, second] = within(table).getAllByRole("row");
    expect(first).toHaveTextContent("Maternity record MAT-1");
    expect(first).toHaveTextContent("First record");
    expect(second).toHaveTextContent("Probabilistic match");
    expect(second).toHaveTextContent("96%");
    expect(within(second).getByRole("button", { name: "Unlink Health visiting record HV-9" })).toBeInTheDocument();
  });

  it("offers no Unlink when the person has one record", async () => {
    gateway(records([RECORDS[0]]));
    show();
    await screen.findByRole("table");
    expect(screen.queryByRole("button", { name: /Unlink/ })).toBeNull();
  });

  it("requires a reason, then sends unlink with the person, the record and the note, and names who holds it now", async () => {
    const user = userEvent.setup();
    const sent = gateway(
      records(RECORDS),
      { body: { data: { unlink: { decisions: [{ id: "d-1" }], persons: [{ id: "p-amira" }, { id: "p-hv9" }] } } } },
      records([RECORDS[0]]),
    );
    show();
    await user.click(await screen.findByRole("button", { name: "Unlink Health visiting record HV-9" }));
    const dialog = screen.getByRole("dialog", { name: "Unlink this record from the person?" });
    expect(dialog).toHaveAccessibleDescription(/Health visiting record HV-9 will be recorded as not the same person/);
    await user.click(within(dialog).getByRole("button", { name: "Yes, unlink" }));
    expect(within(dialog).getByText(/Enter reason/)).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    await user.type(within(dialog).getByLabelText("Reason"), "Different date of birth on the red book");
    await user.click(within(dialog).getByRole("button", { name: "Yes, unlink" }));
    const status = await screen.findByText(/Unlinked: Health visiting record HV-9/);
    expect(sent[1].query).toContain("unlink(");
    expect(sent[1].variables).toEqual({
      personId: "p-amira",
      record: { agency: "HEALTH_VISITING", localId: "HV-9" },
      note: "Different date of birth on the red book",
    });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(
      within(status.closest("div")!).getByRole("link", { name: "The person holding it now (p-hv9)" }),
    ).toHaveAttribute("href", "/people/p-hv9");
    await vi.waitFor(() => expect(screen.queryByRole("button", { name: /Unlink/ })).toBeNull());
    expect(sent).toHaveLength(3);
  });

  it("Cancel sends nothing and returns focus to the button", async () => {
    const user = userEvent.setup();
    const sent = gateway(records(RECORDS));
    show();
    const button = await screen.findByRole("button", { name: "Unlink Maternity record MAT-1" });
    await user.click(button);
    await user.type(screen.getByLabelText("Reason"), "second thoughts");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await vi.waitFor(() => expect(button).toHaveFocus());
    expect(sent).toHaveLength(1);
  });

  it("shows a refused unlink (BAD_USER_INPUT) in the dialog as an NHS error summary", async () => {
    const user = userEvent.setup();
    gateway(records(RECORDS), {
      body: {
        data: null,
        errors: [
          { message: "HEALTH_VISITING:HV-9 is not a record of this person.", extensions: { code: "BAD_USER_INPUT" } },
        ],
      },
    });
    show();
    await user.click(await screen.findByRole("button", { name: "Unlink Health visiting record HV-9" }));
    await user.type(screen.getByLabelText("Reason"), "Wrong child");
    await user.click(screen.getByRole("button", { name: "Yes, unlink" }));
    const alert = await within(screen.getByRole("dialog")).findByRole("alert");
    expect(alert).toHaveTextContent("HEALTH_VISITING:HV-9 is not a record of this person.");
  });

  it("shows a refusal to read the records (FORBIDDEN) as an NHS error summary", async () => {
    gateway({
      body: {
        data: { person: null },
        errors: [{ message: "Not given record linkage review.", extensions: { code: "FORBIDDEN" } }],
      },
    });
    show();
    expect(await screen.findByRole("alert")).toHaveTextContent("Not given record linkage review.");
  });
});

describe("on the person page", () => {
  const PERSON = {
    id: "p-amira",
    nhsNumber: "4857773457",
    givenName: "Amira",
    familyName: "Hussain",
    dateOfBirth: "1994-03-12",
    sex: "FEMALE",
    family: null,
    healthVisiting: null,
    maternity: null,
    childrensCentres: null,
    birthRegistration: null,
    childrensSocialCare: null,
  };

  it("shows the linked records to a data steward", async () => {
    const sent = gateway({ body: { data: { person: PERSON } } }, records(RECORDS));
    render(<Person session={steward} id="p-amira" onSignedOut={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Linked records" })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Unlink Maternity record MAT-1" })).toBeInTheDocument();
    expect(sent.map((s) => s.query.match(/query (\w+)/)?.[1])).toEqual(["PersonPage", "PersonRecords"]);
  });

  it("does not offer them to other roles", async () => {
    const sent = gateway({ body: { data: { person: PERSON } } });
    render(<Person session={{ ...steward, role: "front-door" }} id="p-amira" onSignedOut={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Amira Hussain" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Linked records" })).toBeNull();
    expect(sent).toHaveLength(1);
  });
});
