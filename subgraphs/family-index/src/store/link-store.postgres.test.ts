import { loadLocalityDirectory, SYNTHETIC_BOROUGH_REFERENCE, type Db } from "@ffd/shared";
import { describeEachDatabase, pgliteAndPostgres } from "../../../../tests/support/postgres";
import { buildLinkedIndex } from "../linkage/build";
import { recordKey, type LinkedIndex, type SourceRecord } from "../linkage/types";
import type { ResumePoint } from "../indexer/resume";
import { dropLinkStore } from "../testing/harness";
import { REFERENCE_DATE, storyRecords, UNITS, ZARA_DOB } from "../testing/story.fixture";
import type { ChildrenAtPostcode, ChildrenByPostcodeQuery } from "./link-store.port";
import { PostgresLinkStore } from "./link-store.postgres";

/*
 * The link store on both databases it runs on: embedded PGlite always, the real PostgreSQL
 * server when reachable (required in CI), in a database of this test process's own. What is
 * checked here is what the rest of the suite does not reach: each record's care unit, written
 * and read back, through a full build, an incremental generation, and a store from before care
 * units existed; and the locality profile's counts by postcode.
 */

const variants = pgliteAndPostgres("ffd_link_store");

const INFO = { agencies: ["maternity", "health-visiting", "childrens-centres", "registration"] as const, missing: [] };
const info = () => ({ ...INFO, agencies: [...INFO.agencies], startedAt: new Date() });

function storyIndex(): LinkedIndex {
  return buildLinkedIndex(storyRecords(), { referenceDate: REFERENCE_DATE }).index;
}

describeEachDatabase(variants)("link store on $name: care units", (variant) => {
  let db: Db;
  let store: PostgresLinkStore;

  beforeAll(async () => {
    db = await variant.open();
  });
  afterAll(async () => {
    await db.close();
    await variant.done();
  });
  beforeEach(async () => {
    await dropLinkStore(db);
    store = new PostgresLinkStore(db);
    await store.migrate();
  });

  it("writes each record's care unit and reads it back, by key and by person", async () => {
    const index = storyIndex();
    const buildId = await store.writeBuild(index, info());
    const keys = index.records.map((r) => recordKey(r.agency, r.localId));
    const read = await store.recordsByKeys(buildId, keys);
    expect(read.map((r) => r?.careUnit)).toEqual(index.records.map((r) => r.careUnit));
    // The story's units are all there, and registration's records hold none.
    expect(new Set(read.map((r) => r!.careUnit))).toEqual(new Set([...Object.values(UNITS), null]));
    expect(read.filter((r) => r!.agency === "registration").every((r) => r!.careUnit === null)).toBe(true);

    const amira = index.records.find((r) => r.agency === "maternity" && r.localId === "MAT0000001")!;
    const [ofAmira] = await store.recordsByPersonIds(buildId, [amira.personId]);
    const unitByKey = (records: typeof index.records) =>
      new Map(records.map((r) => [recordKey(r.agency, r.localId), r.careUnit]));
    expect(unitByKey(ofAmira)).toEqual(unitByKey(index.records.filter((r) => r.personId === amira.personId)));
    expect(ofAmira.find((r) => r.agency === "maternity")?.careUnit).toBe(UNITS.providerRNA);
    expect(ofAmira.find((r) => r.agency === "health-visiting")?.careUnit).toBe(UNITS.caseload1);
  });

  it("keeps care units of rows copied into an incremental generation, and writes a changed one", async () => {
    const index = storyIndex();
    const first = await store.writeBuild(index, info());
    // Zara moves to caseload 2: only her health visiting record is written again.
    const moved = index.records.map((r) =>
      r.agency === "health-visiting" && r.localId === "102" ? { ...r, careUnit: UNITS.caseload2 } : r,
    );
    const second = await store.writeChanges(
      first,
      { ...index, records: moved },
      { records: new Set(["health-visiting:102"]), persons: new Set(), families: new Set() },
      info(),
    );
    const keys = moved.map((r) => recordKey(r.agency, r.localId));
    expect((await store.recordsByKeys(second, keys)).map((r) => r?.careUnit)).toEqual(moved.map((r) => r.careUnit));
  });

  it("adds the care unit column to a store made before care units were fed", async () => {
    await dropLinkStore(db);
    // fi_record as it was before: no care_unit column.
    await db.exec(`CREATE TABLE fi_record (
      build_id INTEGER NOT NULL, agency TEXT NOT NULL, local_id TEXT NOT NULL, person_id TEXT NOT NULL,
      rule TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, linked_to TEXT, nhs_number TEXT,
      given_name TEXT, family_name TEXT, date_of_birth DATE, sex TEXT, postcode TEXT, household_id TEXT,
      PRIMARY KEY (build_id, agency, local_id))`);
    await store.migrate();
    const index = storyIndex();
    const buildId = await store.writeBuild(index, info());
    const [zara] = await store.recordsByKeys(buildId, ["childrens-centres:M0000002"]);
    expect(zara?.careUnit).toBe(UNITS.centreCC01);
  });
});

/** The profile's counts worked out from the index in memory, person by person: what the SQL must agree with. */
function countedInMemory(index: LinkedIndex, q: ChildrenByPostcodeQuery): ChildrenAtPostcode[] {
  const known = new Set(index.records.filter((r) => r.agency === q.knownTo).map((r) => r.personId));
  const byPostcode = new Map<string, ChildrenAtPostcode>();
  for (const p of index.persons) {
    if (!p.dateOfBirth || p.dateOfBirth < q.bornFrom || p.dateOfBirth > q.bornTo) continue;
    if (!p.postcode || !q.sectors.includes(p.postcode.slice(0, -2))) continue;
    const c = byPostcode.get(p.postcode) ?? { postcode: p.postcode, children: 0, known: 0, recent: 0, recentKnown: 0 };
    const recent = p.dateOfBirth >= q.recentFrom;
    c.children += 1;
    if (known.has(p.id)) c.known += 1;
    if (recent) c.recent += 1;
    if (recent && known.has(p.id)) c.recentKnown += 1;
    byPostcode.set(p.postcode, c);
  }
  return [...byPostcode.values()].sort((a, b) => (a.postcode < b.postcode ? -1 : 1));
}

describeEachDatabase(variants)("link store on $name: children by postcode (the locality profile)", (variant) => {
  let db: Db;
  let store: PostgresLinkStore;
  const borough = loadLocalityDirectory(SYNTHETIC_BOROUGH_REFERENCE);
  const everySector = borough.localities().flatMap((l) => borough.sectorsOf(l.id));
  // Under-5s and the births of the 12 months to the story's reference date (2025-06-01).
  const QUERY: ChildrenByPostcodeQuery = {
    bornFrom: "2020-06-02",
    bornTo: REFERENCE_DATE,
    recentFrom: "2024-06-02",
    knownTo: "childrens-centres",
    sectors: everySector,
  };

  beforeAll(async () => {
    db = await variant.open();
    await dropLinkStore(db);
    store = new PostgresLinkStore(db);
    await store.migrate();
  });
  afterAll(async () => {
    await db.close();
    await variant.done();
  });

  it("counts each postcode's children, those a centre knows, and the recent births, as the index holds them", async () => {
    const index = storyIndex();
    const buildId = await store.writeBuild(index, info());
    const counts = await store.childrenByPostcode(buildId, QUERY);
    expect(counts).toEqual(countedInMemory(index, QUERY));
    // The story's children: Zara (45 days old, known to a centre) at DY1 4QT; Tobi Okafor (born
    // 2024-02-02, no centre) at DY2 8PP; the two children of the centre's household at DY3 1AA.
    expect(counts).toEqual([
      { postcode: "DY1 4QT", children: 1, known: 1, recent: 1, recentKnown: 1 },
      { postcode: "DY2 8PP", children: 1, known: 0, recent: 0, recentKnown: 0 },
      { postcode: "DY3 1AA", children: 2, known: 2, recent: 0, recentKnown: 0 },
    ]);
    expect(ZARA_DOB >= QUERY.recentFrom).toBe(true);
  });

  it("counts only the sectors asked for and the window's dates of birth, inclusive; nothing for no sector", async () => {
    const index = storyIndex();
    const buildId = await store.writeBuild(index, info());
    const netherby = { ...QUERY, sectors: borough.sectorsOf("netherby") };
    expect(await store.childrenByPostcode(buildId, netherby)).toEqual(countedInMemory(index, netherby));
    expect((await store.childrenByPostcode(buildId, netherby)).map((c) => c.postcode)).toEqual(["DY3 1AA"]);
    // Zara's date of birth as the first day of the window, then the day after it.
    const fromZara = { ...QUERY, bornFrom: ZARA_DOB, recentFrom: ZARA_DOB };
    expect(await store.childrenByPostcode(buildId, fromZara)).toEqual([
      { postcode: "DY1 4QT", children: 1, known: 1, recent: 1, recentKnown: 1 },
    ]);
    expect(await store.childrenByPostcode(buildId, { ...fromZara, bornFrom: "2025-04-18" })).toEqual([]);
    expect(await store.childrenByPostcode(buildId, { ...QUERY, sectors: [] })).toEqual([]);
    // Another agency's knowing: maternity knows Zara and Tobi, not the centre's household.
    expect(await store.childrenByPostcode(buildId, { ...QUERY, knownTo: "maternity" })).toEqual(
      countedInMemory(index, { ...QUERY, knownTo: "maternity" }),
    );
  });
});

describeEachDatabase(variants)("link store on $name: a generation loaded whole, to resume from", (variant) => {
  let db: Db;
  let store: PostgresLinkStore;

  beforeAll(async () => {
    db = await variant.open();
  });
  afterAll(async () => {
    await db.close();
    await variant.done();
  });
  beforeEach(async () => {
    await dropLinkStore(db);
    // Seven rows a page: the story's 19 records, 9 people and their families take several pages.
    store = new PostgresLinkStore(db, { loadPage: 7 });
    await store.migrate();
  });

  const POINT: ResumePoint = {
    fingerprint: "linked-so",
    changeCursors: { maternity: "cursor-1" },
    model: null,
    candidates: [{ a: "maternity:MAT0000001", b: "childrens-centres:M0000001", probability: 0.5, evidence: [] }],
    decisionsUpTo: 4,
  };
  const resumeOf = (sources: readonly SourceRecord[], point = POINT) => {
    const byKey = new Map(sources.map((s) => [recordKey(s.agency, s.localId), s]));
    return { point, sourceOf: (k: string) => byKey.get(k) };
  };
  const sorted = <T>(xs: readonly T[]) => [...xs].map((x) => JSON.stringify(x)).sort();
  /** Sources by record key (compared field by field, whatever their key order). */
  const byKey = (xs: readonly SourceRecord[]) => new Map(xs.map((x) => [recordKey(x.agency, x.localId), x]));
  const canonicalFamilies = (index: Pick<LinkedIndex, "families">) =>
    sorted(index.families.map((f) => ({ ...f, members: sorted(f.members) })));

  it("gives back the generation as written: records, people, families, every record's source, the resume point", async () => {
    const sources = storyRecords();
    const index = storyIndex();
    const buildId = await store.writeBuild(index, { ...info(), resume: resumeOf(sources) });
    const loaded = (await store.loadGeneration())!;
    expect(loaded.buildId).toBe(buildId);
    expect(loaded.agencies).toEqual(INFO.agencies);
    expect(loaded.missing).toEqual([]);
    expect(sorted(loaded.records)).toEqual(sorted(index.records));
    expect(sorted(loaded.persons)).toEqual(sorted(index.persons));
    expect(canonicalFamilies(loaded)).toEqual(canonicalFamilies(index));
    // Each record's source beside it, as the feed gave it (relations, household, care unit).
    expect(loaded.sources.map((s) => recordKey(s.agency, s.localId))).toEqual(
      loaded.records.map((r) => recordKey(r.agency, r.localId)),
    );
    expect(byKey(loaded.sources)).toEqual(byKey(sources));
    expect(loaded.point).toEqual(POINT);
  });

  it("loads an incremental generation: unchanged rows' sources copied, a changed record's new one written", async () => {
    const sources = storyRecords();
    const index = storyIndex();
    const first = await store.writeBuild(index, { ...info(), resume: resumeOf(sources) });
    const changed = sources.map((s) =>
      s.agency === "maternity" && s.localId === "MAT0000001" ? { ...s, postcode: "DY1 9ZZ" } : s,
    );
    const key = "maternity:MAT0000001";
    const point = { ...POINT, changeCursors: { maternity: "cursor-2" } };
    await store.writeChanges(
      first,
      index,
      { records: new Set([key]), persons: new Set(), families: new Set() },
      { ...info(), resume: resumeOf(changed, point) },
    );
    const loaded = (await store.loadGeneration())!;
    expect(byKey(loaded.sources)).toEqual(byKey(changed));
    expect(loaded.point.changeCursors).toEqual({ maternity: "cursor-2" });
    expect(sorted(loaded.records)).toEqual(sorted(index.records));
  });

  it("has nothing to resume from before a build, after one written without sources, or over a store from before them", async () => {
    expect(await store.loadGeneration()).toBeNull();
    await store.writeBuild(storyIndex(), info());
    expect(await store.loadGeneration()).toBeNull();
    await store.writeBuild(storyIndex(), { ...info(), resume: resumeOf(storyRecords()) });
    expect(await store.loadGeneration()).not.toBeNull();
    await db.query(`UPDATE fi_record SET source = NULL WHERE local_id = 'MAT0000001'`);
    expect(await store.loadGeneration()).toBeNull();
  });

  it("replaces a generation's change cursors and nothing else of its resume point; none without one", async () => {
    const withPoint = await store.writeBuild(storyIndex(), { ...info(), resume: resumeOf(storyRecords()) });
    const cursors = { maternity: "cursor-9", registration: "cursor-3" };
    expect(await store.updateResumeCursors(withPoint, cursors)).toBe(true);
    expect((await store.loadGeneration())!.point).toEqual({ ...POINT, changeCursors: cursors });
    const without = await store.writeBuild(storyIndex(), info());
    expect(await store.updateResumeCursors(without, cursors)).toBe(false);
  });

  it("refuses to write a record it has no source for, and a resume point that is not one", async () => {
    const sources = storyRecords().filter((s) => s.localId !== "MAT0000001");
    await expect(store.writeBuild(storyIndex(), { ...info(), resume: resumeOf(sources) })).rejects.toThrow("no source");
    await store.writeBuild(storyIndex(), { ...info(), resume: resumeOf(storyRecords()) });
    await db.query(`UPDATE fi_resume SET point = '{"fingerprint": 3}'`);
    await expect(store.loadGeneration()).rejects.toThrow("not one");
  });
});
