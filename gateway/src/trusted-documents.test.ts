import { buildSubgraphSchema } from "@apollo/subgraph";
import { execute, parse } from "graphql";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createLogger } from "@ffd/shared";
import { startTestGateway, type TestGateway } from "../../tests/support/gateway";
import { captureOutput, type CapturedOutput } from "../../tests/support/output";
import { documentIdOf, loadTrustedDocuments, ManifestError, MANIFEST_FILE, parseManifest } from "./trusted-documents";

/*
 * Issue 9, point 7: the staff app's operations by id. The gateway in-process (port 0) reads the
 * app's committed manifest from a build folder, in front of a fake family index answering the
 * search over its committed schema; the audit trail is the test gateway's in-memory store.
 */

const root = path.join(__dirname, "..", "..");
const MANIFEST = fs.readFileSync(path.join(root, "web", "src", "gql", MANIFEST_FILE), "utf8");
const manifest = JSON.parse(MANIFEST) as Record<string, string>;
const [searchId, searchDocument] = Object.entries(manifest).find(([, d]) => d.startsWith("query SearchPeople"))!;
const SECRET_NAME = "Qwertyuiop";

const PEOPLE = [
  { id: "p1", givenName: "Amira", familyName: "Hussain" },
  { id: "p2", givenName: "Zara", familyName: "Hussain" },
];

async function fakeFamilyIndex(): Promise<http.Server> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(fs.readFileSync(path.join(root, "subgraphs", "family-index", "schema.graphql"), "utf8")),
    resolvers: {
      Query: {
        searchPeople: () => PEOPLE.map((person) => ({ person, score: 0.9, matchedOn: ["familyName:exact"] })),
      },
      Person: { dateOfBirth: () => "2025-01-02", postcode: () => "DY1 4QT" },
    } as never,
  });
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      const body = JSON.parse(raw);
      const result = await execute({ schema, document: parse(body.query), variableValues: body.variables });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

describe("persisted (trusted) documents", () => {
  let gw: TestGateway;
  let index: http.Server;
  let dir: string;
  let output: CapturedOutput;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-web-"));
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), MANIFEST);
    index = await fakeFamilyIndex();
    output = captureOutput();
    gw = await startTestGateway("development", createLogger("gateway", "debug"), {
      subgraphs: { "family-index": `http://127.0.0.1:${(index.address() as AddressInfo).port}` },
      env: { WEB_APP_DIR: dir },
    });
  });
  afterAll(async () => {
    await gw.stop();
    output.restore();
    await new Promise((r) => index.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${gw.origin}/graphql`, {
      method: "POST",
      headers: { ...(await gw.authHeaders()), "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
    };
  }

  /** The audit events one request wrote, without what differs between any two requests. */
  async function auditedFor(requestBody: unknown, headers: Record<string, string> = {}) {
    const all = async () => [
      ...(await gw.auditStore.trailForPerson("p1")),
      ...(await gw.auditStore.trailForPerson("p2")),
    ];
    const before = new Set((await all()).map((e) => e.eventId));
    const answer = await post(requestBody, headers);
    const events = (await all())
      .filter((e) => !before.has(e.eventId))
      .map(({ eventId: _e, occurredAt: _o, requestId: _r, seq: _s, hash: _h, prevHash: _p, ...rest }) => rest)
      .sort((a, b) => a.personId.localeCompare(b.personId));
    return { answer, events };
  }

  const search = { query: { familyName: SECRET_NAME } };

  it("answers a known id from the app with the manifest's document, and audits it exactly as the text", async () => {
    const byText = await auditedFor({ query: searchDocument, variables: search });
    const byId = await auditedFor(
      { documentId: searchId, variables: search },
      { "apollographql-client-name": "ffd-web" },
    );
    expect(byId.answer.status).toBe(200);
    expect(byId.answer.body.errors).toBeUndefined();
    expect(byId.answer.body.data).toEqual(byText.answer.body.data);
    expect(byId.answer.body.data).toEqual({
      searchPeople: PEOPLE.map((p) => ({
        score: 0.9,
        matchedOn: ["familyName:exact"],
        person: { ...p, dateOfBirth: "2025-01-02", postcode: "DY1 4QT" },
      })),
    });
    // One event per person read, the same events as for the text.
    expect(byId.events).toEqual(byText.events);
    expect(byId.events).toEqual([
      expect.objectContaining({ personId: "p1", operationName: "SearchPeople", actor: "user-1", outcome: "returned" }),
      expect.objectContaining({ personId: "p2", operationName: "SearchPeople", actor: "user-1", outcome: "returned" }),
    ]);
  });

  it("also takes the id as Apollo's persistedQuery extension", async () => {
    const { status, body } = await post({
      variables: search,
      extensions: { persistedQuery: { version: 1, sha256Hash: searchId.replace(/^sha256:/, "") } },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ searchPeople: expect.any(Array) });
  });

  it("checks the resolved document's input like the text's (the input bounds apply)", async () => {
    const tooLong = { query: { familyName: "x".repeat(5000) } };
    const byText = await post({ query: searchDocument, variables: tooLong });
    const byId = await post({ documentId: searchId, variables: tooLong }, { "apollographql-client-name": "ffd-web" });
    expect(byText.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(byId).toEqual(byText);
  });

  it("refuses an unknown id (400 PERSISTED_QUERY_NOT_FOUND) and logs nothing of the body", async () => {
    const unknown = documentIdOf(`query Unknown { __typename } # ${SECRET_NAME}`);
    const before = output.writes.length;
    for (const headers of [{ "apollographql-client-name": "ffd-web" }, {}] as Record<string, string>[]) {
      const { status, body } = await post({ documentId: unknown, variables: search }, headers);
      expect(status).toBe(400);
      expect(body).toEqual({
        errors: [
          {
            message: expect.stringMatching(/does not know that document id/),
            extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
          },
        ],
      });
    }
    const logged = output.writes.slice(before).join("\n");
    expect(logged).toMatch(/trusted_documents\.unknown/);
    expect(logged).not.toContain(SECRET_NAME);
    expect(logged).not.toContain(unknown.slice(7, 20));
  });

  it("refuses query text from a request naming itself the app, even a document in the manifest", async () => {
    for (const body of [
      { query: searchDocument, variables: search },
      { query: searchDocument, documentId: searchId, variables: search },
      { query: "{ __typename }" },
    ]) {
      const answer = await post(body, { "apollographql-client-name": "FFD-Web " });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        {
          message: expect.stringMatching(/sends operations by document id only/),
          extensions: { code: "PERSISTED_QUERY_REQUIRED" },
        },
      ]);
    }
    const get = await fetch(`${gw.origin}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { ...(await gw.authHeaders()), accept: "application/json", "apollographql-client-name": "ffd-web" },
    });
    expect(get.status).toBe(400);
  });

  it("answers query text from other clients as before, without registering an id", async () => {
    const other = await post({ query: "query Mine { __typename }" }, { "apollographql-client-name": "graphiql" });
    expect(other).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
    const plain = await post({ query: "{ __typename }" });
    expect(plain).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
    // Apollo's automatic persisted queries, second try: the text runs; the id is not remembered.
    const text = "query Registered { __typename }";
    const hash = documentIdOf(text).slice(7);
    const withText = await post({ query: text, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(withText).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
    const idOnly = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(idOnly.status).toBe(400);
    expect(idOnly.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("the manifest", () => {
  const silent = createLogger("gateway", "silent");

  it("is loaded from the app's build folder, every entry checked against its hash", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-web-"));
    try {
      fs.writeFileSync(path.join(dir, MANIFEST_FILE), MANIFEST);
      const documents = loadTrustedDocuments(dir, silent);
      expect(documents.size).toBe(Object.keys(manifest).length);
      expect(documents.get(searchId)).toBe(searchDocument);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is empty when the app is not built (the app's ids are then refused)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-web-"));
    try {
      expect(loadTrustedDocuments(dir, silent).size).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is refused when an entry does not hash to its id, or is not an object of ids to documents", () => {
    const tampered = JSON.stringify({ [searchId]: searchDocument.replace("score", "score matchedOn") });
    expect(() => parseManifest(tampered, "m.json")).toThrow(ManifestError);
    expect(() => parseManifest(tampered, "m.json")).toThrow(/does not hash to that id/);
    expect(() => parseManifest("[]", "m.json")).toThrow(/not an object/);
    expect(() => parseManifest("{", "m.json")).toThrow(/not JSON/);
    expect(() => parseManifest(JSON.stringify({ abc: "{ __typename }" }), "m.json")).toThrow(/sha256/);
  });

  it("ids each document as the codegen does (sha256 of its text)", () => {
    for (const [id, document] of Object.entries(manifest)) expect(documentIdOf(document)).toBe(id);
  });
});
