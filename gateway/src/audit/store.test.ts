import { spawnSync } from "node:child_process";
import path from "node:path";
import { connectPostgres, openPglite, type Db } from "@ffd/shared";
import {
  describeEachDatabase,
  dropDatabase,
  freshDatabase,
  RUN_ID,
  type DatabaseVariant,
} from "../../../tests/support/postgres";
import { canonicalJson, GENESIS_HASH, hashEvent } from "./event";
import { BreakGlassReviewRefused } from "./break-glass-review";
import { AUDIT_SCHEMA } from "./schema";
import { createAuditStore, type AuditStore, type NewAuditEvent } from "./store";

/*
 * The audit store on both databases it runs on: embedded PGlite always, the real PostgreSQL
 * server when reachable (required in CI), in a database of this test process's own.
 */

const VERIFY_CLI = path.join(__dirname, "..", "..", "dist", "audit", "verify-cli.js");

function event(personId: string, overrides: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    personId,
    agencies: ["maternity"],
    categories: ["identity", "maternity"],
    denied: [],
    unavailable: [],
    actor: "mw-1",
    role: "midwife",
    organisation: "RXK",
    centre: null,
    purpose: "direct-care",
    breakGlassReason: null,
    outcome: "returned",
    requestId: "req-1",
    operationName: null,
    ...overrides,
  };
}

interface Variant extends DatabaseVariant {
  open(): Promise<{ db: Db; url?: string }>;
  done(): Promise<void>;
}

const variants: Variant[] = [
  { name: "PGlite", open: async () => ({ db: await openPglite() }), done: async () => undefined },
];
const pgName = `ffd_audit_${RUN_ID}_store`;
variants.push({
  name: "PostgreSQL",
  postgres: true,
  async open() {
    const url = await freshDatabase(pgName);
    return { db: connectPostgres(url), url };
  },
  done: () => dropDatabase(pgName),
});

describe("canonical JSON and the event hash", () => {
  it("sorts keys at every level and chains the previous hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
    const e = { ...event("p1"), eventId: "e1", occurredAt: "2025-01-01T00:00:00.000Z" };
    expect(hashEvent(e, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(e, GENESIS_HASH)).not.toBe(hashEvent(e, "1".repeat(64)));
    expect(hashEvent({ ...e, agencies: [] }, GENESIS_HASH)).not.toBe(hashEvent(e, GENESIS_HASH));
  });
});

describeEachDatabase(variants)("audit store on $name", (variant) => {
  let db: Db;
  let url: string | undefined;
  let store: AuditStore;

  beforeAll(async () => {
    ({ db, url } = await variant.open());
    store = createAuditStore(db);
  });
  afterAll(async () => {
    await db.close();
    await variant.done();
  });

  it("appends events in order, each chained to the one before", async () => {
    const written = await store.append([event("p1"), event("p2", { actor: "hv-1", role: "health-visitor" })]);
    expect(written.map((e) => e.seq)).toEqual([1, 2]);
    expect(written[0].prevHash).toBe(GENESIS_HASH);
    expect(written[1].prevHash).toBe(written[0].hash);
    expect(written[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(store.verify()).resolves.toEqual({ ok: true, count: 2 });
    const [stored] = await store.trailForPerson("p1");
    expect(stored).toEqual(written[0]);
  });

  it("keeps the chain linear under 300 parallel appends, and with a second writer (replica) on the same database", async () => {
    const before = (await store.verify()).count;
    const replica = createAuditStore(db);
    const writes = Array.from({ length: 300 }, (_, i) =>
      (i % 3 === 0 ? replica : store).append([event(`c${i}`, { requestId: `r${i}` })]),
    );
    const written = (await Promise.all(writes)).flat();
    expect(written).toHaveLength(300);
    expect(new Set(written.map((e) => e.seq)).size).toBe(300);
    await expect(store.verify()).resolves.toEqual({ ok: true, count: before + 300 });
  });

  it("writes appends made at once in a few statements, each resolving only once its events are committed", async () => {
    let inserts = 0;
    const counting: Db = {
      kind: db.kind,
      exec: (sql) => db.exec(sql),
      close: async () => undefined,
      query: <Row extends object>(sql: string, params?: readonly unknown[]) => {
        if (/INSERT INTO audit_event/.test(sql)) inserts++;
        return db.query<Row>(sql, params);
      },
    };
    const batched = createAuditStore(counting);
    const stored = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        batched
          .append([event(`b${i}`, { requestId: `rb${i}` })])
          .then(([e]) => db.query("SELECT seq FROM audit_event WHERE event_id = $1", [e.eventId])),
      ),
    );
    expect(stored.every((rows) => rows.length === 1)).toBe(true);
    expect(inserts).toBeGreaterThan(0);
    expect(inserts).toBeLessThanOrEqual(10);
    await expect(store.verify()).resolves.toMatchObject({ ok: true });
  });

  it("refuses UPDATE, DELETE and TRUNCATE of events", async () => {
    await expect(db.query("UPDATE audit_event SET actor = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(db.query("DELETE FROM audit_event WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(db.exec("TRUNCATE audit_event")).rejects.toThrow(/append-only/);
    await expect(store.verify()).resolves.toMatchObject({ ok: true });
  });

  it("answers who has seen a person's record (newest first, by period) and what a user read in a period", async () => {
    await store.append([
      event("child-9", { actor: "cw-1", role: "centre-worker", occurredAt: "2030-01-02T10:00:00.000Z" }),
      event("child-9", {
        actor: "hv-2",
        role: "health-visitor",
        agencies: ["health-visiting"],
        purpose: "safeguarding",
        occurredAt: "2030-01-05T10:00:00.000Z",
      }),
      event("child-8", { actor: "cw-1", role: "centre-worker", occurredAt: "2030-01-03T10:00:00.000Z" }),
      event("child-9", {
        actor: "cw-1",
        role: "centre-worker",
        outcome: "partially-denied",
        denied: ["maternity"],
        occurredAt: "2030-02-01T10:00:00.000Z",
      }),
    ]);
    const trail = await store.trailForPerson("child-9");
    expect(trail.map((e) => [e.actor, e.occurredAt])).toEqual([
      ["cw-1", "2030-02-01T10:00:00.000Z"],
      ["hv-2", "2030-01-05T10:00:00.000Z"],
      ["cw-1", "2030-01-02T10:00:00.000Z"],
    ]);
    expect(
      (await store.trailForPerson("child-9", { from: "2030-01-03", to: "2030-01-31" })).map((e) => e.actor),
    ).toEqual(["hv-2"]);
    const report = await store.accessReport("cw-1", "2030-01-01", "2030-03-01");
    expect(report.reads).toBe(3);
    expect(report.people).toEqual([
      {
        personId: "child-9",
        reads: 2,
        firstAt: "2030-01-02T10:00:00.000Z",
        lastAt: "2030-02-01T10:00:00.000Z",
        agencies: ["maternity"],
        purposes: ["direct-care"],
        outcomes: ["returned", "partially-denied"],
      },
      {
        personId: "child-8",
        reads: 1,
        firstAt: "2030-01-03T10:00:00.000Z",
        lastAt: "2030-01-03T10:00:00.000Z",
        agencies: ["maternity"],
        purposes: ["direct-care"],
        outcomes: ["returned"],
      },
    ]);
    expect((await store.accessReport("cw-1", "2030-01-04", "2030-01-31")).reads).toBe(0);
  });

  it("queues break-glass events until reviewed (oldest first), records one review each and refuses the rest", async () => {
    const reason = "Duty social worker asked: child not seen for 3 weeks";
    const [first, plain, second, third] = await store.append([
      event("child-7", { actor: "fd-1", role: "front-door", purpose: "safeguarding", breakGlassReason: reason }),
      event("child-7", { actor: "fd-1", role: "front-door", purpose: "safeguarding" }),
      event("child-6", { actor: "hv-3", role: "health-visitor", purpose: "safeguarding", breakGlassReason: reason }),
      event("child-5", { actor: "ig-1", role: "midwife", purpose: "safeguarding", breakGlassReason: reason }),
    ]);
    const queued = async (limit?: number) => (await store.breakGlassQueue(limit)).map((e) => e.eventId);
    expect(await queued()).toEqual([first.eventId, second.eventId, third.eventId]);
    expect(await queued(1)).toEqual([first.eventId]);
    expect((await store.breakGlassQueue(1))[0]).toEqual(first);

    const review = await store.reviewBreakGlass({
      eventId: first.eventId,
      verdict: "APPROPRIATE",
      note: "Strategy discussion minuted the same day",
      reviewer: "ig-1",
      reviewerRole: "ig-auditor",
    });
    expect(review).toEqual({
      eventId: first.eventId,
      verdict: "APPROPRIATE",
      note: "Strategy discussion minuted the same day",
      reviewer: "ig-1",
      reviewerRole: "ig-auditor",
      reviewedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(Math.abs(Date.parse(review.reviewedAt) - Date.now())).toBeLessThan(60_000);
    expect(await queued()).toEqual([second.eventId, third.eventId]);
    expect(await store.reviewsFor([first.eventId, plain.eventId, "no-such-event", second.eventId])).toEqual([
      review,
      null,
      null,
      null,
    ]);
    expect(await store.reviewsFor([])).toEqual([]);

    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "recorded",
        (err: unknown) => (err instanceof BreakGlassReviewRefused ? err.reason : err),
      );
    const by = { verdict: "INAPPROPRIATE" as const, note: null, reviewer: "ig-2", reviewerRole: "ig-auditor" };
    expect(await refusal(store.reviewBreakGlass({ ...by, eventId: first.eventId }))).toBe("already-reviewed");
    expect(await refusal(store.reviewBreakGlass({ ...by, eventId: plain.eventId }))).toBe("not-break-glass");
    expect(await refusal(store.reviewBreakGlass({ ...by, eventId: "no-such-event" }))).toBe("unknown-event");
    expect(await refusal(store.reviewBreakGlass({ ...by, eventId: third.eventId, reviewer: "ig-1" }))).toBe(
      "own-access",
    );
    // Two auditors at once: one review is recorded, the other is told it is already reviewed.
    const both = await Promise.all([
      refusal(store.reviewBreakGlass({ ...by, eventId: second.eventId })),
      refusal(store.reviewBreakGlass({ ...by, eventId: second.eventId, verdict: "APPROPRIATE", reviewer: "ig-3" })),
    ]);
    expect(both.sort()).toEqual(["already-reviewed", "recorded"]);
    expect(await queued()).toEqual([third.eventId]);
    expect((await store.reviewsFor([first.eventId]))[0]).toEqual(review);

    // Reviews are append-only, and re-running the schema (every start does) keeps them.
    await expect(db.query("UPDATE break_glass_review SET verdict = 'INAPPROPRIATE'")).rejects.toThrow(/append-only/);
    await expect(db.query("DELETE FROM break_glass_review")).rejects.toThrow(/append-only/);
    await expect(db.exec("TRUNCATE break_glass_review")).rejects.toThrow(/append-only/);
    await expect(
      db.query(
        "INSERT INTO break_glass_review (event_id, verdict, reviewer, reviewer_role, reviewed_at) VALUES ($1, 'FINE', 'x', 'y', now())",
        [third.eventId],
      ),
    ).rejects.toThrow(/check constraint/);
    await db.exec(AUDIT_SCHEMA);
    expect((await store.reviewsFor([first.eventId]))[0]).toEqual(review);
    await expect(store.verify()).resolves.toMatchObject({ ok: true });
  });

  describe("tampering (the attacker drops the trigger first)", () => {
    const count = async () => (await store.verify()).count;
    const idAt = async (seq: number) =>
      (await db.query<{ event_id: string }>("SELECT event_id FROM audit_event WHERE seq = $1", [seq]))[0].event_id;

    beforeEach(async () => {
      await db.exec("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event");
    });
    afterEach(async () => {
      await db.exec(
        "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
      );
    });

    it("detects an edited event (agencies changed) and names it", async () => {
      const n = await count();
      const id = await idAt(5);
      const original = await db.query<{ agencies: unknown }>("SELECT agencies FROM audit_event WHERE seq = 5");
      await db.query(`UPDATE audit_event SET agencies = '[]'::jsonb WHERE seq = 5`);
      const result = await store.verify();
      expect(result).toEqual({
        ok: false,
        count: 4,
        problem: {
          kind: "edited",
          seq: 5,
          eventId: id,
          message: expect.stringContaining(`event 5 (${id}) was edited`),
        },
      });
      if (url) {
        const cli = spawnSync(process.execPath, [VERIFY_CLI], {
          env: { ...process.env, AUDIT_DATABASE_URL: url },
          encoding: "utf8",
        });
        expect(cli.status).toBe(1);
        expect(cli.stdout).toContain(`event 5 (${id}) was edited`);
        expect(JSON.parse(cli.stdout.trim().split("\n").pop()!)).toMatchObject({
          ok: false,
          kind: "edited",
          seq: 5,
          eventId: id,
        });
      }
      await db.query(`UPDATE audit_event SET agencies = $1::jsonb WHERE seq = 5`, [
        JSON.stringify(original[0].agencies),
      ]);
      await expect(store.verify()).resolves.toEqual({ ok: true, count: n });
    });

    it("detects an edit whose hash was recomputed too: the next event no longer follows it", async () => {
      const [{ person_id }] = await db.query<{ person_id: string }>("SELECT person_id FROM audit_event WHERE seq = 6");
      const sixth = (await store.trailForPerson(person_id)).find((e) => e.seq === 6)!;
      const forged = { ...sixth, actor: "someone-else" };
      await db.query("UPDATE audit_event SET actor = $1, hash = $2 WHERE seq = 6", [
        forged.actor,
        hashEvent(forged, sixth.prevHash),
      ]);
      expect(await store.verify()).toMatchObject({ ok: false, count: 6, problem: { kind: "out-of-order", seq: 7 } });
      await db.query("UPDATE audit_event SET actor = $1, hash = $2 WHERE seq = 6", [sixth.actor, sixth.hash]);
      await expect(store.verify()).resolves.toMatchObject({ ok: true });
    });

    it("detects a deleted event, a deleted tail and two events swapped", async () => {
      const next = await idAt(8);
      await db.query("DELETE FROM audit_event WHERE seq = 7");
      expect(await store.verify()).toMatchObject({
        ok: false,
        count: 6,
        problem: {
          kind: "deleted",
          seq: 7,
          eventId: null,
          message: expect.stringContaining(`before event 8, ${next}`),
        },
      });
      if (url) {
        const cli = spawnSync(process.execPath, [VERIFY_CLI], {
          env: { ...process.env, AUDIT_DATABASE_URL: url },
          encoding: "utf8",
        });
        expect(cli.status).toBe(1);
        expect(cli.stdout).toContain("event 7 is missing");
      }

      // A fresh chain for the rest: the last event deleted, then two events swapped.
      const other = createAuditStore(db);
      await db.exec("DROP TABLE audit_event; DROP TABLE audit_chain_head");
      await other.append([event("q1"), event("q2"), event("q3"), event("q4")]);
      await db.exec("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event");
      await db.query("DELETE FROM audit_event WHERE seq = 4");
      expect(await other.verify()).toMatchObject({ ok: false, count: 3, problem: { kind: "deleted", seq: 4 } });
      await db.exec(
        "UPDATE audit_event SET seq = 100 WHERE seq = 2; UPDATE audit_event SET seq = 2 WHERE seq = 3; UPDATE audit_event SET seq = 3 WHERE seq = 100",
      );
      expect(await other.verify()).toMatchObject({ ok: false, count: 1, problem: { kind: "out-of-order", seq: 2 } });
    });
  });

  // The verify command reads the chain from a server by URL: defined for the PostgreSQL variant only.
  if (variant.postgres) {
    it("the verify command reports an intact chain with its count and exits 0", async () => {
      const fresh = `${pgName}_cli`;
      const cliUrl = await freshDatabase(fresh);
      const cliDb = connectPostgres(cliUrl);
      try {
        await createAuditStore(cliDb).append([event("a"), event("b"), event("c")]);
        const cli = spawnSync(process.execPath, [VERIFY_CLI], {
          env: { ...process.env, AUDIT_DATABASE_URL: cliUrl },
          encoding: "utf8",
        });
        expect(cli.status).toBe(0);
        expect(cli.stdout).toContain("audit chain intact: 3 events");
        const none = spawnSync(process.execPath, [VERIFY_CLI], {
          env: { ...process.env, AUDIT_DATABASE_URL: "" },
          encoding: "utf8",
        });
        expect(none.status).toBe(2);
      } finally {
        await cliDb.close();
        await dropDatabase(fresh);
      }
    });
  }
});
