import { openPglite, signCallerToken, type Db, type RunningService } from "@ffd/shared";
import { personIdFor } from "./linkage/ids";
import { createServer } from "./server";
import { capturingLogger, startFeeds, TEST_SECRET, testConfig, type Feeds } from "./testing/harness";
import { storyFeeds } from "./testing/story.fixture";

/** The service over HTTP on port 0: readiness while the agencies start, then answers. */
describe("family-index over HTTP", () => {
  let feeds: Feeds;
  let db: Db;
  let running: RunningService | null = null;

  beforeAll(async () => {
    feeds = await startFeeds(storyFeeds());
    db = await openPglite();
  });
  afterAll(async () => {
    await running?.stop();
    await feeds.stop();
    await db.close();
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    // As the gateway calls it: with a short-lived internal token naming the caller.
    const token = await signCallerToken(TEST_SECRET, {
      subject: "test-user",
      role: "front-door",
      organisation: null,
      centre: null,
      caseload: null,
      purpose: "direct-care",
      breakGlass: false,
    });
    const res = await fetch(running!.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };
  const ready = async () => (await fetch(running!.url.replace(/\/graphql$/, "/ready"))).status;

  it("is not ready while waiting for the agencies, then ready with those that answered; completes on refresh", async () => {
    feeds.byAgency.registration.available = false;
    const logger = capturingLogger();
    const server = createServer({
      db,
      config: testConfig(feeds, { INDEX_AGENCY_WAIT_MS: "3000", INDEX_REFRESH_INTERVAL_MS: "60000" }),
      logger,
    });
    running = await server.start(0, "127.0.0.1");

    expect(await ready()).toBe(503);
    const early = await post(`{ searchPeople(query: { familyName: "Hussain" }) { score } }`);
    expect(early.errors).toEqual([expect.objectContaining({ extensions: { code: "INDEX_NOT_READY" } })]);

    await server.whenStarted();
    expect(await ready()).toBe(200);
    expect(logger.lines.find((l) => l.event === "index.agency_missing")?.fields).toMatchObject({
      agency: "registration",
    });
    expect(logger.lines.find((l) => l.event === "index.ready")?.fields).toMatchObject({
      missing: ["registration"],
      complete: false,
    });

    const amira = personIdFor("maternity:MAT0000001");
    const partial = await post(
      `{ searchPeople(query: { nhsNumber: "9434765919" }) { person { id records { agency } } } }`,
    );
    expect(partial.data.searchPeople[0].person.id).toBe(amira);
    // The centres' "Amirah Husain" is Amira's by probabilistic linkage.
    expect(partial.data.searchPeople[0].person.records.map((r: { agency: string }) => r.agency)).toEqual([
      "MATERNITY",
      "HEALTH_VISITING",
      "CHILDRENS_CENTRES",
    ]);

    feeds.byAgency.registration.available = true;
    await server.refresh();
    const complete = await post(`query ($id: ID!) { person(id: $id) { records { agency } } }`, { id: amira });
    expect(complete.data.person.records.map((r: { agency: string }) => r.agency)).toEqual([
      "MATERNITY",
      "HEALTH_VISITING",
      "CHILDRENS_CENTRES",
      "REGISTRATION",
    ]);
    // Every feed call carried a valid family-index service token.
    for (const feed of Object.values(feeds.byAgency))
      expect(feed.calls.every((c) => c.service === "family-index")).toBe(true);
  });
});
