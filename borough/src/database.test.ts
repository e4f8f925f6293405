import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { AGENCIES, createLogger, openPglite, pgliteVersion } from "@ffd/shared";
import { CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG } from "./agencies/childrens-centres.schema";
import { CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG } from "./agencies/childrens-social-care.schema";
import { HEALTH_VISITING_IDENTITY_CHANGE_LOG } from "./agencies/health-visiting.schema";
import { MATERNITY_IDENTITY_CHANGE_LOG } from "./agencies/maternity.schema";
import { REGISTRATION_IDENTITY_CHANGE_LOG } from "./agencies/registration.schema";
import { openAgencyDatabase, openEmbeddedAgencyDatabase, seedAgencyDatabase } from "./database";
import { generateBorough } from "./generate";
import { TRUTH_CSV_HEADER, truthCsv } from "./truth";

/** The rows fit each agency's DDL: seeded into PGlite, every table holds exactly its rows. */
describe("seeding the agency databases", () => {
  const borough = generateBorough({ seed: 5, referenceDate: "2025-06-01", families: 200, noise: "hard" });

  it.each(AGENCIES.map((a) => [a]))("%s: every row fits the schema", async (agency) => {
    const db = await openPglite();
    try {
      const data = borough.databases[agency];
      await seedAgencyDatabase(db, data);
      for (const t of data.tables) {
        const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.table}`);
        expect({ table: t.table, n }).toEqual({ table: t.table, n: t.rows.length });
      }
      if (agency === "childrens-centres") {
        // Timestamps at midnight keep their form through the database.
        const [m] = await db.query<{ date_of_birth: string }>(
          "SELECT date_of_birth FROM cc_member WHERE member_ref = 'M1000003'",
        );
        expect(m.date_of_birth).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
      }
    } finally {
      await db.close();
    }
  });
});

describe("openAgencyDatabase without a server", () => {
  it("seeds an embedded database with the borough and makes it read-only", async () => {
    const options = { seed: 5, referenceDate: "2025-06-01", families: 20, noise: "default" as const };
    const db = await openAgencyDatabase("registration", undefined, options, createLogger("test", "silent"));
    try {
      const rows = await db.query<{ child_forenames: string }>(
        "SELECT child_forenames FROM ron_birth_reg WHERE child_nhs_no = '4857773465'",
      );
      expect(rows).toEqual([{ child_forenames: "Zara" }]);
      await expect(db.exec("DELETE FROM ron_birth_reg")).rejects.toThrow(/read-only/);
    } finally {
      await db.close();
    }
  });
});

describe("an agency's embedded database kept in the data folder", () => {
  let dataDir: string;
  const events: Record<string, unknown>[] = [];
  const logger = {
    ...createLogger("test", "silent"),
    info: (event: string, fields: Record<string, unknown> = {}) => void events.push({ event, ...fields }),
  };
  const borough = { seed: 5, referenceDate: "2025-06-01", families: 20, dataDir: "" };
  const open = (over: Partial<typeof borough> = {}) =>
    openEmbeddedAgencyDatabase("registration", { ...borough, dataDir, ...over }, logger);
  const entries = async (db: Awaited<ReturnType<typeof open>>) =>
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ron_birth_reg"))[0].n;
  const lastOpened = () => events.filter((e) => e.event === "agency_db.embedded").at(-1)?.kept;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-agency-db-"));
    events.length = 0;
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("is generated on the first start, kept as it is on the next, and read-only both times", async () => {
    const first = await open();
    const n = await entries(first);
    expect(lastOpened()).toBe("generated");
    // Analysed once seeded (PGlite runs no autovacuum): the planner knows the tables' sizes.
    const [{ reltuples }] = await first.query<{ reltuples: number }>(
      "SELECT reltuples FROM pg_class WHERE relname = 'ron_birth_reg'",
    );
    expect(Number(reltuples)).toBe(n);
    await expect(first.exec("DELETE FROM ron_birth_reg")).rejects.toThrow(/read-only/);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, "agencies", "registration", "PG_VERSION"))).toBe(true);

    const again = await open();
    try {
      expect(lastOpened()).toBe("kept from the last start");
      expect(await entries(again)).toBe(n);
      const rows = await again.query<{ child_forenames: string }>(
        "SELECT child_forenames FROM ron_birth_reg WHERE child_nhs_no = '4857773465'",
      );
      expect(rows).toEqual([{ child_forenames: "Zara" }]);
      await expect(again.exec("DELETE FROM ron_birth_reg")).rejects.toThrow(/read-only/);
    } finally {
      await again.close();
    }
  });

  it("is generated again, whole, when the borough asked for differs", async () => {
    const small = await open();
    const n = await entries(small);
    await small.close();
    const larger = await open({ families: 40 });
    try {
      expect(lastOpened()).toBe("generated");
      expect(await entries(larger)).toBeGreaterThan(n);
      const fresh = await openPglite();
      await seedAgencyDatabase(
        fresh,
        generateBorough({ seed: 5, referenceDate: "2025-06-01", families: 40, noise: "default" }).databases
          .registration,
      );
      expect(await entries(larger)).toBe(await entries(fresh));
      await fresh.close();
    } finally {
      await larger.close();
    }
  });

  it("is generated again when the last start stopped before it was complete", async () => {
    const first = await open();
    await first.exec("SET default_transaction_read_only = off");
    await first.exec("DROP TABLE ffd_generated_from");
    await first.close();
    const again = await open();
    try {
      expect(lastOpened()).toBe("generated");
      expect(await entries(again)).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });

  it("names what it was kept for: the kit's change log statements and the PGlite version too", async () => {
    const first = await open();
    const logId = async (db: Awaited<ReturnType<typeof open>>) =>
      (await db.query<{ log_id: string }>("SELECT log_id FROM ffd_change_log"))[0].log_id;
    const firstLog = await logId(first);
    const [{ options }] = await first.query<{ options: string }>("SELECT options FROM ffd_generated_from");
    expect(JSON.parse(options)).toMatchObject({
      changeLog: createHash("sha256")
        .update(
          [
            MATERNITY_IDENTITY_CHANGE_LOG,
            HEALTH_VISITING_IDENTITY_CHANGE_LOG,
            CHILDRENS_CENTRES_IDENTITY_CHANGE_LOG,
            REGISTRATION_IDENTITY_CHANGE_LOG,
            CHILDRENS_SOCIAL_CARE_IDENTITY_CHANGE_LOG,
          ].join("\0"),
        )
        .digest("hex"),
      pglite: pgliteVersion(),
    });
    await first.close();
    // Kept: the same change log, so family-index's cursors still hold.
    const kept = await open();
    expect(lastOpened()).toBe("kept from the last start");
    expect(await logId(kept)).toBe(firstLog);
    await kept.close();
    // As if the kit's change log statements, or PGlite, had changed since it was generated.
    for (const field of ["changeLog", "pglite"]) {
      const db = await open();
      expect(lastOpened()).toBe("kept from the last start");
      const before = await logId(db);
      await db.exec("SET default_transaction_read_only = off");
      await db.query("UPDATE ffd_generated_from SET options = $1", [
        JSON.stringify({ ...JSON.parse(options), [field]: "another" }),
      ]);
      await db.close();
      const again = await open();
      try {
        expect(lastOpened()).toBe("generated");
        // Generated again: another change log, whose cursors are not the last one's.
        expect(await logId(again)).not.toBe(before);
      } finally {
        await again.close();
      }
    }
  });

  it("is held by one process at a time", async () => {
    const first = await open();
    try {
      await expect(open()).rejects.toThrow(/is open in a process/);
    } finally {
      await first.close();
    }
  });

  it("is in memory, generated on every start, without a data folder", async () => {
    const db = await openEmbeddedAgencyDatabase("registration", { ...borough, dataDir: null }, logger);
    try {
      expect(lastOpened()).toBe("in memory");
      expect(await entries(db)).toBeGreaterThan(0);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe("truthCsv", () => {
  it("writes the linkage evaluation format, quoting as RFC 4180", () => {
    const csv = truthCsv([
      {
        source: "childrens-centres",
        localId: "M1000001",
        givenName: "Amirah",
        familyName: 'O\'Brien, "Jr"',
        dateOfBirth: "1994-03-12",
        sex: null,
        postcode: "DY1 4QT",
        nhsNumber: null,
        personId: "P1",
        familyId: "F1",
      },
    ]);
    expect(csv).toBe(
      `${TRUTH_CSV_HEADER}\r\nchildrens-centres,M1000001,Amirah,"O'Brien, ""Jr""",1994-03-12,,DY1 4QT,,P1\r\n`,
    );
    expect(TRUTH_CSV_HEADER).toBe(
      "source,local_id,given_name,family_name,date_of_birth,sex,postcode,nhs_number,cluster_id",
    );
  });

  it("has one line per truth record", () => {
    const b = generateBorough({ seed: 5, referenceDate: "2025-06-01", families: 50, noise: "default" });
    expect(truthCsv(b.truth).split("\r\n").length).toBe(b.truth.length + 2);
  });
});
