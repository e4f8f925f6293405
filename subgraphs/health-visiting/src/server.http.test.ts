import {
  type Db,
  decodeFeedCursor,
  encodeFeedCursor,
  IDENTITY_FEED_AUDIENCE,
  type IdentityFeedPage,
  type IdentityRecord,
  type RunningService,
  signServiceToken,
} from "@ffd/shared";
import { TEST_SECRETS } from "../../../tests/support/secrets";
import { createServer } from "./server";
import { FIXTURE_PATIENT_IDS, FIXTURE_REFERENCE_DATE, openFixtureDb } from "./testing/health-visiting.fixture";
import { capturingLogger } from "../../../tests/support/agency";

/*
 * The subgraph over HTTP on port 0: the identity feed family-index reads (the patient system
 * not answering is the agency contract's, contract.test.ts).
 */

const config = { REFERENCE_DATE: FIXTURE_REFERENCE_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET };

describe("identity feed", () => {
  let db: Db;
  let running: RunningService;
  let feedUrl: string;
  let token: string;
  const logger = capturingLogger();

  beforeAll(async () => {
    db = await openFixtureDb();
    const server = await createServer({ db, config, logger });
    running = await server.start(0);
    feedUrl = running.url.replace(/\/graphql$/, "/internal/identity-feed");
    token = await signServiceToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
  });
  afterAll(async () => {
    await running.stop();
    await db.close();
  });

  const get = (query: string, bearer: string | null = token) =>
    fetch(`${feedUrl}${query}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });

  it("refuses a caller without a token (401)", async () => {
    expect((await get("", null)).status).toBe(401);
    expect((await get("", "not-a-token")).status).toBe(401);
  });

  it("refuses any service but family-index (403)", async () => {
    const gatewayToken = await signServiceToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, "gateway", IDENTITY_FEED_AUDIENCE);
    expect((await get("", gatewayToken)).status).toBe(403);
  });

  it("gives identifiers and demographics in the form the feed promises", async () => {
    const response = await get("?limit=100");
    expect(response.status).toBe(200);
    const page = (await response.json()) as IdentityFeedPage;
    expect(page.agency).toBe("health-visiting");
    expect(page.nextCursor).toBeNull();
    const byId = new Map(page.records.map((r) => [r.localId, r]));
    expect(byId.get("1001")).toEqual<IdentityRecord>({
      localId: "1001",
      nhsNumber: "9434765919",
      givenName: "Amira",
      familyName: "Hussain",
      dateOfBirth: "1994-03-12",
      sex: "FEMALE",
      postcode: "E1 6AN",
      relations: [{ localId: "1002", relationship: "CHILD" }],
      householdId: null,
      careUnit: "hv-caseload:1",
    });
    expect(byId.get("1002")).toMatchObject({
      dateOfBirth: "2025-05-01",
      relations: [
        { localId: "1001", relationship: "MOTHER" },
        { localId: "1003", relationship: "FATHER" },
      ],
    });
    expect(byId.get("1004")).toMatchObject({
      givenName: "Leo",
      postcode: "N1 9GU",
      relations: [{ localId: "1007", relationship: "SECOND_PARENT" }],
      careUnit: "hv-caseload:2",
    });
    expect(byId.get("1006")).toMatchObject({
      nhsNumber: null,
      dateOfBirth: "1988-09-07",
      relations: [
        { localId: "1005", relationship: "CHILD" },
        { localId: "1010", relationship: "CHILD" },
      ],
    });
    expect(byId.get("1008")).toMatchObject({ postcode: null, relations: [{ localId: "1009", relationship: "CHILD" }] });
    expect(byId.get("1009")).toMatchObject({
      givenName: null,
      dateOfBirth: null,
      sex: "UNKNOWN",
      relations: [{ localId: "1008", relationship: "CARER" }],
      // On no caseload: held by no care unit.
      careUnit: null,
    });
    expect(byId.get("1011")).toMatchObject({
      nhsNumber: "9876543210",
      dateOfBirth: "2024-05-10",
      sex: "MALE",
      relations: [],
    });
  });

  it("logs how many values it could not read, never the values", async () => {
    logger.lines.length = 0;
    await get("?limit=100");
    const warnings = logger.lines.filter((l) => l.event === "identity_feed.unreadable_values");
    expect(warnings).toEqual([
      {
        level: "warn",
        event: "identity_feed.unreadable_values",
        fields: { agency: "health-visiting", unreadable: { dob: 1 } },
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/31\/02\/2024|Hussain|9434765919/);
  });

  it.each([1, 3, 4, 11, 5000])(
    "pages of %i concatenate to every record exactly once, in pat_id order",
    async (limit) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const response = await get(`?limit=${limit}${after === null ? "" : `&after=${after}`}`);
        expect(response.status).toBe(200);
        const page = (await response.json()) as IdentityFeedPage;
        expect(page.records.length).toBeLessThanOrEqual(limit);
        seen.push(...page.records.map((r) => r.localId));
        if (page.nextCursor === null) break;
        // Opaque to family-index; the kit reads it as "after the last record sent".
        expect(decodeFeedCursor(page.nextCursor)).toMatchObject({
          kind: "page",
          after: page.records[page.records.length - 1].localId,
        });
        after = page.nextCursor;
      }
      expect(seen).toEqual(FIXTURE_PATIENT_IDS);
    },
  );

  it("orders by pat_id as a number, not as text", async () => {
    const after = encodeFeedCursor({ kind: "page", after: "999", log: null, since: null });
    const page = (await (await get(`?limit=2&after=${after}`)).json()) as IdentityFeedPage;
    expect(page.records.map((r) => r.localId)).toEqual(["1001", "1002"]);
  });
});
