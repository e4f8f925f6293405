import { CountingDb, Sex, type Db } from "@ffd/shared";
import { openFixtureDb } from "../testing/fixtures";
import { PregnancyOutcome, DeliveryMethod, FirstFeed } from "./maternity.port";
import { PostgresMaternitySource } from "./maternity.postgres";

describe("PostgresMaternitySource over the maternity system's tables", () => {
  let db: Db;
  let counting: CountingDb;
  let source: PostgresMaternitySource;

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    source = new PostgresMaternitySource(counting);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => counting.reset());

  it("reads mothers in key order, null for an id it does not hold, in one query", async () => {
    expect(await source.mothers(["MAT0000002", "MAT9999999", "BAB0000001", "MAT0000001"])).toEqual([
      { localId: "MAT0000002", provider: "The Royal Wolverhampton NHS Trust" },
      null,
      null,
      { localId: "MAT0000001", provider: "The Dudley Group NHS Foundation Trust" },
    ]);
    expect(counting.count).toBe(1);
  });

  it("translates a birth: UK local times to UTC, codes to meanings, days to weeks+days", async () => {
    const [zara, twin, unknown] = await source.births(["BAB0000001", "BAB0000002", "BAB9999999"]);
    expect(zara).toEqual({
      localId: "BAB0000001",
      pregnancyId: "PRG0000001",
      motherLocalId: "MAT0000001",
      provider: "The Dudley Group NHS Foundation Trust",
      bornAt: "2024-07-28T22:30:00Z",
      sex: Sex.FEMALE,
      gestation: { weeks: 39, days: 2, totalDays: 275 },
      birthWeightGrams: 3300,
      deliveryMethod: DeliveryMethod.SPONTANEOUS_VERTEX,
      firstFeed: FirstFeed.BREAST_MILK,
      birthNotifiedAt: "2024-07-29T08:15:00Z",
    });
    expect(twin).toMatchObject({
      localId: "BAB0000002",
      bornAt: "2022-07-31T23:30:00Z",
      sex: Sex.MALE,
      birthWeightGrams: null,
      deliveryMethod: DeliveryMethod.EMERGENCY_CAESAREAN,
      firstFeed: FirstFeed.MIXED,
    });
    expect(unknown).toBeNull();
    expect(counting.count).toBe(1);
  });

  it("groups births by pregnancy in order of birth, [] for a pregnancy with none", async () => {
    const groups = await source.birthsOfPregnancies(["PRG0000002", "PRG0000003", "PRG0000005"]);
    expect(groups.map((g) => g.map((b) => b.localId))).toEqual([["BAB0000002", "BAB0000003"], [], ["BAB0000004"]]);
    expect(groups[2][0]).toMatchObject({
      bornAt: "2023-12-05T14:20:00Z",
      deliveryMethod: DeliveryMethod.BREECH,
      firstFeed: null,
    });
    expect(counting.count).toBe(1);
  });

  it("reads pregnancies by id and by mother, earliest booking first", async () => {
    const [ongoing, missing, loss] = await source.pregnancies(["PRG0000003", "PRG9999999", "PRG0000004"]);
    expect(ongoing).toEqual({
      id: "PRG0000003",
      motherLocalId: "MAT0000002",
      bookedOn: "2024-06-01",
      gestationAtBooking: { weeks: 8, days: 4, totalDays: 60 },
      agreedDueDate: "2025-01-05",
      complexSocialFactors: null,
      outcome: PregnancyOutcome.ONGOING,
    });
    expect(missing).toBeNull();
    expect(loss).toMatchObject({ outcome: PregnancyOutcome.LOSS, complexSocialFactors: false });

    const byMother = await source.pregnanciesOfMothers(["MAT0000002", "MAT0000004", "MAT0000003"]);
    expect(byMother.map((ps) => ps.map((p) => [p.id, p.outcome]))).toEqual([
      [
        ["PRG0000002", PregnancyOutcome.LIVE_BIRTH],
        ["PRG0000003", PregnancyOutcome.ONGOING],
      ],
      [],
      [
        ["PRG0000004", PregnancyOutcome.LOSS],
        ["PRG0000005", PregnancyOutcome.STILLBIRTH],
      ],
    ]);
    expect(byMother[2][1].complexSocialFactors).toBe(true);
    expect(counting.count).toBe(2);
  });

  it("asks nothing for an empty batch", async () => {
    expect(await source.mothers([])).toEqual([]);
    expect(await source.pregnanciesOfMothers([])).toEqual([]);
    expect(counting.count).toBe(0);
  });

  it("feeds mothers and babies as identity records, babies first, ordered by local id, held by the mother's provider", async () => {
    const records = await source.identityFeed(null, 100);
    expect(records).toEqual([
      {
        localId: "BAB0000001",
        nhsNumber: "4505577104",
        givenName: "Zara",
        familyName: "Hussain",
        dateOfBirth: "2024-07-28",
        sex: "FEMALE",
        postcode: "DY1 4QT",
        relations: [{ localId: "MAT0000001", relationship: "MOTHER" }],
        careUnit: "maternity-provider:RNA",
      },
      {
        localId: "BAB0000002",
        nhsNumber: "4857773457",
        givenName: null,
        familyName: "Jones",
        dateOfBirth: "2022-08-01",
        sex: "MALE",
        postcode: "WV1 1AA",
        relations: [{ localId: "MAT0000002", relationship: "MOTHER" }],
        careUnit: "maternity-provider:RL4",
      },
      {
        localId: "BAB0000003",
        nhsNumber: null,
        givenName: null,
        familyName: "Jones",
        dateOfBirth: "2022-08-01",
        sex: "UNKNOWN",
        postcode: "WV1 1AA",
        relations: [{ localId: "MAT0000002", relationship: "MOTHER" }],
        careUnit: "maternity-provider:RL4",
      },
      {
        localId: "BAB0000004",
        nhsNumber: null,
        givenName: null,
        familyName: "Smith-Patel",
        dateOfBirth: "2023-12-05",
        sex: "MALE",
        postcode: "DY2 8PS",
        relations: [{ localId: "MAT0000003", relationship: "MOTHER" }],
        careUnit: "maternity-provider:RNA",
      },
      {
        localId: "MAT0000001",
        nhsNumber: "9434765919",
        givenName: "Amira",
        familyName: "Hussain",
        dateOfBirth: "1994-03-12",
        sex: "FEMALE",
        postcode: "DY1 4QT",
        relations: [{ localId: "BAB0000001", relationship: "CHILD" }],
        careUnit: "maternity-provider:RNA",
      },
      {
        localId: "MAT0000002",
        nhsNumber: null,
        givenName: "Beth",
        familyName: "Jones",
        dateOfBirth: "1990-07-01",
        sex: "FEMALE",
        postcode: "WV1 1AA",
        relations: [
          { localId: "BAB0000002", relationship: "CHILD" },
          { localId: "BAB0000003", relationship: "CHILD" },
        ],
        careUnit: "maternity-provider:RL4",
      },
      {
        localId: "MAT0000003",
        nhsNumber: "4010232137",
        givenName: "Chloe",
        familyName: "Smith-Patel",
        dateOfBirth: "1988-11-30",
        sex: "FEMALE",
        postcode: "DY2 8PS",
        relations: [{ localId: "BAB0000004", relationship: "CHILD" }],
        careUnit: "maternity-provider:RNA",
      },
      {
        localId: "MAT0000004",
        nhsNumber: null,
        givenName: "Dana",
        familyName: "Ali",
        dateOfBirth: "2001-01-05",
        sex: "FEMALE",
        postcode: null,
        relations: [],
        careUnit: "maternity-provider:RNA",
      },
    ]);
    expect(counting.count).toBe(1);
  });

  it.each([1, 2, 3, 4, 5, 7, 8, 9])("pages of %i concatenate to exactly every record, each once", async (limit) => {
    const all = (await source.identityFeed(null, 100)).map((r) => r.localId);
    const paged: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await source.identityFeed(after, limit);
      expect(page.length).toBeLessThanOrEqual(limit);
      paged.push(...page.map((r) => r.localId));
      if (page.length < limit) break;
      after = page[page.length - 1].localId;
    }
    expect(paged).toEqual(all);
    expect(all).toHaveLength(8);
  });
});
