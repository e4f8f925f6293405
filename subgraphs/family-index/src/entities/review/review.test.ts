import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { createLogger, maskFormattedError, openPglite, type Caller, type Db } from "@ffd/shared";
import { createContext, type FamilyIndexContext } from "../../context";
import { candidateId } from "../../indexer/candidates";
import { defaultLinker, type IndexLinker } from "../../indexer/indexer";
import { personIdFor } from "../../linkage/ids";
import { buildSchema, createServer, type FamilyIndexServer } from "../../server";
import { startFeeds, testConfig, type Feeds } from "../../testing/harness";
import { storyFeeds } from "../../testing/story.fixture";

const logger = createLogger("family-index", "silent");
const AMIRA_MAT = "maternity:MAT0000001";
const AMIRAH_CC = "childrens-centres:M0000001";
const AMIRA = personIdFor(AMIRA_MAT);
const AMIRAH = personIdFor(AMIRAH_CC);
const ZARA = personIdFor("maternity:BAB0000001");
const STEWARD: Caller = {
  subject: "steward-7",
  role: "data-steward",
  organisation: "DUDLEY",
  centre: null,
  caseload: null,
  purpose: "direct-care",
  breakGlass: false,
};

/**
 * The linkage module's deterministic output, plus one candidate pair whenever both records are present and
 * not already one person (Amira's maternity record and the centres' "Amirah Husain"), so the
 * review workflow is tested whatever the model decides about the story.
 */
const linker: IndexLinker = (sources, options) => {
  const out = defaultLinker(sources, { ...options, probabilistic: false });
  const keys = new Set(sources.map((s) => `${s.agency}:${s.localId}`));
  const personOf = new Map(out.index.records.map((r) => [`${r.agency}:${r.localId}`, r.personId]));
  const extra =
    keys.has(AMIRA_MAT) && keys.has(AMIRAH_CC) && personOf.get(AMIRA_MAT) !== personOf.get(AMIRAH_CC)
      ? [
          {
            a: AMIRA_MAT,
            b: AMIRAH_CC,
            probability: 0.87,
            evidence: [
              { field: "givenName", level: "JARO_WINKLER_92", weight: 4.1 },
              { field: "familyName", level: "METAPHONE", weight: 3.2 },
              { field: "dateOfBirth", level: "EXACT", weight: 8.9 },
            ],
          },
        ]
      : [];
  const others = out.candidates.filter((c) => candidateId(c.a, c.b) !== candidateId(AMIRA_MAT, AMIRAH_CC));
  return { ...out, candidates: [...extra, ...others] };
};

let feeds: Feeds;
let db: Db;
let server: FamilyIndexServer;
let apollo: ApolloServer<FamilyIndexContext>;

async function startServer(): Promise<FamilyIndexServer> {
  const s = createServer({ db, config: testConfig(feeds), logger, linker });
  await s.store.migrate();
  await s.refresh();
  return s;
}

beforeAll(async () => {
  feeds = await startFeeds(storyFeeds());
  db = await openPglite();
  server = await startServer();
  apollo = new ApolloServer<FamilyIndexContext>({
    schema: await buildSchema(),
    formatError: (f) => maskFormattedError(f),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
});
afterAll(async () => {
  await apollo.stop();
  await feeds.stop();
  await db.close();
});

async function run(query: string, variables: Record<string, unknown> = {}, caller: Caller | null = STEWARD) {
  const contextValue = createContext(
    {
      store: server.store,
      indexer: server.indexer,
      logger,
      localities: server.localities,
      referenceDate: server.referenceDate,
    },
    "test-request",
    caller,
  );
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

const CANDIDATES = `query ($first: Int, $after: String) { linkCandidates(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id probability comparisons { field level weight }
    recordA { agency localId nhsNumber givenName familyName dateOfBirth sex postcode person { id } }
    recordB { agency localId nhsNumber givenName familyName dateOfBirth sex postcode person { id } } } } }`;
const OUTCOME = `decisions { id kind decision recordA { agency localId } recordB { agency localId } decidedBy decidedRole decidedAt note probability }
  persons { id givenName records { agency localId linkedBy } }`;
const CONFIRM = `mutation ($id: ID, $a: AgencyRecordInput, $b: AgencyRecordInput, $note: String) { confirmLink(candidateId: $id, recordA: $a, recordB: $b, note: $note) { ${OUTCOME} } }`;
const REJECT = `mutation ($id: ID, $a: AgencyRecordInput, $b: AgencyRecordInput, $note: String) { rejectLink(candidateId: $id, recordA: $a, recordB: $b, note: $note) { ${OUTCOME} } }`;
const UNLINK = `mutation ($p: ID!, $r: AgencyRecordInput!, $note: String) { unlink(personId: $p, record: $r, note: $note) { ${OUTCOME} } }`;
const personOfKey = (s: FamilyIndexServer, key: string) => s.indexer.current()!.personOf.get(key);

describe("who may review", () => {
  const ops: [string, string, Record<string, unknown>][] = [
    ["linkCandidates", CANDIDATES, {}],
    [
      "confirmLink",
      CONFIRM,
      { a: { agency: "MATERNITY", localId: "MAT0000001" }, b: { agency: "CHILDRENS_CENTRES", localId: "M0000001" } },
    ],
    [
      "rejectLink",
      REJECT,
      { a: { agency: "MATERNITY", localId: "MAT0000001" }, b: { agency: "CHILDRENS_CENTRES", localId: "M0000001" } },
    ],
    ["unlink", UNLINK, { p: ZARA, r: { agency: "CHILDRENS_CENTRES", localId: "M0000002" } }],
  ];
  it.each(ops)(
    "%s: UNAUTHENTICATED with no caller, FORBIDDEN for another role or a steward stating no purpose, and nothing recorded",
    async (_n, q, v) => {
      const none = await run(q, v, null);
      expect(none.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      const hv = await run(q, v, { ...STEWARD, role: "health-visitor" });
      expect(hv.errors?.[0]).toMatchObject({
        message: "The health-visitor role is not shown record linkage review for direct-care.",
        extensions: { code: "FORBIDDEN", agency: "family-index" },
      });
      const noPurpose = await run(q, v, { ...STEWARD, purpose: null });
      expect(noPurpose.errors?.[0].extensions).toEqual({ code: "FORBIDDEN", agency: "family-index" });
      expect(await server.store.reviewLog()).toEqual([]);
    },
  );
});

describe("review decisions", () => {
  it("lists the uncertain pair with both records and the comparisons side by side", async () => {
    const result = await run(CANDIDATES, { first: 1 });
    expect(result.errors).toBeUndefined();
    const page = result.data!.linkCandidates;
    expect(page.totalCount).toBeGreaterThanOrEqual(1);
    expect(page.nodes[0]).toEqual({
      id: candidateId(AMIRA_MAT, AMIRAH_CC),
      probability: 0.87,
      comparisons: [
        { field: "givenName", level: "JARO_WINKLER_92", weight: 4.1 },
        { field: "familyName", level: "METAPHONE", weight: 3.2 },
        { field: "dateOfBirth", level: "EXACT", weight: 8.9 },
      ],
      recordA: {
        agency: "MATERNITY",
        localId: "MAT0000001",
        nhsNumber: "9434765919",
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        sex: "FEMALE",
        postcode: "DY1 4QT",
        person: { id: AMIRA },
      },
      recordB: expect.objectContaining({
        agency: "CHILDRENS_CENTRES",
        localId: "M0000001",
        nhsNumber: null,
        givenName: "Amirah",
        familyName: "Husain",
        person: { id: AMIRAH },
      }),
    });
    expect(page.pageInfo).toEqual({ hasNextPage: page.totalCount > 1, endCursor: page.nodes[0].id });
    const bad = await run(CANDIDATES, { first: 0 });
    expect(bad.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("confirmLink joins the pair, records who and when, and takes it off the list", async () => {
    const before = Date.now();
    const result = await run(CONFIRM, {
      id: candidateId(AMIRA_MAT, AMIRAH_CC),
      note: "Same mother: checked with the centre",
    });
    expect(result.errors).toBeUndefined();
    const { decisions, persons } = result.data!.confirmLink;
    expect(decisions).toEqual([
      {
        id: expect.any(String),
        kind: "CONFIRM",
        decision: "SAME_PERSON",
        recordA: { agency: "MATERNITY", localId: "MAT0000001" },
        recordB: { agency: "CHILDRENS_CENTRES", localId: "M0000001" },
        decidedBy: "steward-7",
        decidedRole: "data-steward",
        decidedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        note: "Same mother: checked with the centre",
        probability: 0.87,
      },
    ]);
    expect(Date.parse(decisions[0].decidedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(decisions[0].decidedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(persons).toHaveLength(1);
    expect(persons[0].id).toBe(AMIRA);
    expect(persons[0].records).toContainEqual({
      agency: "CHILDRENS_CENTRES",
      localId: "M0000001",
      linkedBy: "REVIEWED_SAME_PERSON",
    });
    expect(personOfKey(server, AMIRAH_CC)).toBe(AMIRA);
    const list = await run(CANDIDATES);
    expect(list.data!.linkCandidates.nodes.map((n: any) => n.id)).not.toContain(candidateId(AMIRA_MAT, AMIRAH_CC));
    const again = await run(CONFIRM, { id: candidateId(AMIRA_MAT, AMIRAH_CC) });
    expect(again.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("the decision survives a full rebuild and a restart", async () => {
    await server.refresh();
    expect(personOfKey(server, AMIRAH_CC)).toBe(AMIRA);
    const restarted = await startServer();
    expect(personOfKey(restarted, AMIRAH_CC)).toBe(AMIRA);
    await restarted.indexer.stop();
  });

  it("unlink splits a record out of its person, for good", async () => {
    const result = await run(UNLINK, {
      p: ZARA,
      r: { agency: "CHILDRENS_CENTRES", localId: "M0000002" },
      note: "Different child, same name",
    });
    expect(result.errors).toBeUndefined();
    const { decisions, persons } = result.data!.unlink;
    expect(
      decisions.map((d: any) => `${d.kind} ${d.decision} ${d.recordB.agency}:${d.recordB.localId}`).sort(),
    ).toEqual([
      "UNLINK NOT_SAME_PERSON HEALTH_VISITING:102",
      "UNLINK NOT_SAME_PERSON MATERNITY:BAB0000001",
      "UNLINK NOT_SAME_PERSON REGISTRATION:Dudley North:101:child",
    ]);
    expect(new Set(decisions.map((d: any) => d.decidedAt)).size).toBe(1);
    expect(persons.map((p: any) => p.id).sort()).toEqual([ZARA, personIdFor("childrens-centres:M0000002")].sort());
    await server.refresh();
    expect(personOfKey(server, "childrens-centres:M0000002")).toBe(personIdFor("childrens-centres:M0000002"));
    expect(personOfKey(server, "maternity:BAB0000001")).toBe(ZARA);
  });

  it("rejectLink by the two records undoes a confirmation (the latest decision about a pair is in force)", async () => {
    const a = { agency: "MATERNITY", localId: "MAT0000001" };
    const b = { agency: "CHILDRENS_CENTRES", localId: "M0000001" };
    const result = await run(REJECT, { a, b, note: "Second look: different people" });
    expect(result.errors).toBeUndefined();
    expect(result.data!.rejectLink.decisions[0]).toMatchObject({
      kind: "REJECT",
      decision: "NOT_SAME_PERSON",
      probability: null,
    });
    expect(result.data!.rejectLink.persons.map((p: any) => p.id).sort()).toEqual([AMIRA, AMIRAH].sort());
    await server.refresh();
    expect(personOfKey(server, AMIRAH_CC)).toBe(AMIRAH);
    // The full log keeps every decision, latest first.
    const log = await run(`{ reviewDecisions(first: 10) { kind decidedBy } }`);
    expect(log.data!.reviewDecisions.map((d: any) => d.kind)).toEqual([
      "REJECT",
      "UNLINK",
      "UNLINK",
      "UNLINK",
      "CONFIRM",
    ]);
  });

  it("refuses unknown records and a record that is not the person's", async () => {
    const unknown = await run(CONFIRM, {
      a: { agency: "MATERNITY", localId: "NOPE" },
      b: { agency: "MATERNITY", localId: "MAT0000001" },
    });
    expect(unknown.errors?.[0].extensions).toEqual({ code: "NOT_FOUND", field: "recordA" });
    const neither = await run(CONFIRM, {});
    expect(neither.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const notTheirs = await run(UNLINK, { p: AMIRA, r: { agency: "MATERNITY", localId: "BAB0000001" } });
    expect(notTheirs.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});
