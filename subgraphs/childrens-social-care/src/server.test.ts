import { callerFor, createLogger, type Caller, type Db } from "@ffd/shared";
import { parseChildrensSocialCareConfig } from "./config";
import { createServer, type ChildrensSocialCareServer } from "./server";
import { FIXTURE_TODAY, openFixtureDb } from "./testing/fixtures";
import { secretEnv } from "../../../tests/support/secrets";
import { inProcess } from "../../../tests/support/agency";

const config = parseChildrensSocialCareConfig({ ...secretEnv(), NODE_ENV: "test" });
const silent = createLogger("childrens-social-care", "silent");

const SOCIAL_WORKER = callerFor("social-worker", "safeguarding", { caseload: "501" });

const PERSON = `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Person {
        id
        childrensSocialCare {
          localIds
          flags { type startedOn endedOn active detail { categoryOfAbuse reason reviews } }
          socialWorker { name team phone }
        }
      }
    }
  }`;
const SUMMARY_PERSON = PERSON.replace(" detail { categoryOfAbuse reason reviews }", "");

const person = (id: string, ids: unknown[], legitimateRelationship = false) => ({
  __typename: "Person",
  id,
  childrensSocialCareRecordIds: ids,
  legitimateRelationship,
});

const WORKER = { name: "Ngozi Mensah", team: "Northbrook Safeguarding and Support Team", phone: "01384 555101" };

describe("children's social care subgraph", () => {
  let db: Db;
  let server: ChildrensSocialCareServer;
  let answering: Awaited<ReturnType<typeof inProcess>>;

  beforeAll(async () => {
    db = await openFixtureDb();
    server = await createServer({ db, config, logger: silent, today: () => FIXTURE_TODAY });
    answering = await inProcess(server);
  });
  afterAll(async () => {
    await answering.stop();
    await db.close();
  });

  const run = (query: string, variables: Record<string, unknown>, caller: Caller = SOCIAL_WORKER) =>
    answering.run(query, variables, caller);

  it("gives a social worker with a relationship Daniel's flags with the plans' detail, active first", async () => {
    const result = await run(PERSON, { reps: [person("p-daniel", ["C1000002"], true)] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "p-daniel",
        childrensSocialCare: {
          localIds: ["C1000002"],
          flags: [
            {
              type: "CHILD_PROTECTION_PLAN",
              startedOn: "2026-06-20",
              endedOn: null,
              active: true,
              detail: { categoryOfAbuse: "NEGLECT", reason: null, reviews: [] },
            },
            {
              type: "CHILD_PROTECTION_PLAN",
              startedOn: "2025-06-01",
              endedOn: "2025-12-15",
              active: false,
              detail: { categoryOfAbuse: "EMOTIONAL_ABUSE", reason: null, reviews: ["2025-08-30", "2025-11-30"] },
            },
          ],
          socialWorker: WORKER,
        },
      },
    ]);
  });

  it("holds the unborn child's plan on the expectant mother", async () => {
    const result = await run(SUMMARY_PERSON, { reps: [person("p-grace", ["C1000001"], true)] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "p-grace",
        childrensSocialCare: {
          localIds: ["C1000001"],
          flags: [{ type: "UNBORN_CHILD_PROTECTION_PLAN", startedOn: "2026-06-20", endedOn: null, active: true }],
          socialWorker: WORKER,
        },
      },
    ]);
  });

  it("shows a flag for 12 months after it ends and not after; null worker when none is allocated", async () => {
    const result = await run(PERSON, { reps: [person("p-sam", ["C1000003"], true)] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "p-sam",
        childrensSocialCare: {
          localIds: ["C1000003"],
          flags: [
            {
              type: "LOOKED_AFTER",
              startedOn: "2025-04-01",
              endedOn: "2025-09-01",
              active: false,
              detail: { categoryOfAbuse: null, reason: "Full care order", reviews: [] },
            },
          ],
          socialWorker: null,
        },
      },
    ]);
  });

  it("answers N people, each with their own flags; a client with no episodes has a record with none", async () => {
    const result = await run(SUMMARY_PERSON, {
      reps: [
        person("p-daniel", ["C1000002"], true),
        person("p-grace", ["C1000001"], true),
        person("p-ava", ["C1000004"], true),
      ],
    });
    expect(result.errors).toBeUndefined();
    const records = (result.data?._entities as { childrensSocialCare: { flags: unknown[] } | null }[]).map(
      (e) => e.childrensSocialCare && e.childrensSocialCare.flags.length,
    );
    expect(records).toEqual([2, 1, 0]);
  });

  it("feeds family-index every client, NHS numbers and postcodes normalised, with the worker's caseload as care unit", async () => {
    const first = await server.source.identityFeed(null, 3);
    expect(first.map((r) => r.localId)).toEqual(["C1000001", "C1000002", "C1000003"]);
    expect(first[0]).toEqual({
      localId: "C1000001",
      nhsNumber: "4857773597",
      givenName: "Grace",
      familyName: "Okafor",
      dateOfBirth: "1998-06-02",
      sex: "FEMALE",
      postcode: "DY2 8NS",
      relations: [],
      careUnit: "csc-caseload:501",
    });
    expect(first[2]).toMatchObject({ nhsNumber: null, sex: "UNKNOWN", careUnit: null });
    const rest = await server.source.identityFeed("C1000003", 3);
    expect(rest).toEqual([expect.objectContaining({ localId: "C1000004", nhsNumber: null, sex: "FEMALE" })]);
  });
});
