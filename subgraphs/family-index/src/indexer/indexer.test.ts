import { AGENCIES, openPglite, type Db } from "@ffd/shared";
import { agencyUrlsOf } from "../config";
import { HttpFeedReader } from "../feed/identity-feed.client";
import { personIdFor } from "../linkage/ids";
import { PostgresLinkStore } from "../store/link-store.postgres";
import { capturingLogger, dropLinkStore, eventually, startFeeds, testConfig, type Feeds } from "../testing/harness";
import { REFERENCE_DATE, storyFeeds } from "../testing/story.fixture";
import { Indexer } from "./indexer";

const AMIRA = personIdFor("maternity:MAT0000001");
const ZARA = personIdFor("maternity:BAB0000001");

describe("Indexer", () => {
  let feeds: Feeds;
  let db: Db;
  let store: PostgresLinkStore;
  const indexers: Indexer[] = [];

  // One embedded database for the file (PGlite takes seconds to start); emptied before each test.
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    feeds = await startFeeds(storyFeeds());
    await dropLinkStore(db);
    store = new PostgresLinkStore(db);
    await store.migrate();
  });
  afterEach(async () => {
    await Promise.all(indexers.splice(0).map((i) => i.stop()));
    await feeds.stop();
  });

  function indexer(options: { waitMs?: number; refreshMs?: number; feedTimeoutMs?: number; poll?: boolean } = {}) {
    const logger = capturingLogger();
    const config = testConfig(feeds);
    const reader = new HttpFeedReader({
      baseUrls: agencyUrlsOf(config),
      secret: config.INTERNAL_TOKEN_SECRET,
      // The service's default: a loaded machine has taken over 2 s for a fake feed's whole read.
      timeoutMs: options.feedTimeoutMs ?? 15_000,
      breakerResetMs: 60_000,
      logger,
    });
    const i = new Indexer({
      store,
      reader,
      logger,
      referenceDate: REFERENCE_DATE,
      agencyWaitMs: options.waitMs ?? 5000,
      refreshIntervalMs: options.refreshMs ?? 60_000,
      poll: options.poll,
    });
    indexers.push(i);
    return { indexer: i, logger };
  }

  async function recordsOfPerson(buildId: number, personId: string): Promise<string[]> {
    const [records] = await store.recordsByPersonIds(buildId, [personId]);
    return records.map((r) => `${r.agency}:${r.localId}`);
  }

  it("is not ready before the first build, and ready (with a log line) once every agency has been read", async () => {
    const { indexer: i, logger } = indexer({ waitMs: 10_000 });
    expect(i.isReady()).toBe(false);
    expect(i.current()).toBeNull();
    const started = Date.now();
    await i.start();
    expect(Date.now() - started).toBeLessThan(5000); // did not sit out the wait
    const snapshot = i.current()!;
    expect(snapshot.missing).toEqual([]);
    expect(snapshot.agencies).toEqual([...AGENCIES]);
    // 10 people by the deterministic rules; probabilistic linkage adds the centres' "Amirah Husain" to Amira.
    expect(snapshot.counts).toEqual({ records: 19, persons: 9, families: 3 });
    expect(logger.lines.find((l) => l.event === "index.ready")?.fields).toMatchObject({ complete: true, missing: [] });
    for (const feed of Object.values(feeds.byAgency)) {
      expect(feed.calls.length).toBeGreaterThan(0);
      expect(feed.calls.every((c) => c.service === "family-index" && c.limit === 5000)).toBe(true);
    }
  });

  it("retries an agency that starts late, within the wait", async () => {
    feeds.byAgency.maternity.available = false;
    const { indexer: i } = indexer({ waitMs: 10_000 });
    setTimeout(() => (feeds.byAgency.maternity.available = true), 600);
    await i.start();
    expect(i.current()!.missing).toEqual([]);
    expect(feeds.byAgency.maternity.calls.length).toBeGreaterThan(1);
  });

  it("builds without an agency that is down at startup after the wait, logs it, and completes when it comes back (refresh)", async () => {
    feeds.byAgency.registration.available = false;
    const { indexer: i, logger } = indexer({ waitMs: 400 });
    await i.start();
    const partial = i.current()!;
    expect(i.isReady()).toBe(true);
    expect(partial.missing).toEqual(["registration"]);
    expect(logger.lines.find((l) => l.event === "index.agency_missing")?.fields).toMatchObject({
      agency: "registration",
    });
    expect(logger.lines.find((l) => l.event === "index.ready")?.fields).toMatchObject({
      complete: false,
      missing: ["registration"],
    });
    expect(await recordsOfPerson(partial.buildId, ZARA)).toEqual([
      "maternity:BAB0000001",
      "health-visiting:102",
      "childrens-centres:M0000002",
    ]);

    feeds.byAgency.registration.available = true;
    const complete = (await i.refresh())!;
    expect(complete.missing).toEqual([]);
    expect(complete.buildId).toBeGreaterThan(partial.buildId);
    expect(await recordsOfPerson(complete.buildId, ZARA)).toEqual([
      "maternity:BAB0000001",
      "health-visiting:102",
      "childrens-centres:M0000002",
      "registration:Dudley North:101:child",
    ]);
    expect(await recordsOfPerson(complete.buildId, AMIRA)).toContain("registration:Dudley North:101:mother");
  });

  it("keeps retrying a missing agency in the background and rebuilds when it answers", async () => {
    feeds.byAgency["childrens-centres"].available = false;
    const { indexer: i, logger } = indexer({ waitMs: 300, refreshMs: 100 });
    await i.start();
    expect(i.current()!.missing).toEqual(["childrens-centres"]);
    feeds.byAgency["childrens-centres"].available = true;
    await eventually(() => i.current()!.missing.length === 0);
    expect(logger.events()).toContain("index.agency_returned");
    expect(i.current()!.counts.records).toBe(19);
  });

  it("builds once more, not once each, for agencies that come back while a build runs", async () => {
    for (const a of AGENCIES) if (a !== "maternity") feeds.byAgency[a].available = false;
    // No polling: a poll's update queued between builds would find the agencies changed and build too.
    const { indexer: i, logger } = indexer({ waitMs: 300, refreshMs: 50, poll: false });
    await i.start();
    expect(i.current()!.agencies).toEqual(["maternity"]);
    // The next build is held at its start (its read of the review decisions) until every other
    // agency has been read again: those read after it started wait for one build between them.
    const decisions = store.reviewDecisions.bind(store);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    store.reviewDecisions = async () => {
      if (++calls === 1) await held;
      return decisions();
    };
    try {
      for (const a of AGENCIES) feeds.byAgency[a].available = true;
      await eventually(() => i.missing().length === 0 && calls === 1);
      const returned = logger.events().filter((e) => e === "index.agency_returned").length;
      expect(returned).toBe(AGENCIES.length - 1);
      release();
      await eventually(() => i.current()!.missing.length === 0);
    } finally {
      release();
      store.reviewDecisions = decisions;
    }
    // The startup build, the held one, and one shared by every agency that came back after it started.
    expect(logger.events().filter((e) => e === "index.built").length).toBeLessThanOrEqual(3);
    expect(i.current()!.counts.records).toBe(19);
  });

  it("starts no build while a feed read is in flight: an agency answering meanwhile waits for the slow one", async () => {
    feeds.byAgency.registration.available = false;
    feeds.byAgency["childrens-centres"].available = false;
    const { indexer: i, logger } = indexer({ waitMs: 300, refreshMs: 50, poll: false });
    await i.start();
    expect(i.current()!.missing).toEqual(["childrens-centres", "registration"]);
    // Registration comes back slow: its read is in flight for 1.5 s...
    const registration = feeds.byAgency.registration;
    registration.pageDelayMs = 1500;
    const callsBefore = registration.calls.length;
    registration.available = true;
    await eventually(() => registration.calls.length > callsBefore);
    // ...when the centres come back at once: their build waits for registration's read.
    feeds.byAgency["childrens-centres"].available = true;
    await eventually(() => i.current()!.missing.length === 0, 10_000);
    const built = logger.lines.filter((l) => l.event === "index.built");
    // The startup build, then one build with both (none with the centres alone).
    expect(built.map((l) => l.fields.missing)).toEqual([["childrens-centres", "registration"], []]);
    expect(built[1].fields.waitedForReadsMs).toBeGreaterThan(0);
  });

  it("stays not ready, without crashing, when no agency answers", async () => {
    for (const f of Object.values(feeds.byAgency)) f.available = false;
    const { indexer: i, logger } = indexer({ waitMs: 300 });
    await i.start();
    expect(i.isReady()).toBe(false);
    expect(logger.events()).toContain("index.no_agency_read");
    expect(logger.lines.filter((l) => l.event === "index.agency_missing").map((l) => l.fields.agency)).toEqual([
      ...AGENCIES,
    ]);
  });

  it("with no index after the wait, reads an agency as soon as it answers, not at the refresh interval", async () => {
    for (const f of Object.values(feeds.byAgency)) f.available = false;
    const { indexer: i, logger } = indexer({ waitMs: 300, refreshMs: 60_000 });
    await i.start();
    expect(i.isReady()).toBe(false);
    await new Promise((r) => setTimeout(r, 1000)); // agencies still seeding, long after the wait
    for (const f of Object.values(feeds.byAgency)) f.available = true;
    await eventually(() => i.isReady() && i.current()!.missing.length === 0, 10_000);
    // Retried quickly but logged once per agency, not at every retry.
    const failures = logger.lines.filter((l) => l.event === "index.agency_unavailable");
    expect(failures.length).toBe(AGENCIES.length);
  });

  it("keeps an agency's last records when it fails on a later refresh", async () => {
    const { indexer: i } = indexer();
    await i.refresh();
    feeds.byAgency.maternity.available = false;
    const again = (await i.refresh())!;
    expect(again.agencies).toContain("maternity");
    expect(again.counts.records).toBe(19);
  });

  it("waits for a stalled agency once: later refreshes neither ask it nor wait for it, and keep its last records", async () => {
    const timeoutMs = 2400;
    const { indexer: i, logger } = indexer({ feedTimeoutMs: timeoutMs });
    await i.refresh();
    const stalled = feeds.byAgency["health-visiting"];
    stalled.stalled = true;
    const asked = stalled.calls.length;

    let started = Date.now();
    const second = (await i.refresh())!;
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeoutMs * 0.9);
    expect(stalled.calls).toHaveLength(asked + 1);
    expect(second.agencies).toContain("health-visiting");
    expect(logger.events()).toContain("index.feed_breaker.open");

    started = Date.now();
    const third = (await i.refresh())!;
    expect(Date.now() - started).toBeLessThan(timeoutMs / 3);
    expect(stalled.calls).toHaveLength(asked + 1);
    expect(third.agencies).toEqual([...AGENCIES]);
    expect(third.counts).toEqual(second.counts);
    expect(logger.lines.filter((l) => l.event === "index.agency_unavailable").map((l) => l.fields)).toEqual([
      { agency: "health-visiting", reason: "timeout", status: undefined, then: "keeping_last_read" },
      { agency: "health-visiting", reason: "breaker_open", status: undefined, then: "keeping_last_read" },
    ]);
  });

  it("gives the same person and family ids across rebuilds and restarts", async () => {
    const { indexer: first } = indexer();
    const a = (await first.refresh())!;
    const b = (await first.refresh())!;
    expect(b.buildId).not.toBe(a.buildId);
    const ids = async (buildId: number) =>
      await db.query<{ person_id: string; family_id: string | null }>(
        `SELECT person_id, family_id FROM fi_person WHERE build_id = $1 ORDER BY person_id`,
        [buildId],
      );
    expect(await ids(b.buildId)).toEqual(await ids(a.buildId));
    const before = await ids(a.buildId);
    // A restart over the same store: a new indexer reading the same feeds.
    const { indexer: restarted } = indexer();
    const c = (await restarted.refresh())!;
    expect(await ids(c.buildId)).toEqual(before);
    // A restart over an empty store (a new database): still the same ids.
    await dropLinkStore(db);
    await store.migrate();
    const { indexer: fresh } = indexer();
    const d = (await fresh.refresh())!;
    expect(await ids(d.buildId)).toEqual(before);
    expect(before.map((r) => r.person_id)).toContain(AMIRA);
  });

  it("swaps generations: the previous build stays readable until the next build starts, older ones are removed", async () => {
    const { indexer: i } = indexer();
    const one = (await i.refresh())!;
    const two = (await i.refresh())!;
    // A request that started on build one can still finish on it.
    expect((await store.personsByIds(one.buildId, [AMIRA]))[0]?.givenName).toBe("Amira");
    const three = (await i.refresh())!;
    const builds = await db.query<{ build_id: number }>(`SELECT DISTINCT build_id FROM fi_person ORDER BY build_id`);
    expect(builds.map((r) => Number(r.build_id))).toEqual([two.buildId, three.buildId]);
    const [current] = await db.query<{ build_id: number }>(`SELECT build_id FROM fi_current`);
    expect(Number(current.build_id)).toBe(three.buildId);
    expect(await store.personsByIds(one.buildId, [AMIRA])).toEqual([null]);
  });

  it("applies reviewers' decisions from the store on the next build", async () => {
    const { indexer: i } = indexer();
    await i.refresh();
    await db.query(
      `INSERT INTO fi_review_decision (agency_a, local_id_a, agency_b, local_id_b, decision, decided_by, reason)
       VALUES ('maternity', 'MAT0000001', 'childrens-centres', 'M0000001', 'SAME_PERSON', 'reviewer-1', 'test')`,
    );
    const snapshot = (await i.refresh())!;
    const [records] = await store.recordsByPersonIds(snapshot.buildId, [AMIRA]);
    expect(records.find((r) => r.localId === "M0000001")).toMatchObject({
      rule: "REVIEWED_SAME_PERSON",
      linkedTo: "maternity:MAT0000001",
    });
    expect(snapshot.counts.persons).toBe(9);
  });
});
