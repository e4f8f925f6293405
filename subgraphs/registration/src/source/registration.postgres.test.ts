import { REGISTRATION_SCHEMA } from "@ffd/borough";
import { AgencyRowsInvalid, CountingDb, openPglite, Sex, type Db, type IdentityRecord } from "@ffd/shared";
import { FIXTURE_LOCAL_IDS, FIXTURE_ROWS, openFixtureDb } from "../testing/fixtures";
import { PostgresRegistrationSource } from "./registration.postgres";
import { ParentKind } from "./registration.port";

describe("PostgresRegistrationSource", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresRegistrationSource;

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    source = new PostgresRegistrationSource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  it("translates an entry with a father, registered at a children's centre", async () => {
    const [entry] = await source.entriesByRef([{ district: "Northbrook", entryNumber: 101 }]);
    expect(entry).toEqual({
      id: "Northbrook:101",
      district: "Northbrook",
      entryNumber: 101,
      registeredOn: "2024-02-12",
      registeredAtChildrensCentre: true,
      venue: "Northbrook Children's Centre",
      placeOfBirth: "Northbrook General Hospital",
      informant: "Mother and father",
      // The fixture entry names no registrar (registrar_name is nullable).
      registrar: null,
      child: {
        forenames: "Lily Rose",
        surname: "Okafor",
        sex: Sex.FEMALE,
        dateOfBirth: "2024-01-01",
        nhsNumber: "9434765919",
      },
      mother: {
        kind: ParentKind.MOTHER,
        forenames: "Grace",
        surname: "Okafor",
        maidenSurname: "Adeyemi",
        dateOfBirth: "1990-05-05",
      },
      secondParent: {
        kind: ParentKind.FATHER,
        forenames: "Daniel",
        surname: "Okafor",
        maidenSurname: null,
        dateOfBirth: "1988-07-07",
      },
      postcode: "NB1 2AB",
    });
  });

  it("translates codes: sex 1/2/other, second parent F/P/none (any case), Y/N (any case), blank NHS number", async () => {
    const entries = await source.entriesByRef([
      { district: "Northbrook", entryNumber: 102 },
      { district: "Northbrook", entryNumber: 103 },
      { district: "Southmere", entryNumber: 7 },
    ]);
    const [tom, ava, sam] = entries.map((e) => e!);
    expect([tom.child.sex, ava.child.sex, sam.child.sex]).toEqual([Sex.MALE, Sex.FEMALE, Sex.UNKNOWN]);
    expect(tom.secondParent).toBeNull();
    expect(ava.secondParent).toEqual({
      kind: ParentKind.SECOND_FEMALE_PARENT,
      forenames: "Chloe",
      surname: "Jones",
      maidenSurname: null,
      dateOfBirth: null,
    });
    expect(sam.secondParent?.kind).toBe(ParentKind.FATHER);
    expect([tom.registeredAtChildrensCentre, ava.registeredAtChildrensCentre, sam.registeredAtChildrensCentre]).toEqual(
      [false, false, true],
    );
    expect([tom.child.nhsNumber, ava.child.nhsNumber, sam.child.nhsNumber]).toEqual([null, null, "4010232137"]);
    expect([tom.postcode, ava.postcode, sam.postcode]).toEqual(["NB1 2AB", "NB3 9XY", "SM4 7QQ"]);
    expect(ava.mother.maidenSurname).toBeNull();
  });

  it("answers a batch in key order with null for unknown entries, in one query", async () => {
    const entries = await source.entriesByRef([
      { district: "Southmere", entryNumber: 7 },
      { district: "Nowhere", entryNumber: 1 },
      { district: "Northbrook", entryNumber: 101 },
      { district: "Northbrook", entryNumber: 7 },
    ]);
    expect(entries.map((e) => e?.id ?? null)).toEqual(["Southmere:7", null, "Northbrook:101", null]);
    expect(counting.count).toBe(1);
  });

  it("asks nothing for an empty batch", async () => {
    expect(await source.entriesByRef([])).toEqual([]);
    expect(counting.count).toBe(0);
  });

  it("feeds one identity record per person on each entry, with relations within the entry and no care unit", async () => {
    const records = await source.identityFeed(null, 5000);
    expect(records.map((r) => r.localId)).toEqual(FIXTURE_LOCAL_IDS);
    const byId = new Map(records.map((r) => [r.localId, r]));
    // Registering a birth is not care of the family: no record names a care unit.
    expect(records.every((r) => r.careUnit === null)).toBe(true);
    expect(byId.get("Northbrook:101:child")).toEqual<IdentityRecord>({
      localId: "Northbrook:101:child",
      nhsNumber: "9434765919",
      givenName: "Lily Rose",
      familyName: "Okafor",
      dateOfBirth: "2024-01-01",
      sex: "FEMALE",
      postcode: "NB1 2AB",
      relations: [
        { localId: "Northbrook:101:mother", relationship: "MOTHER" },
        { localId: "Northbrook:101:parent2", relationship: "FATHER" },
      ],
      householdId: null,
      careUnit: null,
    });
    expect(byId.get("Northbrook:101:mother")).toEqual<IdentityRecord>({
      localId: "Northbrook:101:mother",
      nhsNumber: null,
      givenName: "Grace",
      familyName: "Okafor",
      dateOfBirth: "1990-05-05",
      sex: "FEMALE",
      postcode: "NB1 2AB",
      relations: [{ localId: "Northbrook:101:child", relationship: "CHILD" }],
      householdId: null,
      careUnit: null,
    });
    expect(byId.get("Northbrook:101:parent2")).toMatchObject({
      sex: "MALE",
      nhsNumber: null,
      givenName: "Daniel",
      dateOfBirth: "1988-07-07",
      postcode: "NB1 2AB",
    });
    expect(byId.get("Northbrook:102:child")?.relations).toEqual([
      { localId: "Northbrook:102:mother", relationship: "MOTHER" },
    ]);
    expect(byId.get("Northbrook:103:child")?.relations).toContainEqual({
      localId: "Northbrook:103:parent2",
      relationship: "SECOND_PARENT",
    });
    expect(byId.get("Northbrook:103:parent2")).toMatchObject({
      sex: "FEMALE",
      dateOfBirth: null,
      relations: [{ localId: "Northbrook:103:child", relationship: "CHILD" }],
    });
    expect(byId.get("Southmere:7:child")).toMatchObject({ sex: "UNKNOWN", postcode: "SM4 7QQ" });
  });

  it.each([1, 2, 3, 4, 5, 10, 11, 12])("pages exactly with limit %i, each page one query", async (limit) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      counting.reset();
      const page = await source.identityFeed(after, limit);
      expect(counting.count).toBe(1);
      expect(page.length).toBeLessThanOrEqual(limit);
      seen.push(...page.map((r) => r.localId));
      if (page.length < limit) break;
      after = page[page.length - 1].localId;
    }
    expect(seen).toEqual(FIXTURE_LOCAL_IDS);
  });

  it("resumes inside an entry after the cursor's role", async () => {
    expect((await source.identityFeed("Northbrook:101:child", 2)).map((r) => r.localId)).toEqual([
      "Northbrook:101:mother",
      "Northbrook:101:parent2",
    ]);
    expect((await source.identityFeed("Northbrook:101:mother", 2)).map((r) => r.localId)).toEqual([
      "Northbrook:101:parent2",
      "Northbrook:102:child",
    ]);
    expect((await source.identityFeed("Southmere:7:parent2", 2)).map((r) => r.localId)).toEqual([]);
  });

  it("refuses a cursor that is not a registration local id", async () => {
    await expect(source.identityFeed("Northbrook:101", 10)).rejects.toThrow(RangeError);
  });
});

describe("PostgresRegistrationSource over rows that break the system's contract", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await db.exec(REGISTRATION_SCHEMA);
    await db.exec(FIXTURE_ROWS);
    // A registration-at-centre flag outside its code set, and a second parent with a type but no names.
    await db.exec(`
      INSERT INTO ron_birth_reg (reg_district, entry_no, date_of_reg, child_forenames, child_surname, child_sex, child_dob,
        place_of_birth, mother_forenames, mother_surname, mother_dob, informant_qual, reg_venue, reg_at_cc_ind, parent2_type)
      VALUES ('Northbrook', 104, '2024-01-10', 'Bad', 'Flag', '1', '2024-01-02', 'Home', 'Ann', 'Flag', '1990-01-01', 'Mother', 'Register Office', 'X', NULL),
             ('Northbrook', 105, '2024-01-10', 'No', 'Names', '1', '2024-01-02', 'Home', 'Bea', 'Names', '1990-01-01', 'Mother', 'Register Office', 'N', 'F');
    `);
  });
  afterAll(() => db.close());

  it("fails the whole read on such rows (the kit's one bad-row policy), naming the columns not the values", async () => {
    const source = new PostgresRegistrationSource(db);
    const err = await source
      .entriesByRef([
        { district: "Northbrook", entryNumber: 104 },
        { district: "Northbrook", entryNumber: 105 },
        { district: "Northbrook", entryNumber: 102 },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgencyRowsInvalid);
    expect((err as AgencyRowsInvalid).count).toBe(2);
    expect((err as AgencyRowsInvalid).columns).toEqual(["parent2_forenames", "parent2_surname", "reg_at_cc_ind"]);
    expect(JSON.stringify({ ...(err as object), message: (err as Error).message })).not.toMatch(/Bad|Flag|Names/);
    // The good entry alone still reads.
    const good = await source.entriesByRef([{ district: "Northbrook", entryNumber: 102 }]);
    expect(good.map((e) => e?.id)).toEqual(["Northbrook:102"]);
  });

  it("fails the read on a child's sex outside the register's code set, naming the column not the value", async () => {
    const broken = await openFixtureDb();
    try {
      await broken.exec(`UPDATE ron_birth_reg SET child_sex = 'Q' WHERE reg_district = 'Southmere' AND entry_no = 7`);
      const source = new PostgresRegistrationSource(broken);
      const err = await source.entriesByRef([{ district: "Southmere", entryNumber: 7 }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AgencyRowsInvalid);
      expect((err as AgencyRowsInvalid).count).toBe(1);
      expect((err as AgencyRowsInvalid).columns).toEqual(["child_sex"]);
      // '0' (not known) and '9' (not specified) are codes of the set: not stated, not broken.
      await broken.exec(`UPDATE ron_birth_reg SET child_sex = '9' WHERE reg_district = 'Southmere' AND entry_no = 7`);
      const [sam] = await source.entriesByRef([{ district: "Southmere", entryNumber: 7 }]);
      expect(sam?.child.sex).toBe(Sex.UNKNOWN);
    } finally {
      await broken.close();
    }
  });

  it("fails an identity feed page that reaches such rows, rather than skipping them", async () => {
    const source = new PostgresRegistrationSource(db);
    await expect(source.identityFeed("Northbrook:103:parent2", 2)).rejects.toBeInstanceOf(AgencyRowsInvalid);
    // Pages before them are unaffected.
    const first = await source.identityFeed(null, 2);
    expect(first).toHaveLength(2);
  });
});
