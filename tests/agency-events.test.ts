import { generateBorough, seedAgencyDatabase, type Borough } from "@ffd/borough";
import {
  addDays,
  addMonths,
  CountingDb,
  daysBetween,
  openPglite,
  type Agency,
  type AgencyEvent,
  type AgencyEventSource,
  type Db,
} from "@ffd/shared";
import { PostgresChildrensSocialCareSource } from "../subgraphs/childrens-social-care/src/source/childrens-social-care.postgres";
import { PostgresHealthVisitingSource } from "../subgraphs/health-visiting/src/source/health-visiting.postgres";
import { PostgresMaternitySource } from "../subgraphs/maternity/src/source/maternity.postgres";
import { PostgresRegistrationSource } from "../subgraphs/registration/src/source/registration.postgres";
import { mondayOf } from "../subgraphs/family-index/src/entities/safeguarding/safeguarding.resolver";

/*
 * Each agency's events for the weekly safeguarding list (the port's `events`, behind the kit's
 * POST /internal/events), over the generated borough's story families (borough/README.md), as
 * the agency's own system holds them: the Okafors' plans started 10 days before the reference
 * date, Grace Okafor's booking with complex social factors, Leo Nowak's birth registered on day 58
 * and his overdue 1 year review. Each is one query per table, whatever the number of records.
 */
const R = "2025-06-30";
const borough: Borough = generateBorough({ seed: 7, referenceDate: R, families: 200, noise: "default" });

const localIdsOf = (agency: Agency, personId: string) =>
  borough.truth.filter((t) => t.source === agency && t.personId === personId).map((t) => t.localId);

async function open(agency: Agency): Promise<{ db: Db; counting: CountingDb }> {
  const db = await openPglite();
  await seedAgencyDatabase(db, borough.databases[agency]);
  return { db, counting: new CountingDb(db) };
}

async function eventsOf(
  agency: Agency,
  source: (db: CountingDb) => AgencyEventSource,
  from: string,
  to: string,
): Promise<{ events: AgencyEvent[]; queries: number }> {
  const { db, counting } = await open(agency);
  try {
    const events = await source(counting).events(from, to, R);
    for (const e of events) {
      expect(e.on >= from && e.on <= to).toBe(true);
    }
    return { events, queries: counting.count };
  } finally {
    await db.close();
  }
}

it("children's social care: the Okafors' plans, started 10 days before the reference date, in one query", async () => {
  const week = mondayOf(addDays(R, -10));
  const { events, queries } = await eventsOf(
    "childrens-social-care",
    (db) => new PostgresChildrensSocialCareSource(db),
    week,
    addDays(week, 6),
  );
  const [grace] = localIdsOf("childrens-social-care", "STORY-OKAFOR-GRACE");
  const [daniel] = localIdsOf("childrens-social-care", "STORY-OKAFOR-DANIEL");
  expect(events).toEqual(
    expect.arrayContaining([
      {
        localId: grace,
        kind: "SOCIAL_CARE_FLAG_STARTED",
        on: addDays(R, -10),
        summary: "Unborn child protection plan started",
      },
      {
        localId: daniel,
        kind: "SOCIAL_CARE_FLAG_STARTED",
        on: addDays(R, -10),
        summary: "Child protection plan started",
      },
    ]),
  );
  // Summary only: no category of abuse, need or legal status.
  expect(JSON.stringify(events)).not.toMatch(/NEG|neglect/i);
  expect(queries).toBe(1);
});

it("maternity: Grace Okafor's booking with complex social factors (due in 60 days, booked at 84 days), in one query", async () => {
  const booked = addDays(addDays(R, 60), -280 + 84);
  const { events, queries } = await eventsOf("maternity", (db) => new PostgresMaternitySource(db), booked, booked);
  expect(events).toContainEqual({
    localId: localIdsOf("maternity", "STORY-OKAFOR-GRACE")[0],
    kind: "COMPLEX_SOCIAL_FACTORS_AT_BOOKING",
    on: booked,
    summary: "Complex social factors identified at pregnancy booking",
  });
  expect(queries).toBe(1);
});

it("registration: Leo Nowak's birth, registered on day 58, is late; a birth registered in time is not listed", async () => {
  const leoDob = addMonths(R, -13);
  const [leo] = localIdsOf("registration", "STORY-NOWAK-LEO");
  const source = (db: CountingDb) => new PostgresRegistrationSource(db);
  const { events, queries } = await eventsOf("registration", source, leoDob, addDays(leoDob, 30 + 29));
  const leoEvent = events.find((e) => e.localId === leo);
  expect(leoEvent).toMatchObject({ kind: "BIRTH_REGISTERED_LATE", on: expect.any(String) });
  expect(leoEvent!.summary).toBe(
    `Birth registered late: ${daysBetween(leoDob, leoEvent!.on)} days after the birth (the law allows 42)`,
  );
  expect(daysBetween(leoDob, leoEvent!.on)).toBeGreaterThan(42);
  expect(queries).toBe(1);
  // Zara Hussain, registered on day 20, is not late.
  const zaraDob = addDays(R, -45);
  const zara = await eventsOf("registration", source, addDays(zaraDob, 15), addDays(zaraDob, 25));
  expect(zara.events.map((e) => e.localId)).not.toContain(localIdsOf("registration", "STORY-NOWAK-LEO")[0]);
  expect(zara.events.filter((e) => localIdsOf("registration", "STORY-HUSSAIN-ZARA").includes(e.localId))).toEqual([]);
});

it("health visiting: Leo Nowak's 1 year review became overdue the day after its due-by date, in four queries (every child's date of birth, then the three of a record for those with a review due by the period)", async () => {
  const dueBy = addMonths(addMonths(R, -13), 12);
  const on = addDays(dueBy, 1);
  const { events, queries } = await eventsOf(
    "health-visiting",
    (db) => new PostgresHealthVisitingSource(db),
    mondayOf(on),
    addDays(mondayOf(on), 6),
  );
  expect(events).toContainEqual({
    localId: localIdsOf("health-visiting", "STORY-NOWAK-LEO")[0],
    kind: "MANDATED_REVIEW_OVERDUE",
    on,
    summary: `1 year review overdue (due by ${dueBy})`,
  });
  expect(queries).toBeLessThanOrEqual(4);
  // The week before, it was not yet overdue.
  const before = await eventsOf(
    "health-visiting",
    (db) => new PostgresHealthVisitingSource(db),
    addDays(mondayOf(on), -7),
    addDays(mondayOf(on), -1),
  );
  expect(before.events.filter((e) => e.localId === localIdsOf("health-visiting", "STORY-NOWAK-LEO")[0])).toEqual([]);
});
