import { AGENCIES, openPglite, type Db, type IsoDate } from "@ffd/shared";
import { agencyUrlsOf } from "../config";
import { HttpFeedReader } from "../feed/identity-feed.client";
import { personIdFor } from "../linkage/ids";
import { PostgresLinkStore } from "../store/link-store.postgres";
import { capturingLogger, dropLinkStore, startFeeds, testConfig, type Feeds } from "../testing/harness";
import { newHussainBirth, REFERENCE_DATE, storyFeeds } from "../testing/story.fixture";
import { defaultLinker, Indexer, type IndexSnapshot } from "./indexer";
import { parseResumePoint, serialiseResumePoint } from "./resume";
import { nhsNumberAndDateOfBirth, type LinkageRule } from "../linkage/rules";

const AMIRA = personIdFor("maternity:MAT0000001");

/**
 * What readers see of an index: people of records, their families and care units (from the
 * stored generation), candidates, counts, a search.
 */
async function seen(s: IndexSnapshot, store: PostgresLinkStore) {
  const ids = [...new Set(s.personOf.values())].sort();
  const persons = await store.personsByIds(s.buildId, ids);
  const familyIds = [...new Set(persons.map((p) => p!.familyId).filter((f): f is string => f !== null))].sort();
  const members = await store.membersByFamilyIds(s.buildId, familyIds);
  return {
    agencies: s.agencies,
    missing: s.missing,
    counts: s.counts,
    personOf: [...s.personOf].sort(),
    families: persons.map((p) => [p!.id, p!.familyId, s.careUnits.unitsOf(p!)]),
    candidates: s.candidates.map((c) => [c.id, c.probability]),
    members: members.flat().map((m) => [m.familyId, m.personId, m.relationship]),
    hussains: s.search.search({ familyName: "hussain" }).map((h) => [h.personId, h.score]),
  };
}

describe("Indexer: a restart resumes from the stored generation", () => {
  let feeds: Feeds;
  let db: Db;
  let store: PostgresLinkStore;
  const indexers: Indexer[] = [];

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

  function indexer(
    options: {
      on?: Db;
      referenceDate?: IsoDate;
      resume?: boolean;
      rules?: readonly LinkageRule[];
      failLinks?: number;
    } = {},
  ) {
    let failLinks = options.failLinks ?? 0;
    const logger = capturingLogger();
    const config = testConfig(feeds);
    let links = 0;
    const i = new Indexer({
      store: options.on ? new PostgresLinkStore(options.on) : store,
      reader: new HttpFeedReader({
        baseUrls: agencyUrlsOf(config),
        secret: config.INTERNAL_TOKEN_SECRET,
        timeoutMs: 15_000,
        breakerResetMs: 60_000,
        logger,
      }),
      logger,
      referenceDate: options.referenceDate ?? REFERENCE_DATE,
      agencyWaitMs: 5000,
      refreshIntervalMs: 60_000,
      poll: false,
      resume: options.resume,
      rules: options.rules,
      linker: (sources, o) => {
        if (failLinks > 0) {
          failLinks--;
          throw new Error("linking failed");
        }
        links++;
        return defaultLinker(sources, o);
      },
    });
    indexers.push(i);
    return { indexer: i, logger, links: () => links, failNextLinks: (n: number) => void (failLinks = n) };
  }

  /** A steward's decision that the two records are not one person, recorded in the store alone. */
  const rejectPair = (a: string, b: string) =>
    store.recordDecisions([
      {
        a,
        b,
        decision: "NOT_SAME_PERSON",
        kind: "REJECT",
        decidedBy: "steward-1",
        decidedRole: "DATA_STEWARD",
        note: "test",
        probability: null,
      },
    ]);

  /** The feed calls since `marks` (by agency), as their kinds. */
  function callsSince(marks: Record<string, number>): string[] {
    return AGENCIES.flatMap((a) => feeds.byAgency[a].calls.slice(marks[a]).map((c) => `${a}:${c.kind}`));
  }
  const mark = () => Object.fromEntries(AGENCIES.map((a) => [a, feeds.byAgency[a].calls.length]));

  /** Starts a first indexer (a full build), stops it, and returns what it served. */
  async function firstRun() {
    const first = indexer();
    await first.indexer.start();
    const snapshot = first.indexer.current()!;
    await first.indexer.stop();
    return snapshot;
  }

  /** The same feeds indexed from scratch on a database of its own. */
  async function fullRebuild(referenceDate: IsoDate = REFERENCE_DATE) {
    const fresh = await openPglite();
    try {
      const freshStore = new PostgresLinkStore(fresh);
      await freshStore.migrate();
      const full = indexer({ on: fresh, resume: false, referenceDate });
      await full.indexer.start();
      await full.indexer.stop();
      return await seen(full.indexer.current()!, freshStore);
    } finally {
      await fresh.close();
    }
  }

  it("is ready from the stored generation without a whole read or a link, serving the same index", async () => {
    const before = await firstRun();
    expect(before.counts.records).toBe(19);
    const marks = mark();
    const { indexer: i, logger, links } = indexer();
    await i.start();
    expect(logger.events()).toContain("index.resumed");
    expect(logger.lines.find((l) => l.event === "index.ready")?.fields).toMatchObject({
      complete: true,
      resumed: true,
    });
    expect(links()).toBe(0);
    // Each agency was asked only what changed since the generation's change cursor (nothing).
    expect(callsSince(marks).sort()).toEqual(AGENCIES.map((a) => `${a}:changes`).sort());
    expect(i.lastUpdate).toMatchObject({ kind: "none" });
    const after = i.current()!;
    expect(after.buildId).toBe(before.buildId);
    expect((await seen(after, store)).hussains.length).toBeGreaterThan(1);
    expect(await seen(after, store)).toEqual(await seen(before, store));
    expect(after.model).toEqual(before.model);
  });

  it("links what changed while it was stopped, from the stored cursors, as a full rebuild would; and resumes again from that update", async () => {
    await firstRun();
    feeds.byAgency.maternity.upsert(newHussainBirth());
    const centres = feeds.byAgency["childrens-centres"];
    centres.remove(centres.records[centres.records.length - 1].localId);
    const marks = mark();
    const second = indexer();
    await second.indexer.start();
    expect(callsSince(marks).every((c) => c.endsWith(":changes"))).toBe(true);
    expect(second.indexer.lastUpdate).toMatchObject({ kind: "incremental", changedRecords: 2 });
    const resumed = second.indexer.current()!;
    const baby = resumed.personOf.get("maternity:BAB0000099")!;
    const view = await seen(resumed, store);
    const familyOf = (id: string) => view.families.find(([p]) => p === id)![1];
    expect(familyOf(baby)).not.toBeNull();
    expect(familyOf(baby)).toBe(familyOf(AMIRA));
    expect(view).toEqual(await fullRebuild());
    await second.indexer.stop();

    // The generation the update wrote (unchanged rows copied in the database) resumes too.
    const third = indexer();
    await third.indexer.start();
    expect(third.links()).toBe(0);
    expect(third.logger.events()).toContain("index.resumed");
    expect(await seen(third.indexer.current()!, store)).toEqual(view);
  });

  it("applies a review decision recorded after the generation was written (stopped before linking it)", async () => {
    const before = await firstRun();
    const amiras = [...before.personOf].filter(([, p]) => p === AMIRA).map(([k]) => k);
    expect(amiras.length).toBeGreaterThan(1);
    const [a, b] = amiras;
    await rejectPair(a, b);
    const { indexer: i, links } = indexer();
    await i.start();
    expect(links()).toBe(1); // the decision's records and their neighbours, not everything
    expect(i.lastUpdate).toMatchObject({ kind: "incremental" });
    const after = i.current()!;
    expect(after.personOf.get(a)).not.toBe(after.personOf.get(b));
  });

  it("links a decision recorded without its update by the next update, and a restart after that does not link it again", async () => {
    const first = indexer();
    await first.indexer.start();
    const before = first.indexer.current()!;
    const [a, b] = [...before.personOf].filter(([, p]) => p === AMIRA).map(([k]) => k);
    // Recorded, but the update applyDecisions queues never ran (stopped first, or a poll's update
    // wrote its generation before it): the next update links it all the same.
    await rejectPair(a, b);
    await first.indexer.poll();
    expect(first.indexer.lastUpdate).toMatchObject({ kind: "incremental" });
    const split = first.indexer.current()!;
    expect(split.personOf.get(a)).not.toBe(split.personOf.get(b));
    await first.indexer.stop();

    const { indexer: i, links } = indexer();
    await i.start();
    expect(links()).toBe(0);
    expect(i.lastUpdate).toMatchObject({ kind: "none" });
    expect(i.current()!.buildId).toBe(split.buildId);
    expect(i.current()!.personOf.get(a)).not.toBe(i.current()!.personOf.get(b));
  });

  it("keeps nothing half-resumed when resuming fails after the generation was read, or a stored source is not one: it links everything", async () => {
    await firstRun();
    const failing = indexer();
    jest.spyOn(store, "reviewDecisions").mockRejectedValueOnce(new Error("the link store went away"));
    await failing.indexer.start();
    expect(failing.logger.lines.find((l) => l.event === "index.resume_failed")?.fields).toMatchObject({
      then: "read_and_link_all",
    });
    expect(failing.links()).toBe(1);
    expect(failing.indexer.current()!.counts.records).toBe(19);
    expect(failing.indexer.current()!.missing).toEqual([]);
    await failing.indexer.stop();

    await db.query(`UPDATE fi_record SET source = '{"nhsNumber": null}' WHERE local_id = 'MAT0000001'`);
    const corrupt = indexer();
    await corrupt.indexer.start();
    expect(corrupt.logger.events()).toContain("index.resume_failed");
    expect(corrupt.links()).toBe(1);
    expect(corrupt.indexer.current()!.counts.records).toBe(19);
  });

  it("loses no change read when an update and the full build after it both fail: the next update links it", async () => {
    const { indexer: i, logger, failNextLinks } = indexer();
    await i.start();
    feeds.byAgency.maternity.upsert(newHussainBirth());
    failNextLinks(2); // the update's relink, then the full build it falls back to
    await i.poll();
    expect(logger.events()).toEqual(expect.arrayContaining(["index.update_failed", "index.build_failed"]));
    expect(i.current()!.personOf.has("maternity:BAB0000099")).toBe(false);
    await i.poll(); // nothing new to read: the change must still be there to link
    expect(i.lastUpdate).toMatchObject({ kind: "incremental", changedRecords: 1 });
    expect(i.current()!.personOf.has("maternity:BAB0000099")).toBe(true);
  });

  it("stops cleanly while resuming", async () => {
    await firstRun();
    const { indexer: i, logger } = indexer();
    const starting = i.start();
    await i.stop();
    await starting;
    expect(i.isReady()).toBe(false);
    expect(logger.events()).not.toContain("index.ready");
  });

  it("links everything again when the generation was linked another way, when resuming is off, and over a store from before resume points", async () => {
    await firstRun();
    const other = indexer({ rules: [nhsNumberAndDateOfBirth] });
    await other.indexer.start();
    expect(other.logger.lines.find((l) => l.event === "index.resume_skipped")?.fields).toMatchObject({
      reason: "linked_differently",
    });
    expect(other.links()).toBe(1);
    await other.indexer.stop();

    const off = indexer({ resume: false });
    await off.indexer.start();
    expect(off.logger.events()).not.toContain("index.resumed");
    expect(off.links()).toBe(1);
    await off.indexer.stop();

    // A store whose rows were written before sources were kept.
    await db.query(`UPDATE fi_record SET source = NULL`);
    const old = indexer();
    await old.indexer.start();
    expect(old.logger.lines.find((l) => l.event === "index.resume_skipped")?.fields).toMatchObject({
      reason: "nothing_to_resume",
    });
    expect(old.links()).toBe(1);
    expect(old.indexer.current()!.counts.records).toBe(19);
  });

  it("keeps an agency's stored records when it cannot be read at the restart, and reads an agency without a change log whole, linking only what differs", async () => {
    const before = await firstRun();
    const registration = feeds.byAgency.registration;
    for (let n = 1; n <= 5; n++) registration.failCalls.add(registration.calls.length + n);
    feeds.byAgency["health-visiting"].changeLog.enabled = false;
    const marks = mark();
    const { indexer: i, logger, links } = indexer();
    await i.start();
    expect(i.isReady()).toBe(true);
    expect(i.current()!.missing).toEqual([]);
    expect(await seen(i.current()!, store)).toEqual(await seen(before, store));
    expect(links()).toBe(0);
    expect(callsSince(marks)).toContain("health-visiting:whole");
    expect(
      logger.lines.find((l) => l.event === "index.agency_unavailable" && l.fields.agency === "registration")?.fields,
    ).toMatchObject({ then: "keeping_last_read" });
  });

  it("works families out again for a later reference date (children come of age), writing those that differ", async () => {
    const before = await firstRun();
    const later = "2045-06-01";
    const { indexer: i, logger, links } = indexer({ referenceDate: later });
    await i.start();
    expect(links()).toBe(0);
    const resumed = logger.lines.find((l) => l.event === "index.resumed")!.fields;
    expect(resumed.familiesRewritten).toBeGreaterThan(0);
    expect(i.current()!.buildId).not.toBe(before.buildId);
    const view = await seen(i.current()!, store);
    expect(view).not.toEqual(await seen(before, store));
    expect(view).toEqual(await fullRebuild(later));
  });

  it("links everything again, estimating its model afresh, when most records changed while it was stopped", async () => {
    await firstRun();
    for (const feed of Object.values(feeds.byAgency)) {
      const renamed = (id: string) => `${id}X`;
      feed.records = feed.records.map((r) => ({
        ...r,
        localId: renamed(r.localId),
        relations: r.relations.map((x) => ({ ...x, localId: renamed(x.localId) })),
      }));
      feed.changeLog.recreate();
    }
    const { indexer: i, logger, links } = indexer();
    await i.start();
    expect(logger.events()).toContain("index.most_records_changed");
    expect(links()).toBe(1);
    expect(i.lastUpdate).toMatchObject({ kind: "full" });
    expect([...i.current()!.personOf.keys()].every((k) => k.endsWith("X"))).toBe(true);
  });

  it("reads an agency whole when its stored change cursor is gone (its database made again), and keeps the new cursor, so the next restart reads only changes", async () => {
    await firstRun();
    feeds.byAgency.maternity.changeLog.recreate();
    const marks = mark();
    const { indexer: i, logger } = indexer();
    await i.start();
    expect(logger.events()).toContain("index.change_cursor_gone");
    expect(callsSince(marks)).toContain("maternity:whole");
    expect(i.lastUpdate).toMatchObject({ kind: "none" });
    expect(logger.lines.find((l) => l.event === "index.cursors_kept")?.fields).toMatchObject({ kept: true });
    await i.stop();

    const again = mark();
    const restarted = indexer();
    await restarted.indexer.start();
    expect(restarted.logger.events()).not.toContain("index.change_cursor_gone");
    expect(callsSince(again).filter((c) => c.endsWith(":whole"))).toEqual([]);
    expect(restarted.links()).toBe(0);
  });

  it("keeps cursors once, not at every poll, when an agency without a change log is read whole each time", async () => {
    await firstRun();
    feeds.byAgency["health-visiting"].changeLog.enabled = false;
    const { indexer: i, logger } = indexer();
    await i.start();
    await i.poll();
    await i.poll();
    expect(i.lastUpdate).toMatchObject({ kind: "none" });
    expect(logger.events().filter((e) => e === "index.cursors_kept")).toHaveLength(1);
  });
});

describe("resume point text", () => {
  it("keeps the model's term-frequency maps, and refuses text that is not a resume point", () => {
    const point = {
      fingerprint: "f",
      changeCursors: { maternity: "c1" },
      model: { tf: { givenName: new Map([["amira", 0.01]]), familyName: new Map() } },
      candidates: [],
      decisionsUpTo: 3,
    } as never;
    const back = parseResumePoint(serialiseResumePoint(point));
    expect(back).toEqual(point);
    expect(back.model!.tf.givenName.get("amira")).toBe(0.01);
    expect(() => parseResumePoint(`{"fingerprint": 1}`)).toThrow("not one");
    expect(() => parseResumePoint(`null`)).toThrow("not one");
  });
});
