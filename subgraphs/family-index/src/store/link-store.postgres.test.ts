import { connectPostgres, openPglite, type Db } from "@ffd/shared";
import {
  describeEachDatabase,
  dropDatabase,
  freshDatabase,
  RUN_ID,
  type DatabaseVariant,
} from "../../../../tests/support/postgres";
import { buildLinkedIndex } from "../linkage/build";
import { recordKey, type LinkedIndex } from "../linkage/types";
import { dropLinkStore } from "../testing/harness";
import { REFERENCE_DATE, storyRecords, UNITS } from "../testing/story.fixture";
import { PostgresLinkStore } from "./link-store.postgres";

/*
 * The link store on both databases it runs on: embedded PGlite always, the real PostgreSQL
 * server when reachable (required in CI), in a database of this test process's own. What is
 * checked here is what the rest of the suite does not reach: each record's care unit, written
 * and read back, through a full build, an incremental generation, and a store from before care
 * units existed.
 */

interface Variant extends DatabaseVariant {
  open(): Promise<Db>;
  done(): Promise<void>;
}

const pgName = `ffd_link_store_${RUN_ID}`;
const variants: Variant[] = [
  { name: "PGlite", open: () => openPglite(), done: async () => undefined },
  {
    name: "PostgreSQL",
    postgres: true,
    open: async () => connectPostgres(await freshDatabase(pgName)),
    done: () => dropDatabase(pgName),
  },
];

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
