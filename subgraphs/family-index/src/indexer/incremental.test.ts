import { createLogger, openPglite, type Agency, type Db, type IdentityRecord } from "@ffd/shared";
import { createServer, type FamilyIndexServer } from "../server";
import type { IndexSnapshot } from "./indexer";
import type { SearchCriteria } from "../search/search-index";
import { personIdFor } from "../linkage/ids";
import { neighbourKeys } from "./incremental";
import type { SourceRecord } from "../linkage/types";
import { startFeeds, testConfig, type Feeds } from "../testing/harness";
import { AMIRA_NHS, newHussainBirth, storyFeeds, UNITS } from "../testing/story.fixture";

const logger = createLogger("family-index", "silent");
const FILLER_FAMILIES = 150;

/** The story plus filler families (a mother and a baby in maternity and health visiting, a centres household). */
function boroughFeeds(): Record<Agency, IdentityRecord[]> {
  const feeds = storyFeeds();
  const pad = (n: number) => String(n).padStart(4, "0");
  for (let i = 0; i < FILLER_FAMILIES; i++) {
    const family = `Filler${String.fromCharCode(65 + (i % 26))}${pad(i)}`;
    const postcode = `DY${2 + (i % 7)} ${1 + (i % 9)}${String.fromCharCode(65 + (i % 20))}${String.fromCharCode(66 + (i % 19))}`;
    const mumDob = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    const babyDob = `2024-0${1 + (i % 9)}-2${i % 10}`;
    const base = { sex: null, relations: [] };
    feeds.maternity.push(
      {
        ...base,
        localId: `MATF${pad(i)}`,
        nhsNumber: null,
        givenName: `Mum${pad(i)}`,
        familyName: family,
        dateOfBirth: mumDob,
        sex: "FEMALE",
        postcode,
      },
      {
        ...base,
        localId: `BABF${pad(i)}`,
        nhsNumber: null,
        givenName: null,
        familyName: family,
        dateOfBirth: babyDob,
        postcode,
        relations: [{ localId: `MATF${pad(i)}`, relationship: "MOTHER" }],
      },
    );
    feeds["health-visiting"].push(
      {
        ...base,
        localId: `9${pad(i)}1`,
        nhsNumber: null,
        givenName: `Mum${pad(i)}`,
        familyName: family,
        dateOfBirth: mumDob,
        postcode,
      },
      {
        ...base,
        localId: `9${pad(i)}2`,
        nhsNumber: null,
        givenName: `Kid${pad(i)}`,
        familyName: family,
        dateOfBirth: babyDob,
        postcode,
        relations: [{ localId: `9${pad(i)}1`, relationship: "MOTHER" }],
      },
    );
    feeds["childrens-centres"].push({
      ...base,
      localId: `MF${pad(i)}`,
      nhsNumber: null,
      givenName: `Mum${pad(i)}`,
      familyName: family,
      dateOfBirth: mumDob,
      postcode,
      householdId: `HF${pad(i)}`,
    });
  }
  return feeds;
}

let feeds: Feeds;
let db: Db;
let server: FamilyIndexServer;

beforeAll(async () => {
  feeds = await startFeeds(boroughFeeds());
  db = await openPglite();
  server = createServer({ db, config: testConfig(feeds), logger });
  await server.store.migrate();
  await server.refresh();
});
afterAll(async () => {
  await server.indexer.stop();
  await feeds.stop();
  await db.close();
});

/** record key -> person id, and person id -> family members, as the index holds them now. */
async function view(s: FamilyIndexServer, on: Db = db) {
  const snapshot = s.indexer.current()!;
  const rows = await on.query<{ k: string; person_id: string; family_id: string | null }>(
    `SELECT r.agency || ':' || r.local_id AS k, r.person_id, p.family_id
       FROM fi_record r JOIN fi_person p ON p.build_id = r.build_id AND p.person_id = r.person_id
      WHERE r.build_id = $1 ORDER BY 1`,
    [snapshot.buildId],
  );
  const members = await on.query<{ family_id: string; person_id: string; relationship: string }>(
    `SELECT family_id, person_id, relationship FROM fi_family_member WHERE build_id = $1 ORDER BY 1, 2`,
    [snapshot.buildId],
  );
  return { rows, members };
}

/** The feeds as they are now, indexed from scratch: its view and snapshot (its database closed). */
async function fullRebuild() {
  const fresh = await openPglite();
  try {
    const full = createServer({ db: fresh, config: testConfig(feeds), logger });
    await full.store.migrate();
    await full.refresh();
    return { ...(await view(full, fresh)), snapshot: full.indexer.current()! };
  } finally {
    await fresh.close();
  }
}

/** Searches for every record's names and date of birth give the same people in both indexes. */
function expectSameSearches(a: IndexSnapshot, b: IndexSnapshot): void {
  const records = [...a.personOf.keys()].slice(0, 400);
  expect(records.length).toBeGreaterThan(100);
  for (const k of records) {
    const source = [...feeds.byAgency[k.slice(0, k.indexOf(":")) as Agency].records].find(
      (r) => r.localId === k.slice(k.indexOf(":") + 1),
    );
    if (!source?.familyName) continue;
    const query: SearchCriteria = { familyName: source.familyName };
    if (source.givenName) query.givenName = source.givenName;
    if (source.dateOfBirth) query.dateOfBirth = source.dateOfBirth;
    const ids = (s: IndexSnapshot) => s.search.search(query).map((h) => [h.personId, h.score]);
    expect(ids(a)).toEqual(ids(b));
  }
}

describe("keeping up with the agencies", () => {
  it("polls by reading the change log only, not the whole feed", async () => {
    const calls = feeds.byAgency.maternity.calls.length;
    await server.indexer.poll();
    expect(feeds.byAgency.maternity.calls.slice(calls).every((c) => c.kind === "changes")).toBe(true);
  });

  it("does nothing when no agency record changed", async () => {
    const before = server.indexer.current()!.buildId;
    await server.indexer.poll();
    expect(server.indexer.lastUpdate).toMatchObject({ kind: "none", changedRecords: 0, relinkedRecords: 0 });
    expect(server.indexer.current()!.buildId).toBe(before);
  });

  it("links a new birth to the mother's family, relinking only the records near it, as a full rebuild would", async () => {
    const total = server.indexer.current()!.counts.records;
    const calls = feeds.byAgency.maternity.calls.length;
    feeds.byAgency.maternity.upsert(newHussainBirth());
    await server.indexer.poll();
    // Only what changed was read: one change read, no page of the whole feed.
    expect(feeds.byAgency.maternity.calls.slice(calls).map((c) => c.kind)).toEqual(["changes"]);
    const stats = server.indexer.lastUpdate!;
    expect(stats.kind).toBe("incremental");
    expect(stats.changedRecords).toBe(1);
    expect(stats.totalRecords).toBe(total + 1);
    expect(stats.relinkedRecords).toBeGreaterThan(1);
    expect(stats.relinkedRecords).toBeLessThan(total / 20);

    const amira = personIdFor("maternity:MAT0000001");
    const baby = personIdFor("maternity:BAB0000099");
    const incremental = await view(server);
    const familyOf = (id: string) => incremental.rows.find((r) => r.person_id === id)!.family_id;
    expect(familyOf(baby)).not.toBeNull();
    expect(familyOf(baby)).toBe(familyOf(amira));
    expect(
      incremental.members.filter((m) => m.family_id === familyOf(amira) && m.person_id === baby)[0].relationship,
    ).toBe("CHILD");

    // The same data rebuilt from scratch gives exactly the same links and families.
    const full = await fullRebuild();
    expect(incremental.rows).toEqual(full.rows);
    expect(incremental.members).toEqual(full.members);
    // And the same search results, from the search index updated with the change.
    expectSameSearches(server.indexer.current()!, full.snapshot);
  });

  it("follows a changed and a removed record, and a new centres registration joins its household", async () => {
    const hv = feeds.byAgency["health-visiting"].records;
    const amiraHv = hv.find((r) => r.nhsNumber === AMIRA_NHS)!;
    feeds.byAgency["health-visiting"].upsert({ ...amiraHv, nhsNumber: null }); // a changed record: relinked with its neighbours
    feeds.byAgency.maternity.remove("BABF0003");
    feeds.byAgency["childrens-centres"].upsert({
      localId: "MF9999",
      nhsNumber: null,
      givenName: "New",
      familyName: "Kid",
      dateOfBirth: "2025-01-02",
      sex: "FEMALE",
      postcode: "DY2 1AB",
      relations: [],
      householdId: "HF0000",
    });
    await server.indexer.poll();
    expect(server.indexer.lastUpdate).toMatchObject({ kind: "incremental", changedRecords: 3 });
    const { rows, members } = await view(server);
    expect(rows.find((r) => r.k === "maternity:BABF0003")).toBeUndefined();
    const newKid = rows.find((r) => r.k === "childrens-centres:MF9999")!;
    const mum = rows.find((r) => r.k === "childrens-centres:MF0000")!;
    expect(newKid.family_id).toBe(mum.family_id);
    expect(members.find((m) => m.person_id === newKid.person_id)!.relationship).toBe("CHILD");

    const full = await fullRebuild();
    expect(rows).toEqual(full.rows);
    expectSameSearches(server.indexer.current()!, full.snapshot);
  });

  it("follows a record moving to another care unit: the store and the relationship index hold the new one", async () => {
    // Grace Bell (no family) moves from provider RNA to RL4; nothing else about her changes.
    const grace = feeds.byAgency.maternity.records.find((r) => r.localId === "MAT0000003")!;
    expect(grace.careUnit).toBe(UNITS.providerRNA);
    feeds.byAgency.maternity.upsert({ ...grace, careUnit: UNITS.providerRL4 });
    await server.indexer.poll();
    expect(server.indexer.lastUpdate).toMatchObject({ kind: "incremental", changedRecords: 1 });
    const snapshot = server.indexer.current()!;
    const [stored] = await server.store.recordsByKeys(snapshot.buildId, ["maternity:MAT0000003"]);
    expect(stored?.careUnit).toBe(UNITS.providerRL4);
    const person = { id: personIdFor("maternity:MAT0000003"), familyId: null };
    expect(snapshot.careUnits.unitsOf(person)).toEqual([UNITS.providerRL4]);
  });
});

describe("an agency read landing while an update waits", () => {
  it("is relinked by the next update, not recorded as already linked", async () => {
    // A review decision's update for a record starts and waits (here on the review decisions);
    // meanwhile a poll reads a change to that record. The first update links the old values;
    // the poll's own update must then link the new ones, as a full rebuild would.
    const maternity = feeds.byAgency.maternity;
    const mum = maternity.records.find((r) => r.localId === "MATF0007")!;
    const other = maternity.records.find((r) => r.localId === "MATF0011")!;
    const key = "maternity:MATF0007";
    const indexer = server.indexer as unknown as { dirty: Set<string> };
    let reached!: () => void;
    const waiting = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const decisions = server.store.reviewDecisions.bind(server.store);
    const spy = jest.spyOn(server.store, "reviewDecisions").mockImplementationOnce(async () => {
      reached();
      await gate;
      return decisions();
    });
    try {
      const first = server.indexer.applyDecisions([key]);
      await waiting;
      // She now holds the other mother's name, date of birth and postcode.
      maternity.upsert({
        ...mum,
        givenName: other.givenName,
        familyName: other.familyName,
        dateOfBirth: other.dateOfBirth,
        postcode: other.postcode,
      });
      const second = server.indexer.poll();
      while (!indexer.dirty.has(key)) await new Promise((r) => setTimeout(r, 5));
      release();
      await first;
      await second;
    } finally {
      spy.mockRestore();
    }
    const { rows } = await view(server);
    const full = await fullRebuild();
    // The renamed record left its old person: what the full rebuild says of it, the index says.
    const of = (list: { k: string; person_id: string }[]) => list.find((r) => r.k === key)!.person_id;
    expect(of(rows)).toBe(of(full.rows));
    expect(rows).toEqual(full.rows);
  });
});

describe("an agency that can no longer answer its change cursor", () => {
  it("is read whole instead, and what the change reads already applied is not counted again", async () => {
    const maternity = feeds.byAgency.maternity;
    const grace = maternity.records.find((r) => r.localId === "MAT0000003")!;
    maternity.upsert({ ...grace, familyName: "Bell-Renamed" });
    await server.indexer.poll();
    expect(server.indexer.lastUpdate).toMatchObject({ kind: "incremental", changedRecords: 1 });

    maternity.changeLog.enabled = false; // its change log gone: the cursor is answered 410
    const calls = maternity.calls.length;
    try {
      await server.indexer.poll();
      expect(maternity.calls.slice(calls).map((c) => c.kind)).toEqual(["changes", "whole"]);
      // The whole read holds nothing the last update had not linked.
      expect(server.indexer.lastUpdate).toMatchObject({ kind: "none", changedRecords: 0 });
    } finally {
      maternity.changeLog.enabled = true;
    }
    await server.indexer.poll(); // read whole once more, with a change cursor again
    const again = maternity.calls.length;
    await server.indexer.poll();
    expect(maternity.calls.slice(again).map((c) => c.kind)).toEqual(["changes"]);
  });
});

describe("an agency whose change log is another than its cursor's, or that refuses its cursor", () => {
  /** Polls once: maternity's change cursor is asked, refused, and maternity read whole, with the warning naming it alone. */
  async function pollReadingMaternityWhole(callsBefore: number): Promise<void> {
    const warn = jest.spyOn(logger, "warn");
    try {
      await server.indexer.poll();
      expect(feeds.byAgency.maternity.calls.slice(callsBefore).map((c) => c.kind)).toEqual(["changes", "whole"]);
      expect(warn).toHaveBeenCalledWith("index.change_cursor_gone", { agency: "maternity", then: "whole_read" });
    } finally {
      warn.mockRestore();
    }
  }

  it("its database generated again (another change log): read whole, with a warning naming the agency, and what changed is indexed", async () => {
    const maternity = feeds.byAgency.maternity;
    await server.indexer.poll();
    // The database generated again: a new log (no changes in it) and a record that differs.
    maternity.changeLog.recreate();
    const grace = maternity.records.find((r) => r.localId === "MAT0000003")!;
    maternity.records = [...maternity.records.filter((r) => r !== grace), { ...grace, familyName: "Bell-Regenerated" }];
    const calls = maternity.calls.length;
    await pollReadingMaternityWhole(calls);
    expect(server.indexer.lastUpdate).toMatchObject({ changedRecords: 1 });
    const { rows } = await view(server);
    expect(rows).toEqual((await fullRebuild()).rows);
    // From the new log's cursor on, changes only.
    const again = maternity.calls.length;
    await server.indexer.poll();
    expect(maternity.calls.slice(again).map((c) => c.kind)).toEqual(["changes"]);
  });

  it("a change cursor the agency refuses (400) is read whole instead of failing every poll", async () => {
    const maternity = feeds.byAgency.maternity;
    await server.indexer.poll();
    const calls = maternity.calls.length;
    maternity.refuseCalls.add(calls + 1);
    await pollReadingMaternityWhole(calls);
    const again = maternity.calls.length;
    await server.indexer.poll();
    expect(maternity.calls.slice(again).map((c) => c.kind)).toEqual(["changes"]);
  });
});

describe("many changes at once", () => {
  it("a record new in one poll is found as a neighbour in the next (the link state follows changes)", async () => {
    const base = {
      nhsNumber: null,
      givenName: "Ottilie",
      familyName: "Quennell",
      dateOfBirth: "1991-02-03",
      sex: "FEMALE" as const,
      postcode: "DY5 9ZZ",
      relations: [],
    };
    feeds.byAgency.maternity.upsert({ ...base, localId: "MATQ000001" });
    await server.indexer.poll();
    feeds.byAgency["health-visiting"].upsert({ ...base, localId: "99990001" });
    await server.indexer.poll();
    expect(server.indexer.lastUpdate!.kind).toBe("incremental");
    const personOf = server.indexer.current()!.personOf;
    expect(personOf.get("health-visiting:99990001")).toBe(personOf.get("maternity:MATQ000001"));
  });

  it("random changes across agencies over two polls: the same links, families and search results as a full rebuild", async () => {
    // A small seeded generator, so a failure can be replayed.
    let seed = 20261203;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const agencies: Agency[] = ["maternity", "health-visiting", "childrens-centres"];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 12; i++) {
        const feed = feeds.byAgency[pick(agencies)];
        const r = pick(feed.records);
        const change = pick(["rename", "move", "dob", "remove", "copy"] as const);
        if (change === "rename") feed.upsert({ ...r, familyName: `${r.familyName ?? "X"}e` });
        else if (change === "move") feed.upsert({ ...r, postcode: pick(feed.records).postcode });
        else if (change === "dob") feed.upsert({ ...r, dateOfBirth: pick(feed.records).dateOfBirth });
        else if (change === "remove") feed.remove(r.localId);
        // A new record for the same person (a second registration).
        else feed.upsert({ ...r, localId: `${r.localId}N${round}${i}`, relations: [] });
      }
      await server.indexer.poll();
      expect(server.indexer.lastUpdate!.kind).toBe("incremental");
    }

    const full = await fullRebuild();
    const incremental = await view(server);
    expect(incremental.rows).toEqual(full.rows);
    expect(incremental.members).toEqual(full.members);
    expectSameSearches(server.indexer.current()!, full.snapshot);
  });
});

describe("neighbour keys", () => {
  const rec = (r: Partial<SourceRecord>): SourceRecord => ({
    agency: "childrens-centres",
    localId: "M1",
    nhsNumber: null,
    givenName: null,
    familyName: null,
    dateOfBirth: null,
    sex: "FEMALE",
    postcode: null,
    relations: [],
    ...r,
  });

  it("make a record without a date of birth, moved and with its names swapped, a neighbour of its person", () => {
    const amira = rec({ givenName: "Amira", familyName: "Hussain", dateOfBirth: "1994-03-12", postcode: "DY1 4QT" });
    const moved = rec({ localId: "M2", givenName: "Hussain", familyName: "Amira", postcode: "B1 1AA" });
    const shared = neighbourKeys(amira).filter((k) => neighbourKeys(moved).includes(k));
    // Only the key of the blocking pass for names either way round without a date of birth.
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatch(/^b\d+\|/);
  });
});
