import { AGENCIES, openPglite, type Db, type RunningService } from "@ffd/shared";
import { createServer, type FamilyIndexServer } from "./server";
import { capturingLogger, eventually, startFeeds, testConfig, type Feeds } from "./testing/harness";
import { storyFeeds } from "./testing/story.fixture";

/** family-index's /metrics: what the index holds, its builds, and the feed requests that failed. */
describe("family-index /metrics", () => {
  let feeds: Feeds;
  let db: Db;
  let server: FamilyIndexServer;
  let running: RunningService;

  beforeAll(async () => {
    feeds = await startFeeds(storyFeeds());
    db = await openPglite();
  });
  afterAll(async () => {
    await running?.stop();
    await feeds.stop();
    await db.close();
  });

  /** The served metrics' samples, `name{labels}` -> value. */
  const scrape = async (): Promise<Map<string, number>> => {
    const res = await fetch(running.url.replace(/\/graphql$/, "/metrics"));
    expect(res.status).toBe(200);
    const samples = new Map<string, number>();
    for (const [, name, value] of (await res.text()).matchAll(/^(ffd_index_\S+) (\S+)$/gm))
      samples.set(name, Number(value));
    return samples;
  };
  const feedFailures = (samples: Map<string, number>, agency: string, reason: string) =>
    samples.get(`ffd_index_feed_failures_total{agency="${agency}",feed="identity",reason="${reason}"}`) ?? 0;

  it("tells an index missing an agency from a complete one, and what it holds", async () => {
    feeds.byAgency.registration.available = false;
    const logger = capturingLogger();
    /** Full builds so far, as logged: each is observed once in the histogram. */
    const builds = () => logger.lines.filter((l) => l.event === "index.built").length;
    server = createServer({
      db,
      // A feed timeout short enough for the stalled agency below, long enough for a loaded machine.
      config: testConfig(feeds, {
        INDEX_AGENCY_WAIT_MS: "3000",
        INDEX_REFRESH_INTERVAL_MS: "60000",
        INDEX_FEED_TIMEOUT_MS: "6000",
      }),
      logger,
    });
    running = await server.start(0, "127.0.0.1");
    await server.whenStarted();
    // Every agency but registration in the index (on a loaded machine one may come after the wait).
    await eventually(() => server.indexer.current()?.missing.join() === "registration", 20_000);

    const partial = await scrape();
    expect(partial.get('ffd_index_agencies{state="indexed"}')).toBe(AGENCIES.length - 1);
    expect(partial.get('ffd_index_agencies{state="missing"}')).toBe(1);
    const counts = server.indexer.current()!.counts;
    expect(partial.get('ffd_index_size{kind="records"}')).toBe(counts.records);
    expect(partial.get('ffd_index_size{kind="persons"}')).toBe(counts.persons);
    expect(partial.get('ffd_index_size{kind="families"}')).toBe(counts.families);
    // Registration answered 503 while it was unavailable: counted as failed identity feed requests.
    expect(feedFailures(partial, "registration", "http")).toBeGreaterThan(0);
    const fullBuilds = partial.get('ffd_index_update_duration_seconds_count{kind="full"}');
    expect(fullBuilds).toBe(builds());

    feeds.byAgency.registration.available = true;
    await server.refresh();
    const complete = await scrape();
    expect(complete.get('ffd_index_agencies{state="indexed"}')).toBe(AGENCIES.length);
    expect(complete.get('ffd_index_agencies{state="missing"}')).toBe(0);
    expect(complete.get('ffd_index_size{kind="records"}')).toBe(server.indexer.current()!.counts.records);
    expect(complete.get('ffd_index_size{kind="records"}')).toBeGreaterThan(counts.records);
    // The refresh built again (and registration's own retry may have too, as it came back).
    expect(complete.get('ffd_index_update_duration_seconds_count{kind="full"}')).toBe(builds());
    expect(builds()).toBeGreaterThan(fullBuilds!);
  });

  it("counts an incremental update, and a feed that times out by agency and reason", async () => {
    const before = await scrape();
    const incremental = before.get('ffd_index_update_duration_seconds_count{kind="incremental"}') ?? 0;
    const [first] = feeds.byAgency.maternity.records;
    feeds.byAgency.maternity.upsert({ ...first, givenName: `${first.givenName}e` });
    await server.indexer.poll();
    expect((await scrape()).get('ffd_index_update_duration_seconds_count{kind="incremental"}')).toBe(incremental + 1);

    // A stalled agency: its change read times out (the server's own reader, its feed timeout).
    const timeouts = feedFailures(before, "health-visiting", "timeout");
    feeds.byAgency["health-visiting"].stalled = true;
    try {
      await server.indexer.poll();
    } finally {
      feeds.byAgency["health-visiting"].stalled = false;
    }
    const after = await scrape();
    expect(feedFailures(after, "health-visiting", "timeout")).toBe(timeouts + 1);
    expect(feedFailures(after, "maternity", "timeout")).toBe(feedFailures(before, "maternity", "timeout"));
    // Still complete: a failed read keeps the agency's last records.
    expect(after.get('ffd_index_agencies{state="missing"}')).toBe(0);
  });
});
