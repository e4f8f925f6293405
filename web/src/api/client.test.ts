import { afterEach, describe, expect, it, vi } from "vitest";
import manifest from "../gql/persisted-documents.json";
import { PersonPageDocument, SearchPeopleDocument } from "../gql/graphql";
import type { Session } from "../session";
import { CLIENT_NAME, CLIENT_NAME_HEADER, documentIdOf, execute } from "./client";

/* The app sends each operation by its id in the build's manifest, names itself, and sends no query text. */

const session: Session = { token: "t-1", role: "health-visitor", purpose: "direct-care" };

afterEach(() => vi.unstubAllGlobals());

function recording() {
  const sent: { url: string; body: Record<string, unknown>; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)), headers: init.headers as Record<string, string> });
    return new Response(JSON.stringify({ data: { searchPeople: [] } }), { status: 200 });
  }) as unknown as typeof fetch;
  return { sent, fetchImpl };
}

describe("execute", () => {
  it("sends the document id, the variables and the app's name: no query text", async () => {
    const { sent, fetchImpl } = recording();
    const result = await execute(SearchPeopleDocument, { query: { familyName: "Husain" } }, session, fetchImpl);
    expect(result).toEqual({ data: { searchPeople: [] }, errors: [] });
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe("/graphql");
    expect(sent[0].body).toEqual({
      documentId: documentIdOf(SearchPeopleDocument),
      variables: { query: { familyName: "Husain" } },
    });
    expect((manifest as Record<string, string>)[documentIdOf(SearchPeopleDocument)]).toMatch(/^query SearchPeople\(/);
    expect(Object.keys(sent[0].body)).not.toContain("query");
    expect(JSON.stringify(sent[0].body)).not.toMatch(/searchPeople|PersonSearchInput/);
    expect(sent[0].headers[CLIENT_NAME_HEADER]).toBe(CLIENT_NAME);
    expect(sent[0].headers.authorization).toBe("Bearer t-1");
  });

  it("sends each operation's own id, the one its document has in the manifest", async () => {
    const { sent, fetchImpl } = recording();
    await execute(PersonPageDocument, { id: "p-1" }, session, fetchImpl);
    const id = sent[0].body.documentId as string;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(id).not.toBe(documentIdOf(SearchPeopleDocument));
    expect((manifest as Record<string, string>)[id]).toMatch(/^fragment .* query PersonPage\(\$id: ID!\)/s);
  });

  it("refuses, sending nothing, an operation without an id (codegen not run)", async () => {
    const { sent, fetchImpl } = recording();
    const stale = { toString: () => "query Stale { __typename }" } as unknown as typeof SearchPeopleDocument;
    await expect(execute(stale, { query: {} }, session, fetchImpl)).rejects.toThrow(/no document id/);
    expect(sent).toHaveLength(0);
  });
});

describe("the manifest", () => {
  it("holds exactly the app's operations, one id each, and no query text is left in the documents", () => {
    const documents = Object.values(manifest as Record<string, string>);
    const names = documents.map((d) => /(?:^|\} )(query|mutation) (\w+)/.exec(d)?.[2]).sort();
    expect(names).toEqual([
      "AccessReport",
      "AuditTrail",
      "BreakGlassQueue",
      "ConfirmLink",
      "LinkQueue",
      "Localities",
      "LocalityProfile",
      "MandatedReviewPerformance",
      "MandatedReviewWorklist",
      "NewBirthsNotKnownToCentres",
      "PersonPage",
      "PersonRecords",
      "RejectLink",
      "ReviewBreakGlass",
      "SafeguardingMeetingList",
      "SearchPeople",
      "UnlinkRecord",
    ]);
    expect(String(SearchPeopleDocument)).not.toMatch(/searchPeople/);
  });
});
