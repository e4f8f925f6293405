import { generateBorough, seedAgencyDatabase, type Borough } from "@ffd/borough";
import { openPglite, PostgresIdentityChangeLog, type Agency, type Db, type IdentityRecord } from "@ffd/shared";
import { PostgresChildrensCentresSource } from "../subgraphs/childrens-centres/src/source/childrens-centres.postgres";
import { PostgresChildrensSocialCareSource } from "../subgraphs/childrens-social-care/src/source/childrens-social-care.postgres";
import { PostgresHealthVisitingSource } from "../subgraphs/health-visiting/src/source/health-visiting.postgres";
import { PostgresMaternitySource } from "../subgraphs/maternity/src/source/maternity.postgres";
import { PostgresRegistrationSource } from "../subgraphs/registration/src/source/registration.postgres";

/*
 * Each agency's identity change log (its triggers beside its schema, installed by the seed after
 * the rows): after changes to every table its identity feed reads, every record whose identity
 * record differs (changed, new or gone) is named by the log, and the port's identityRecords gives
 * each named record as the whole feed now does (or none, for one gone). A record the log misses
 * would stay wrong in family-index until its next whole read.
 */
const borough: Borough = generateBorough({ seed: 11, referenceDate: "2025-06-30", families: 60, noise: "default" });

interface Case {
  agency: Agency;
  source: (db: Db) => {
    identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]>;
    identityRecords(ids: readonly string[]): Promise<IdentityRecord[]>;
  };
  /** Changes to every table the feed reads, in the agency's own terms. */
  changes: string;
}

const CASES: Case[] = [
  {
    agency: "maternity",
    source: (db) => new PostgresMaternitySource(db),
    changes: `
      UPDATE msd001_mother_demog SET postcode_usual_address = 'ZZ1 1ZZ'
       WHERE local_patient_id = (SELECT local_patient_id_mother FROM msd401_baby_demog ORDER BY baby_local_id LIMIT 1);
      UPDATE msd401_baby_demog SET baby_forename = 'Renamed'
       WHERE baby_local_id = (SELECT baby_local_id FROM msd401_baby_demog ORDER BY baby_local_id OFFSET 3 LIMIT 1);
      DELETE FROM msd401_baby_demog
       WHERE baby_local_id = (SELECT baby_local_id FROM msd401_baby_demog ORDER BY baby_local_id OFFSET 5 LIMIT 1);`,
  },
  {
    agency: "health-visiting",
    source: (db) => new PostgresHealthVisitingSource(db),
    changes: `
      UPDATE hv_patient SET surname = 'Renamed' WHERE pat_id = (SELECT min(pat_id) FROM hv_patient);
      DELETE FROM hv_family_rel
       WHERE (pat_id, rel_pat_id) = (SELECT pat_id, rel_pat_id FROM hv_family_rel ORDER BY 1, 2 OFFSET 2 LIMIT 1);`,
  },
  {
    agency: "childrens-centres",
    source: (db) => new PostgresChildrensCentresSource(db),
    changes: `
      UPDATE cc_household SET postcode = 'zz1 1zz' WHERE hh_ref = (SELECT hh_ref FROM cc_member ORDER BY member_ref LIMIT 1);
      UPDATE cc_member SET hh_ref = (SELECT max(hh_ref) FROM cc_household)
       WHERE member_ref = (SELECT member_ref FROM cc_member ORDER BY member_ref OFFSET 4 LIMIT 1);
      UPDATE cc_member SET last_name = 'Renamed'
       WHERE member_ref = (SELECT member_ref FROM cc_member ORDER BY member_ref OFFSET 7 LIMIT 1);`,
  },
  {
    agency: "childrens-social-care",
    source: (db) => new PostgresChildrensSocialCareSource(db),
    changes: `UPDATE csc_client SET surname = 'Renamed' WHERE client_no = (SELECT min(client_no) FROM csc_client);`,
  },
  {
    agency: "registration",
    source: (db) => new PostgresRegistrationSource(db),
    changes: `
      UPDATE ron_birth_reg SET mother_usual_addr_postcode = 'ZZ1 1ZZ'
       WHERE (reg_district, entry_no) = (SELECT reg_district, entry_no FROM ron_birth_reg ORDER BY 1, 2 LIMIT 1);
      DELETE FROM ron_birth_reg
       WHERE (reg_district, entry_no) = (SELECT reg_district, entry_no FROM ron_birth_reg ORDER BY 1, 2 OFFSET 3 LIMIT 1);`,
  },
];

describe.each(CASES)("$agency identity change log", ({ agency, source, changes }) => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await seedAgencyDatabase(db, borough.databases[agency]);
  });
  afterAll(() => db.close());

  it("names every record whose identity changed, and identityRecords gives each as the feed now does", async () => {
    const port = source(db);
    const log = new PostgresIdentityChangeLog(db);
    const since = (await log.position())?.horizon;
    expect(since).toEqual(expect.stringMatching(/^\d+$/));
    const before = new Map((await port.identityFeed(null, 5000)).map((r) => [r.localId, JSON.stringify(r)]));
    expect(before.size).toBeGreaterThan(2);

    await db.exec(changes);

    const after = new Map((await port.identityFeed(null, 5000)).map((r) => [r.localId, r]));
    const differ = new Set<string>();
    for (const [id, r] of after) if (before.get(id) !== JSON.stringify(r)) differ.add(id);
    for (const id of before.keys()) if (!after.has(id)) differ.add(id);
    expect(differ.size).toBeGreaterThan(0);

    const logged = new Set(
      (await log.changes(since!, (await log.position())!.horizon, null, 10_000)).map((c) => c.localId),
    );
    for (const id of differ) expect(logged).toContain(id);

    const named = await port.identityRecords([...logged]);
    expect(named.map((r) => r.localId).sort()).toEqual([...logged].filter((id) => after.has(id)).sort());
    for (const r of named) expect(r).toEqual(after.get(r.localId));
  });
});
