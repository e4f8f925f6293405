import {
  connectPostgres,
  type Db,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_PATH,
  type IdentityFeedPage,
  type IdentityRecord,
  type RunningService,
  signServiceToken,
} from "@ffd/shared";
import { parseChildrensCentresConfig } from "./config";
import { createServer } from "./server";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/fixtures";
import { secretEnv } from "../../../tests/support/secrets";
import { capturingLogger, gatewayAuthorization } from "../../../tests/support/agency";

/** What the gateway sends: a short-lived internal token naming the caller (subgraphs refuse /graphql without one). */
const asGateway = () => gatewayAuthorization(config.INTERNAL_TOKEN_SECRET);

const config = parseChildrensCentresConfig({
  ...secretEnv(),
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  REFERENCE_DATE: FIXTURE_REFERENCE_DATE,
});
const secret = config.INTERNAL_TOKEN_SECRET;

function feedUrl(service: RunningService, query: string): string {
  return `http://127.0.0.1:${service.port}${IDENTITY_FEED_PATH}${query}`;
}

describe("identity feed over HTTP", () => {
  let db: Db;
  let service: RunningService;
  let token: string;

  beforeAll(async () => {
    db = await openFixtureDb();
    service = await (await createServer({ db, config, logger: capturingLogger() })).start(0);
    token = await signServiceToken(secret, "family-index", IDENTITY_FEED_AUDIENCE);
  });
  afterAll(async () => {
    await service.stop();
    await db.close();
  });

  const get = (query: string, authorization?: string) =>
    fetch(feedUrl(service, query), { headers: authorization ? { authorization } : {} });

  it("refuses a caller with no token (401)", async () => {
    const res = await get("?limit=2");
    expect(res.status).toBe(401);
  });

  it("refuses a token signed with another secret, or for another audience (401)", async () => {
    const forged = await signServiceToken("x".repeat(40), "family-index", IDENTITY_FEED_AUDIENCE);
    expect((await get("?limit=2", `Bearer ${forged}`)).status).toBe(401);
    const otherAudience = await signServiceToken(secret, "family-index", "subgraph");
    expect((await get("?limit=2", `Bearer ${otherAudience}`)).status).toBe(401);
  });

  it("refuses any service but family-index (403)", async () => {
    const gateway = await signServiceToken(secret, "gateway", IDENTITY_FEED_AUDIENCE);
    const res = await get("?limit=2", `Bearer ${gateway}`);
    expect(res.status).toBe(403);
  });

  async function readAll(limit: number): Promise<{ records: IdentityRecord[]; pages: IdentityFeedPage[] }> {
    const pages: IdentityFeedPage[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await get(`?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`, `Bearer ${token}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as IdentityFeedPage;
      pages.push(page);
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    return { records: pages.flatMap((p) => p.records), pages };
  }

  it.each([1, 2, 3, 7, 100])("pages of %p concatenate to exactly every member, each once, in order", async (limit) => {
    const { records, pages } = await readAll(limit);
    expect(pages.every((p) => p.agency === "childrens-centres")).toBe(true);
    expect(pages[pages.length - 1].nextCursor).toBeNull();
    expect(records.map((r) => r.localId)).toEqual([
      "M0000001",
      "M0000002",
      "M0000003",
      "M0000004",
      "M0000005",
      "M0000006",
      "M0000007",
    ]);
    // The same records, field for field, as one page read straight from the adapter.
    expect(records).toEqual(
      await (await createServer({ db, config, logger: capturingLogger() })).source.identityFeed(null, 5000),
    );
  });

  it("carries identifiers and demographics only, as the contract says", async () => {
    const { records } = await readAll(100);
    expect(records.find((r) => r.localId === "M0000002")).toEqual({
      localId: "M0000002",
      nhsNumber: null,
      givenName: "Zara",
      familyName: "Hussain",
      dateOfBirth: "2025-05-16",
      sex: "FEMALE",
      postcode: "E1 6AN",
      householdId: "HH000001",
      careUnit: "centre:CC01",
      relations: [
        { localId: "M0000001", relationship: "CARER" },
        { localId: "M0000003", relationship: "CARER" },
      ],
    });
  });
});

describe("when the case system's database is down", () => {
  let db: Db;
  let service: RunningService;
  const logger = capturingLogger();

  beforeAll(async () => {
    // Nothing listens on port 1: every connection is refused, as when the agency's server is down.
    db = connectPostgres("postgres://postgres@127.0.0.1:1/childrens_centres", { readOnly: true });
    service = await (await createServer({ db, config, logger })).start(0);
  });
  afterAll(async () => {
    await service.stop();
    await db.close();
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: await asGateway() },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, text: await res.text() };
  };

  const UNAVAILABLE = {
    message:
      "The children's centres system is unavailable, so its information is missing from this answer. Try again later.",
    extensions: { code: "AGENCY_UNAVAILABLE", agency: "childrens-centres" },
  };

  function expectNoInternalDetail(text: string): void {
    for (const leak of ["ECONNREFUSED", "127.0.0.1", "postgres", "connect", "stack", "SourceUnavailable"])
      expect(text).not.toContain(leak);
  }

  it("answers Person.childrensCentres with null and AGENCY_UNAVAILABLE naming the agency", async () => {
    const { status, text } = await post(
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Person {
              id
              childrensCentres {
                localIds
              }
            }
          }
        }
      `,
      { representations: [{ __typename: "Person", id: "p1", childrensCentresRecordIds: ["M0000001"] }] },
    );
    expect(status).toBe(200);
    const body = JSON.parse(text);
    expect(body.data).toEqual({ _entities: [{ id: "p1", childrensCentres: null }] });
    expect(body.errors).toEqual([
      { ...UNAVAILABLE, locations: expect.any(Array), path: ["_entities", 0, "childrensCentres"] },
    ]);
    expectNoInternalDetail(text);
  });

  it("answers the centre directory with AGENCY_UNAVAILABLE", async () => {
    const { text } = await post("{ childrensCentres { code } }");
    const body = JSON.parse(text);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([{ ...UNAVAILABLE, locations: expect.any(Array), path: ["childrensCentres"] }]);
    expectNoInternalDetail(text);
  });

  it("logs the failure by request id and error code, never the error's message", async () => {
    logger.lines.length = 0;
    await post("{ childrensCentres { code } }");
    await post("{ childrensCentres { code } }");
    // Logged by the kit's guarded loaders: the driver's error name and code, never its message.
    const failures = logger.lines.filter((l) => l.event === "agency.unavailable");
    expect(failures).toHaveLength(2);
    for (const f of failures) {
      expect(f.level).toBe("error");
      expect(f.fields).toMatchObject({
        agency: "childrens-centres",
        errorCode: "ECONNREFUSED",
      });
      expect(typeof f.fields.requestId).toBe("string");
      expect(JSON.stringify(f.fields)).not.toContain("127.0.0.1:1");
    }
  });

  it("answers the identity feed with 503 and no internal detail", async () => {
    const token = await signServiceToken(secret, "family-index", IDENTITY_FEED_AUDIENCE);
    const res = await fetch(feedUrl(service, "?limit=10"), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "The childrens-centres system is unavailable." });
    expectNoInternalDetail(text);
  });
});
