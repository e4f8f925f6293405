import { CountingDb, type Db, type IdentityRecord } from "@ffd/shared";
import { FIXTURE_REFERENCE_DATE, openFixtureDb } from "../testing/fixtures";
import {
  consentFromFlag,
  nhsDigits,
  PostgresChildrensCentresSource,
  sexFromGender,
} from "./childrens-centres.postgres";

describe("translations at the boundary", () => {
  it.each([
    ["Male", "MALE"],
    ["male", "MALE"],
    ["Female", "FEMALE"],
    [" FEMALE ", "FEMALE"],
    ["Unknown", "UNKNOWN"],
    ["M", "UNKNOWN"],
    [null, "UNKNOWN"],
  ])("gender %p is sex %s", (gender, sex) => {
    expect(sexFromGender(gender)).toBe(sex);
  });

  it.each([
    ["943 476 5919", "9434765919"],
    ["943-476-5919", "9434765919"],
    ["4010232137", "4010232137"],
    ["", null],
    ["N/K", null],
    [null, null],
  ])("NHS number %p is %p", (raw, digits) => {
    expect(nhsDigits(raw)).toBe(digits);
  });

  it.each([
    ["Y", true],
    ["y", true],
    ["N", false],
    [" ", false],
  ])("consent flag %p is %p", (flag, consent) => {
    expect(consentFromFlag(flag)).toBe(consent);
  });
});

describe("PostgresChildrensCentresSource", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresChildrensCentresSource;

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    source = new PostgresChildrensCentresSource(counting);
  });
  afterAll(() => db.close());
  beforeEach(() => counting.reset());

  it("reads members in key order, null for an unknown reference, in one query", async () => {
    const members = await source.membersByRef(["M0000005", "M9999999", "M0000001", "M0000004"]);
    expect(members).toEqual([
      {
        memberRef: "M0000005",
        householdRef: "HH000002",
        role: "CARER",
        relationship: null,
        givenName: "Jo",
        familyName: "Bloggs",
        dateOfBirth: null,
        sex: "UNKNOWN",
        nhsNumber: null,
      },
      null,
      {
        memberRef: "M0000001",
        householdRef: "HH000001",
        role: "CARER",
        relationship: "Self",
        givenName: "Amirah",
        familyName: "Husain",
        dateOfBirth: "1994-03-12",
        sex: "FEMALE",
        nhsNumber: null,
      },
      {
        memberRef: "M0000004",
        householdRef: "HH000001",
        role: "CHILD",
        relationship: "Son",
        givenName: "Yusuf",
        familyName: "Husain",
        dateOfBirth: "2022-09-09",
        sex: "MALE",
        nhsNumber: null,
      },
    ]);
    expect(counting.count).toBe(1);
  });

  it("reads households: registration date from the midnight timestamp, consent, normalised postcode", async () => {
    expect(await source.householdsByRef(["HH000002", "HH000001", "HH404"])).toEqual([
      {
        reference: "HH000002",
        centreCode: "CC02",
        addressLine1: null,
        town: null,
        postcode: null,
        registeredOn: "2025-01-15",
        consentToShare: false,
      },
      {
        reference: "HH000001",
        centreCode: "CC01",
        addressLine1: "12 Mill Lane",
        town: "Northfield",
        postcode: "E1 6AN",
        registeredOn: "2024-11-02",
        consentToShare: true,
      },
      null,
    ]);
    expect(counting.count).toBe(1);
  });

  it("reads the centre directory in code order", async () => {
    const centres = await source.allCentres();
    expect(centres[2]).toEqual({
      code: "CC03",
      name: "Parkview Children's Centre",
      cluster: "North Cluster",
      locality: "Northfield",
      postcode: "E2 8CD",
      inMostDeprived30Percent: true,
    });
    expect(centres.map((c) => [c.code, c.postcode, c.inMostDeprived30Percent])).toEqual([
      ["CC01", "E1 6AB", true],
      ["CC02", "SE5 9XY", false],
      ["CC03", "E2 8CD", true],
    ]);
  });

  it("reads attendance as of the reference date, latest first, one list per member in one query", async () => {
    const [amirah, omar, jo] = await source.attendanceByMember(
      ["M0000001", "M0000003", "M0000005"],
      FIXTURE_REFERENCE_DATE,
    );
    expect(amirah).toEqual([
      { sessionId: 4, date: "2025-06-30", activity: "Stay and Play", centreCode: "CC01" },
      { sessionId: 3, date: "2025-06-16", activity: "Breastfeeding Support", centreCode: "CC02" },
      { sessionId: 2, date: "2025-06-09", activity: "Baby Massage", centreCode: "CC01" },
      { sessionId: 1, date: "2025-06-02", activity: "Stay and Play", centreCode: "CC01" },
    ]);
    expect(omar).toEqual([]);
    // Jo's only session (2025-07-07) is after the reference date.
    expect(jo).toEqual([]);
    expect(counting.count).toBe(1);
    // A later reference date counts it.
    const [later] = await source.attendanceByMember(["M0000005"], "2025-07-07");
    expect(later.map((s) => s.sessionId)).toEqual([5]);
  });

  it("reads dates the same whatever the server's DateStyle", async () => {
    await db.exec("SET DateStyle = 'SQL, DMY'");
    try {
      const [raw] = await db.query<{ date_of_birth: string }>(
        "SELECT date_of_birth FROM cc_member WHERE member_ref = 'M0000001'",
      );
      expect(raw.date_of_birth).toBe("12/03/1994 00:00:00");
      const [amirah] = await source.membersByRef(["M0000001"]);
      expect(amirah?.dateOfBirth).toBe("1994-03-12");
      const [household] = await source.householdsByRef(["HH000001"]);
      expect(household?.registeredOn).toBe("2024-11-02");
      const [sessions] = await source.attendanceByMember(["M0000001"], FIXTURE_REFERENCE_DATE);
      expect(sessions.map((x) => x.date)).toEqual(["2025-06-30", "2025-06-16", "2025-06-09", "2025-06-02"]);
    } finally {
      await db.exec("SET DateStyle = 'ISO, MDY'");
    }
  });

  it("answers empty batches without asking the database", async () => {
    expect(await source.membersByRef([])).toEqual([]);
    expect(await source.attendanceByMember([], FIXTURE_REFERENCE_DATE)).toEqual([]);
    expect(counting.count).toBe(0);
  });

  describe("identity feed", () => {
    const all: IdentityRecord[] = [
      {
        localId: "M0000001",
        nhsNumber: null,
        givenName: "Amirah",
        familyName: "Husain",
        dateOfBirth: "1994-03-12",
        sex: "FEMALE",
        postcode: "E1 6AN",
        householdId: "HH000001",
        careUnit: "centre:CC01",
        relations: [
          { localId: "M0000002", relationship: "CHILD" },
          { localId: "M0000004", relationship: "CHILD" },
        ],
      },
      {
        localId: "M0000002",
        nhsNumber: null,
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: "2025-05-16",
        sex: "FEMALE",
        postcode: "E1 6AN",
        householdId: "HH000001",
        careUnit: "centre:CC01",
        relations: [
          { localId: "M0000001", relationship: "CARER" },
          { localId: "M0000003", relationship: "CARER" },
        ],
      },
      {
        localId: "M0000003",
        nhsNumber: "9434765919",
        givenName: "Omar",
        familyName: "Husain",
        dateOfBirth: "1990-01-20",
        sex: "MALE",
        postcode: "E1 6AN",
        householdId: "HH000001",
        careUnit: "centre:CC01",
        relations: [
          { localId: "M0000002", relationship: "CHILD" },
          { localId: "M0000004", relationship: "CHILD" },
        ],
      },
      {
        localId: "M0000004",
        nhsNumber: null,
        givenName: "Yusuf",
        familyName: "Husain",
        dateOfBirth: "2022-09-09",
        sex: "MALE",
        postcode: "E1 6AN",
        householdId: "HH000001",
        careUnit: "centre:CC01",
        relations: [
          { localId: "M0000001", relationship: "CARER" },
          { localId: "M0000003", relationship: "CARER" },
        ],
      },
      {
        localId: "M0000005",
        nhsNumber: null,
        givenName: "Jo",
        familyName: "Bloggs",
        dateOfBirth: null,
        sex: "UNKNOWN",
        postcode: null,
        householdId: "HH000002",
        careUnit: "centre:CC02",
        relations: [{ localId: "M0000006", relationship: "CHILD" }],
      },
      {
        localId: "M0000006",
        nhsNumber: null,
        givenName: "Baby",
        familyName: "Bloggs",
        dateOfBirth: "2025-06-01",
        sex: "UNKNOWN",
        postcode: null,
        householdId: "HH000002",
        careUnit: "centre:CC02",
        relations: [{ localId: "M0000005", relationship: "CARER" }],
      },
      {
        localId: "M0000007",
        nhsNumber: null,
        givenName: "Grace",
        familyName: "Okafor",
        dateOfBirth: "1988-12-05",
        sex: "FEMALE",
        postcode: "E1 6AP",
        householdId: "HH000003",
        careUnit: "centre:CC01",
        relations: [],
      },
    ];

    it("gives every member, in member_ref order, with household relations by role and their household's centre as care unit", async () => {
      expect(await source.identityFeed(null, 100)).toEqual(all);
    });

    it("pages exactly: each page starts after the last local id of the one before", async () => {
      for (const limit of [1, 2, 3, 7]) {
        const seen: IdentityRecord[] = [];
        let after: string | null = null;
        for (;;) {
          const page: IdentityRecord[] = await source.identityFeed(after, limit);
          expect(page.length).toBeLessThanOrEqual(limit);
          seen.push(...page);
          if (page.length < limit) break;
          after = page[page.length - 1].localId;
        }
        expect(seen).toEqual(all);
      }
    });

    it("reads a page in two queries, however many households it spans", async () => {
      await source.identityFeed("M0000002", 4);
      expect(counting.count).toBe(2);
    });
  });
});
