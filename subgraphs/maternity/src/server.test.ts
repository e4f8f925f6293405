import {
  CountingDb,
  createLogger,
  decodeFeedCursor,
  encodeFeedCursor,
  type FeedCursor,
  type IdentityFeedPage,
  type Db,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_PATH,
  type IdentityRecord,
  type RunningService,
  signServiceToken,
} from "@ffd/shared";
import { parseMaternityConfig } from "./config";
import { createServer } from "./server";
import { PostgresMaternitySource } from "./source/maternity.postgres";
import { openFixtureDb } from "./testing/fixtures";
import { MATERNITY_IDENTITY_CHANGE_LOG } from "@ffd/borough";
import { secretEnv } from "../../../tests/support/secrets";
import { FULL_ACCESS, inProcess } from "../../../tests/support/agency";

const silent = createLogger("maternity", "silent");
const config = parseMaternityConfig({ ...secretEnv(), NODE_ENV: "test", LOG_LEVEL: "silent" });

const MATERNITY = /* GraphQL */ `
  fragment Maternity on Person {
    id
    maternity {
      localIds
      provider
      pregnancies {
        id
        bookedOn
        gestationAtBooking {
          weeks
          days
          totalDays
        }
        agreedDueDate
        complexSocialFactors
        outcome
        babies {
          localId
          bornAt
          sex
          gestation {
            weeks
            days
            totalDays
          }
          birthWeightGrams
          deliveryMethod
          firstFeed
          birthNotifiedAt
        }
      }
      birth {
        localId
        bornAt
        sex
        gestation {
          weeks
          days
          totalDays
        }
        birthWeightGrams
        deliveryMethod
        firstFeed
        birthNotifiedAt
      }
    }
  }
`;
const PERSON_ENTITIES = /* GraphQL */ `
  query People($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ...Maternity
    }
  }
  ${MATERNITY}
`;

const person = (id: string, maternityRecordIds: string[]) => ({ __typename: "Person", id, maternityRecordIds });

describe("maternity subgraph", () => {
  let db: Db;
  let counting: CountingDb;
  let answering: Awaited<ReturnType<typeof inProcess>>;

  const run = (query: string, variables: Record<string, unknown> = {}) => answering.run(query, variables, FULL_ACCESS);

  beforeAll(async () => {
    db = await openFixtureDb();
    counting = new CountingDb(db);
    answering = await inProcess(await createServer({ db: counting, config, logger: silent }));
  });
  afterAll(async () => {
    await answering.stop();
    await db.close();
  });
  beforeEach(() => counting.reset());

  describe("Person.maternity", () => {
    it("shows a mother's pregnancies, earliest first, with their babies", async () => {
      const result = await run(PERSON_ENTITIES, { representations: [person("p-beth", ["MAT0000002"])] });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: "p-beth",
            maternity: {
              localIds: ["MAT0000002"],
              provider: "The Royal Wolverhampton NHS Trust",
              pregnancies: [
                {
                  id: "PRG0000002",
                  bookedOn: "2022-02-01",
                  gestationAtBooking: { weeks: 12, days: 1, totalDays: 85 },
                  agreedDueDate: "2022-08-20",
                  complexSocialFactors: false,
                  outcome: "LIVE_BIRTH",
                  babies: [
                    {
                      localId: "BAB0000002",
                      bornAt: "2022-07-31T23:30:00Z",
                      sex: "MALE",
                      gestation: { weeks: 36, days: 0, totalDays: 252 },
                      birthWeightGrams: null,
                      deliveryMethod: "EMERGENCY_CAESAREAN",
                      firstFeed: "MIXED",
                      birthNotifiedAt: "2022-08-01T09:00:00Z",
                    },
                    {
                      localId: "BAB0000003",
                      bornAt: "2022-07-31T23:41:00Z",
                      sex: "UNKNOWN",
                      gestation: { weeks: 36, days: 0, totalDays: 252 },
                      birthWeightGrams: 2100,
                      deliveryMethod: "EMERGENCY_CAESAREAN",
                      firstFeed: "NOT_BREAST_MILK",
                      birthNotifiedAt: "2022-08-01T09:00:00Z",
                    },
                  ],
                },
                {
                  id: "PRG0000003",
                  bookedOn: "2024-06-01",
                  gestationAtBooking: { weeks: 8, days: 4, totalDays: 60 },
                  agreedDueDate: "2025-01-05",
                  complexSocialFactors: null,
                  outcome: "ONGOING",
                  babies: [],
                },
              ],
              birth: null,
            },
          },
        ],
      });
    });

    it("shows a baby's own birth and no pregnancies", async () => {
      const result = await run(PERSON_ENTITIES, { representations: [person("p-zara", ["BAB0000001"])] });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        _entities: [
          {
            id: "p-zara",
            maternity: {
              localIds: ["BAB0000001"],
              provider: "The Dudley Group NHS Foundation Trust",
              pregnancies: [],
              birth: {
                localId: "BAB0000001",
                bornAt: "2024-07-28T22:30:00Z",
                sex: "FEMALE",
                gestation: { weeks: 39, days: 2, totalDays: 275 },
                birthWeightGrams: 3300,
                deliveryMethod: "SPONTANEOUS_VERTEX",
                firstFeed: "BREAST_MILK",
                birthNotifiedAt: "2024-07-29T08:15:00Z",
              },
            },
          },
        ],
      });
    });

    it("keeps only the ids the system holds, and a mother's pregnancies without her unknown ids", async () => {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { maternity { localIds pregnancies { id } } } } }`,
        {
          r: [person("p-chloe", ["MAT9999999", "MAT0000003"])],
        },
      );
      expect(result.data).toEqual({
        _entities: [
          { maternity: { localIds: ["MAT0000003"], pregnancies: [{ id: "PRG0000004" }, { id: "PRG0000005" }] } },
        ],
      });
    });
  });

  describe("_entities batching", () => {
    const many = [
      person("p-amira", ["MAT0000001"]),
      person("p-beth", ["MAT0000002"]),
      person("p-zara", ["BAB0000001"]),
      person("p-chloe", ["MAT0000003"]),
      person("p-twin", ["BAB0000003"]),
      person("p-dana", ["MAT0000004"]),
      person("p-stranger", ["MAT9999999"]),
      person("p-none", []),
    ];

    it("answers N Person representations in order, each with its own pregnancies and birth", async () => {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id maternity { localIds provider pregnancies { id } birth { localId } } } } }`,
        { r: many },
      );
      expect(result.errors).toBeUndefined();
      const entities = (
        result.data as {
          _entities: {
            id: string;
            maternity: { localIds: string[]; pregnancies: { id: string }[]; birth: { localId: string } | null } | null;
          }[];
        }
      )._entities;
      expect(
        entities.map((e) => [
          e.id,
          e.maternity?.localIds ?? null,
          e.maternity?.pregnancies.map((p) => p.id) ?? null,
          e.maternity?.birth?.localId ?? null,
        ]),
      ).toEqual([
        ["p-amira", ["MAT0000001"], ["PRG0000001"], null],
        ["p-beth", ["MAT0000002"], ["PRG0000002", "PRG0000003"], null],
        ["p-zara", ["BAB0000001"], [], "BAB0000001"],
        ["p-chloe", ["MAT0000003"], ["PRG0000004", "PRG0000005"], null],
        ["p-twin", ["BAB0000003"], [], "BAB0000003"],
        ["p-dana", ["MAT0000004"], [], null],
        ["p-stranger", null, null, null],
        ["p-none", null, null, null],
      ]);
    });

    it("asks nothing more for a pregnancy without babies selected", async () => {
      await run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Pregnancy { id } } }`, {
        r: ["PRG0000001", "PRG0000002", "PRG0000003"].map((id) => ({ __typename: "Pregnancy", id })),
      });
      expect(counting.count).toBe(1);
    });
  });
});

describe("maternity subgraph over HTTP", () => {
  let db: Db;
  let service: RunningService;
  let feedUrl: string;

  beforeAll(async () => {
    db = await openFixtureDb();
    service = await (await createServer({ db, config, logger: silent })).start(0);
    feedUrl = `http://127.0.0.1:${service.port}${IDENTITY_FEED_PATH}`;
  });
  afterAll(async () => {
    await service.stop();
    await db.close();
  });

  const feedToken = () => signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);

  it("refuses the identity feed without a token (401) and to any service but family-index (403)", async () => {
    expect((await fetch(`${feedUrl}?limit=10`)).status).toBe(401);
    const gateway = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "gateway", IDENTITY_FEED_AUDIENCE);
    expect((await fetch(`${feedUrl}?limit=10`, { headers: { authorization: `Bearer ${gateway}` } })).status).toBe(403);
    const forged = await signServiceToken(
      "another-secret-of-at-least-thirty-two-chars",
      "family-index",
      IDENTITY_FEED_AUDIENCE,
    );
    expect((await fetch(`${feedUrl}?limit=10`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });

  it.each([3, 4])("serves pages of %i that concatenate to exactly all records", async (limit) => {
    const token = await feedToken();
    const records: IdentityRecord[] = [];
    const cursors: (string | null)[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const url = `${feedUrl}?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { agency: string; records: IdentityRecord[]; nextCursor: string | null };
      expect(body.agency).toBe("maternity");
      records.push(...body.records);
      cursors.push(body.nextCursor);
      if (body.nextCursor === null) break;
      after = body.nextCursor;
    }
    expect(records.map((r) => r.localId)).toEqual([
      "BAB0000001",
      "BAB0000002",
      "BAB0000003",
      "BAB0000004",
      "MAT0000001",
      "MAT0000002",
      "MAT0000003",
      "MAT0000004",
    ]);
    expect(records).toEqual(await new PostgresMaternitySource(db).identityFeed(null, 100));
    // Opaque to family-index; the kit's keyset cursor goes on after the page's last local id.
    expect(cursors.map((c) => (c === null ? null : decodeFeedCursor(c)))).toEqual(
      (limit === 3 ? ["BAB0000003", "MAT0000002", null] : ["BAB0000004", "MAT0000004", null]).map((after) =>
        after === null ? null : { kind: "page", after, log: null, since: null },
      ),
    );
  });
});

describe("maternity identity feed: change cursors over the change log's triggers", () => {
  let db: Db;
  let service: RunningService;
  let feedUrl: string;

  beforeAll(async () => {
    db = await openFixtureDb();
    await db.exec(MATERNITY_IDENTITY_CHANGE_LOG);
    service = await (await createServer({ db, config, logger: silent })).start(0);
    feedUrl = `http://127.0.0.1:${service.port}${IDENTITY_FEED_PATH}`;
  });
  afterAll(async () => {
    await service.stop();
    await db.close();
  });

  const page = async (query: string): Promise<IdentityFeedPage> => {
    const token = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
    const response = await fetch(`${feedUrl}${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as IdentityFeedPage;
  };

  it("after a whole read, gives only what changed since: changed, new and deleted records", async () => {
    const whole = await page("?limit=100");
    expect(whole.records).toHaveLength(8);
    expect(whole.changeCursor).toEqual(expect.any(String));

    const none = await page(`?after=${whole.changeCursor}`);
    expect(none).toMatchObject({ records: [], deleted: [], nextCursor: null });

    await db.exec(`
      UPDATE msd001_mother_demog SET surname = 'Hussain-Khan' WHERE local_patient_id = 'MAT0000001';
      DELETE FROM msd401_baby_demog WHERE baby_local_id = 'BAB0000004';
      INSERT INTO msd101_preg_booking (preg_id, local_patient_id, antenatal_app_date, gest_age_booking, edd_agreed, complex_social_factors_ind, preg_outcome_cd)
        VALUES ('PRG0000009', 'MAT0000004', '2024-01-10', 70, '2024-08-01', 'N', '01');
      INSERT INTO msd401_baby_demog (baby_local_id, preg_id, local_patient_id_mother, nhs_number_baby, baby_forename, baby_surname, person_birth_date_baby, person_birth_time_baby, person_phenotypic_sex, gestation_length_birth, birth_weight, delivery_method_cd, baby_first_feed_cd, birth_notif_dttm)
        VALUES ('BAB0000009', 'PRG0000009', 'MAT0000004', NULL, NULL, 'Ali', '2024-07-28', '10:00:00', '2', 275, 3300, '0', '01', '2024-07-29 09:15:00');
    `);
    // Pages of 2 changes: several pages, the last with the next change cursor.
    const records: IdentityFeedPage["records"] = [];
    const deleted: string[] = [];
    let after = none.changeCursor!;
    let last: IdentityFeedPage;
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(10);
      last = await page(`?limit=2&after=${after}`);
      records.push(...last.records);
      deleted.push(...(last.deleted ?? []));
      if (last.nextCursor === null) break;
      after = last.nextCursor;
    }
    const byId = new Map(records.map((r) => [r.localId, r]));
    // The mother renamed, and her baby (which carries her postcode); the new baby and its mother
    // (her list of children); the deleted baby, and its mother (hers).
    expect([...byId.keys()].sort()).toEqual(["BAB0000001", "BAB0000009", "MAT0000001", "MAT0000003", "MAT0000004"]);
    expect(byId.get("MAT0000001")!.familyName).toBe("Hussain-Khan");
    expect(byId.get("MAT0000004")!.relations).toEqual([{ localId: "BAB0000009", relationship: "CHILD" }]);
    expect(deleted).toEqual(["BAB0000004"]);
    // Each record as a whole read now gives it.
    const now = await new PostgresMaternitySource(db).identityFeed(null, 100);
    for (const r of records) expect(r).toEqual(now.find((n) => n.localId === r.localId));

    expect(await page(`?after=${last!.changeCursor}`)).toMatchObject({ records: [], deleted: [] });
  });

  const status = async (url: string, query: string): Promise<number> => {
    const token = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
    const response = await fetch(`${url}${query}`, { headers: { authorization: `Bearer ${token}` } });
    await response.body?.cancel();
    return response.status;
  };

  it("answers 410 for a change cursor with positions its log cannot have: until before since, past the horizon", async () => {
    const { changeCursor } = await page("?limit=100");
    const cursor = decodeFeedCursor(changeCursor!) as Extract<FeedCursor, { kind: "changes" }>;
    expect(cursor).toMatchObject({ kind: "changes", log: expect.any(String), until: null, after: null });
    const since = BigInt(cursor.since);
    const at = (c: Partial<typeof cursor>) => `?after=${encodeFeedCursor({ ...cursor, ...c })}`;
    expect(await status(feedUrl, at({}))).toBe(200);
    expect(await status(feedUrl, at({ until: String(since - 1n) }))).toBe(410);
    expect(await status(feedUrl, at({ since: String(since + 1000n) }))).toBe(410);
    expect(await status(feedUrl, at({ until: String(since + 1000n) }))).toBe(410);
    // A page of a change read goes on after a change within its range only.
    expect(await status(feedUrl, at({ until: cursor.since, after: `${since + 5n}.1` }))).toBe(410);
  });

  it("answers 410 for a cursor of another change log: another database, or this one's log created again", async () => {
    const { changeCursor } = await page("?limit=100");
    const wholeRead = (await page("?limit=3")).nextCursor!;
    // Another database of the same agency (the same fixture, its own log).
    const otherDb = await openFixtureDb();
    await otherDb.exec(MATERNITY_IDENTITY_CHANGE_LOG);
    const other = await (await createServer({ db: otherDb, config, logger: silent })).start(0);
    try {
      const otherUrl = `http://127.0.0.1:${other.port}${IDENTITY_FEED_PATH}`;
      expect(await status(otherUrl, `?after=${changeCursor}`)).toBe(410);
      expect(await status(otherUrl, `?after=${wholeRead}`)).toBe(410);
    } finally {
      await other.stop();
      await otherDb.close();
    }
    // This database's log created again, as when the borough is generated again in place.
    expect(await status(feedUrl, `?after=${changeCursor}`)).toBe(200);
    await db.exec("DROP TABLE ffd_change_log; DROP TABLE ffd_identity_change;");
    await db.exec(MATERNITY_IDENTITY_CHANGE_LOG);
    expect(await status(feedUrl, `?after=${changeCursor}`)).toBe(410);
    expect(await status(feedUrl, `?after=${wholeRead}`)).toBe(410);
    // A whole read gives a cursor of the new log, answered again.
    expect(await status(feedUrl, `?after=${(await page("?limit=100")).changeCursor}`)).toBe(200);
  });

  it("refuses a cursor it did not give", async () => {
    const token = await signServiceToken(config.INTERNAL_TOKEN_SECRET, "family-index", IDENTITY_FEED_AUDIENCE);
    const response = await fetch(`${feedUrl}?after=BAB0000001`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
  });
});
