import { generateBorough, seedAgencyDatabase, type Borough } from "@ffd/borough";
import {
  createLogger,
  MemoryCache,
  openPglite,
  PostgresIdentityChangeLog,
  RecordCacheInvalidator,
  type Agency,
  type Db,
  type RecordInvalidation,
} from "@ffd/shared";
import { createServer as childrensCentres } from "../subgraphs/childrens-centres/src/server";
import { createServer as childrensSocialCare } from "../subgraphs/childrens-social-care/src/server";
import { createServer as healthVisiting } from "../subgraphs/health-visiting/src/server";
import { createServer as maternity } from "../subgraphs/maternity/src/server";
import { createServer as registration } from "../subgraphs/registration/src/server";
import { parsePersonLocalId } from "../subgraphs/registration/src/source/registration.ids";
import { TEST_SECRETS } from "./support/secrets";

/*
 * Each agency's change log covers every table its cached records read: every record of every
 * cached method is read through the agency server's record cache, then every table those records
 * read is changed, in the agency's own terms; after the agency's change log is read
 * (RecordCacheInvalidator, polled by hand), every cached answer is the system's answer now. A
 * table whose trigger is missing leaves some record as it was before the change, until the TTL.
 */
const borough: Borough = generateBorough({ seed: 11, referenceDate: "2025-06-30", families: 60, noise: "default" });
const config = { INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET, REFERENCE_DATE: "2025-06-30" };
const logger = createLogger("test", "silent");

type Read = (keys: readonly unknown[]) => Promise<unknown[]>;
interface Built {
  /** The server's port, with the record cache in front of it. */
  source: RecordInvalidation & Record<string, unknown>;
}

interface Case {
  agency: Agency;
  build(db: Db, runtime: { recordCache: { cache: MemoryCache; ttlSeconds: number } }): Promise<Built>;
  /** Each cached method and the keys to read it for, from the agency's local ids. */
  methods: Record<string, (localIds: string[]) => unknown[]>;
  /** A change to each table a cached record reads, one statement each. */
  changes: string[];
}

const ids = (localIds: string[]) => localIds;
/** The statements of a script, one each (none of them holds a semicolon of its own). */
const statements = (script: string) =>
  script
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
const mothers = (localIds: string[]) => localIds.filter((id) => id.startsWith("MAT"));
const babies = (localIds: string[]) => localIds.filter((id) => id.startsWith("BAB"));

const CASES: Case[] = [
  {
    agency: "maternity",
    build: (db, runtime) => maternity({ db, config, logger, runtime }) as unknown as Promise<Built>,
    methods: { mothers, births: babies, pregnanciesOfMothers: mothers },
    changes: statements(`
      UPDATE msd000_org SET org_name = org_name || ' (renamed)';
      UPDATE msd101_preg_booking SET gest_age_booking = gest_age_booking + 1
       WHERE preg_id = (SELECT preg_id FROM msd101_preg_booking ORDER BY preg_id LIMIT 1);
      UPDATE msd401_baby_demog SET birth_weight = birth_weight + 10
       WHERE baby_local_id = (SELECT baby_local_id FROM msd401_baby_demog ORDER BY baby_local_id OFFSET 2 LIMIT 1);`),
  },
  {
    agency: "health-visiting",
    build: (db, runtime) => healthVisiting({ db, config, logger, runtime }) as unknown as Promise<Built>,
    methods: { patientsByLocalIds: ids },
    changes: statements(`
      UPDATE hv_caseload SET named_hv = named_hv || ' (cover)'
       WHERE caseload_id = (SELECT min(caseload_id) FROM hv_caseload);
      INSERT INTO hv_contact (contact_id, pat_id, contact_dt, contact_type_cd, outcome_cd, staff_name)
        SELECT (SELECT max(contact_id) + 1 FROM hv_contact), f.pat_id, '01/02/2025', 'ANT', 'ATT', 'Test'
          FROM hv_family_rel f WHERE f.rel_cd = 'MTH' ORDER BY f.rel_pat_id LIMIT 1;
      UPDATE hv_contact SET outcome_cd = 'DNA'
       WHERE contact_id = (SELECT min(contact_id) FROM hv_contact);
      DELETE FROM hv_family_rel
       WHERE (pat_id, rel_pat_id) = (SELECT pat_id, rel_pat_id FROM hv_family_rel WHERE rel_cd = 'MTH' ORDER BY 2 LIMIT 1);
      UPDATE hv_patient SET post_cd = 'ZZ1 1ZZ' WHERE pat_id = (SELECT max(pat_id) FROM hv_patient);`),
  },
  {
    agency: "childrens-centres",
    build: (db, runtime) => childrensCentres({ db, config, logger, runtime }) as unknown as Promise<Built>,
    methods: { membersByRef: ids },
    changes: statements(`UPDATE cc_member SET last_name = 'Renamed'
               WHERE member_ref = (SELECT member_ref FROM cc_member ORDER BY member_ref OFFSET 2 LIMIT 1);`),
  },
  {
    agency: "registration",
    build: (db, runtime) => registration({ db, config, logger, runtime }) as unknown as Promise<Built>,
    methods: {
      entriesByRef: (localIds) => [
        ...new Map(
          localIds
            .map(parsePersonLocalId)
            .filter((p) => p !== null)
            .map((p) => [`${p.district}:${p.entryNumber}`, { district: p.district, entryNumber: p.entryNumber }]),
        ).values(),
      ],
    },
    changes: statements(`UPDATE ron_birth_reg SET registrar_name = 'Renamed'
               WHERE (reg_district, entry_no) = (SELECT reg_district, entry_no FROM ron_birth_reg ORDER BY 1, 2 OFFSET 1 LIMIT 1);`),
  },
  {
    agency: "childrens-social-care",
    build: (db, runtime) =>
      childrensSocialCare({ db, config, logger, runtime, today: () => "2025-06-30" }) as unknown as Promise<Built>,
    methods: { clients: ids },
    changes: statements(`
      UPDATE csc_worker SET wkr_phone = '01384 000000' WHERE wkr_id = (SELECT min(alloc_wkr_id) FROM csc_client);
      INSERT INTO csc_episode (episode_id, client_no, episode_typ, start_dt, end_dt, abuse_cat)
        SELECT (SELECT coalesce(max(episode_id), 0) + 1 FROM csc_episode), max(client_no), 'CPP', '20250601', '', 'NEG'
          FROM csc_client;
      INSERT INTO csc_cp_review (episode_id, review_dt)
        SELECT max(episode_id), '20250620' FROM csc_episode;
      UPDATE csc_client SET alloc_wkr_id = NULL WHERE client_no = (SELECT min(client_no) FROM csc_client);`),
  },
];

describe.each(CASES)("$agency record cache and its change log", ({ agency, build, methods, changes }) => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await seedAgencyDatabase(db, borough.databases[agency]);
  });
  afterAll(() => db.close());

  it("after a change to every table a cached record reads, the log drops every record that changed", async () => {
    const cache = new MemoryCache(1_000_000);
    const { source } = await build(db, { recordCache: { cache, ttlSeconds: 300 } });
    const uncached = await build(db, { recordCache: { cache: new MemoryCache(), ttlSeconds: 0 } });
    const feed = (
      await (source.identityFeed as (a: null, n: number) => Promise<{ localId: string }[]>)(null, 5000)
    ).map((r) => r.localId);
    const keys = Object.fromEntries(Object.entries(methods).map(([m, of]) => [m, of(feed)]));
    const readAll = async (from: Built["source"]) =>
      Object.fromEntries(
        await Promise.all(
          Object.keys(methods).map(async (m) => [m, JSON.stringify(await (from[m] as Read)(keys[m]))] as const),
        ),
      );
    const invalidator = new RecordCacheInvalidator({
      agency,
      changes: new PostgresIdentityChangeLog(db),
      cache: source,
      intervalMs: 1000,
      logger,
    });
    await invalidator.poll();
    await readAll(source); // now cached
    for (const m of Object.keys(methods)) expect(keys[m].length).toBeGreaterThan(2);

    // One table at a time: each change shows in some cached record, which stays as it was
    // until the log is read, and then every cached record is the system's answer now.
    for (const statement of changes) {
      const before = await readAll(source);
      await db.exec(statement);
      const now = await readAll(uncached.source);
      expect({ statement, changed: Object.keys(methods).some((m) => now[m] !== before[m]) }).toEqual({
        statement,
        changed: true,
      });
      expect(await readAll(source)).toEqual(before);
      await invalidator.poll();
      const after = await readAll(source);
      for (const m of Object.keys(methods)) {
        const cached = JSON.parse(after[m]) as unknown[];
        const fresh = JSON.parse(now[m]) as unknown[];
        // Record by record, so that a failure names the stale ones' positions only.
        const stale = cached
          .map((c, i) => (JSON.stringify(c) === JSON.stringify(fresh[i]) ? -1 : i))
          .filter((i) => i >= 0);
        expect({ statement, m, stale }).toEqual({ statement, m, stale: [] });
      }
    }
  });
});
