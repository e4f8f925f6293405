import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EmbeddedStoreLocked, openPglite, type Db, type Logger } from "@ffd/shared";
import type { LinkedIndex, LinkedPerson, LinkedRecord } from "../linkage/types";
import { parseFamilyIndexConfig } from "../config";
import type { NewReviewDecision } from "./link-store.port";
import { openLinkStoreDb } from "./link-store.open";
import { PostgresLinkStore } from "./link-store.postgres";
import { secretEnv } from "../../../../tests/support/secrets";

/*
 * Without FAMILY_INDEX_DATABASE_URL the link store is embedded PGlite kept in the data folder, so
 * the data stewards' review decisions survive a restart. The folder is a fresh temp one.
 */

const DECISION: NewReviewDecision = {
  a: "maternity:MAT1",
  b: "health-visiting:HV1",
  decision: "SAME_PERSON",
  kind: "CONFIRM",
  decidedBy: "steward-1",
  decidedRole: "data-steward",
  note: "same mother, new surname",
  probability: 0.71,
};

/** The first PGlite open in a process compiles its WebAssembly and creates a database folder: slow on a loaded machine. */
const FIRST_OPEN_MS = 180_000;

describe("the embedded link store in a data folder", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "ffd-links-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    "keeps review decisions across a restart, says where, and is never opened twice at once",
    async () => {
      const config = parseFamilyIndexConfig({ NODE_ENV: "development", DATA_DIR: dataDir, ...secretEnv() });
      const infos: { event: string; fields?: Record<string, unknown> }[] = [];
      const logger: Logger = {
        debug: () => undefined,
        info: (event, fields) => void infos.push({ event, fields }),
        warn: () => undefined,
        error: () => undefined,
      };

      const first = await openLinkStoreDb(config, logger);
      let recorded;
      try {
        expect(infos).toContainEqual({
          event: "embedded.data",
          fields: { store: "family-index", folder: path.join(dataDir, "family-index") },
        });
        await expect(openLinkStoreDb(config, logger)).rejects.toBeInstanceOf(EmbeddedStoreLocked);
        const store = new PostgresLinkStore(first);
        await store.migrate();
        recorded = await store.recordDecisions([DECISION]);
      } finally {
        await first.close();
      }

      const second = await openLinkStoreDb(config, logger);
      try {
        const store = new PostgresLinkStore(second);
        await store.migrate();
        expect(await store.reviewLog()).toEqual(recorded);
        expect(await store.reviewDecisions()).toEqual([{ a: DECISION.a, b: DECISION.b, decision: "SAME_PERSON" }]);
      } finally {
        await second.close();
      }
    },
    FIRST_OPEN_MS,
  );

  it(
    "gives the planner the statistics of each generation as written (PGlite never analyses on its own)",
    async () => {
      await withMigratedStore(async (db, store) => {
        const estimated = async (table: string) =>
          Number(
            (
              await db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = $1`, [table])
            )[0].n,
          );
        await store.writeBuild(syntheticIndex(100), info);
        expect(await estimated("fi_record")).toBe(100);
        // A larger build: the estimate follows it (old generation removed at the next build's start).
        await store.writeBuild(syntheticIndex(2000), info);
        expect(await estimated("fi_record")).toBe(2100);
        expect(await estimated("fi_person")).toBe(2100);
      });
    },
    FIRST_OPEN_MS,
  );

  it(
    "does not grow by a whole index per build: old generations' rows are vacuumed (PGlite has no autovacuum)",
    async () => {
      await withMigratedStore(async (db, store) => {
        const index = syntheticIndex(3000);
        const size = async () =>
          Number((await db.query<{ n: string }>(`SELECT pg_relation_size('fi_record')::text AS n`))[0].n);
        await store.writeBuild(index, info);
        await store.writeBuild(index, info);
        const twoGenerations = await size();
        for (let i = 0; i < 6; i++) await store.writeBuild(index, info);
        // Eight builds in, no more than the two generations kept (and a little slack), not eight.
        expect(await size()).toBeLessThanOrEqual(twoGenerations * 1.5);
      });
    },
    FIRST_OPEN_MS,
  );
});

/** A build's info: maternity alone. */
const info = { agencies: ["maternity" as const], missing: [], startedAt: new Date() };

/** Runs `use` over a migrated link store in a fresh in-memory PGlite, closed after. */
async function withMigratedStore(use: (db: Db, store: PostgresLinkStore) => Promise<void>): Promise<void> {
  const db = await openPglite();
  try {
    const store = new PostgresLinkStore(db);
    await store.migrate();
    await use(db, store);
  } finally {
    await db.close();
  }
}

/** An index of `n` records, one person each, in no family. */
function syntheticIndex(n: number): LinkedIndex {
  const records: LinkedRecord[] = [];
  const persons: LinkedPerson[] = [];
  for (let i = 0; i < n; i++) {
    const localId = `MAT${String(i).padStart(7, "0")}`;
    const personId = `P${i}`;
    records.push({
      agency: "maternity",
      localId,
      personId,
      rule: "ANCHOR",
      confidence: 1,
      linkedTo: null,
      nhsNumber: null,
      givenName: `Given${i}`,
      familyName: `Family${i}`,
      dateOfBirth: "1990-01-01",
      sex: "FEMALE",
      postcode: "ZZ1 1ZZ",
      householdId: null,
      careUnit: null,
    });
    persons.push({
      id: personId,
      anchor: `maternity:${localId}`,
      nhsNumber: null,
      givenName: `Given${i}`,
      familyName: `Family${i}`,
      dateOfBirth: "1990-01-01",
      sex: "FEMALE",
      postcode: "ZZ1 1ZZ",
      familyId: null,
    });
  }
  return { records, persons, families: [] };
}
