import { randomUUID } from "node:crypto";
import {
  connectPostgres,
  openEmbeddedStore,
  openPglite,
  type Agency,
  type Db,
  type DbTimeouts,
  type Logger,
} from "@ffd/shared";
import { GENESIS_HASH, hashEvent, type AuditEvent, type AuditEventContent, type AuditOutcome } from "./event";

/*
 * The audit trail: one PostgreSQL table, append-only, each event chained to the one before by
 * its hash. The chain head (last sequence number and hash) is a row of its own, advanced with a
 * compare-and-swap in the same statement that inserts the events, so two gateway replicas
 * writing to one database can never fork the chain: the loser's statement inserts nothing and
 * it retries on the new head. Within one process a single writer queue batches events, so
 * hundreds of parallel reads make a handful of statements.
 *
 * Beside it, `break_glass_review`: an IG auditor's verdict on each break-glass access, one per
 * event, append-only like the events (reviews are not chained: they judge events, they are not
 * reads of anyone's record).
 */

/** Serialises schema changes between replicas starting together ('ffd-audit' as an int). */
const MIGRATION_LOCK = 0x66666461;

export const AUDIT_SCHEMA = `
SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
CREATE TABLE IF NOT EXISTS audit_event (
  seq                bigint      PRIMARY KEY,
  event_id           text        NOT NULL UNIQUE,
  person_id          text        NOT NULL,
  agencies           jsonb       NOT NULL,
  categories         jsonb       NOT NULL,
  denied             jsonb       NOT NULL,
  unavailable        jsonb       NOT NULL,
  actor              text        NOT NULL,
  role               text        NOT NULL,
  organisation       text,
  centre             text,
  purpose            text        NOT NULL,
  break_glass_reason text,
  outcome            text        NOT NULL,
  request_id         text        NOT NULL,
  operation_name     text,
  occurred_at        timestamptz NOT NULL,
  prev_hash          text        NOT NULL UNIQUE,
  hash               text        NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_event_person_idx ON audit_event (person_id, occurred_at);
CREATE INDEX IF NOT EXISTS audit_event_actor_idx ON audit_event (actor, occurred_at);
CREATE TABLE IF NOT EXISTS audit_chain_head (
  id   int    PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text   NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}') ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % is not allowed', TG_OP;
END
$$;
DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
CREATE INDEX IF NOT EXISTS audit_event_break_glass_idx ON audit_event (seq) WHERE break_glass_reason IS NOT NULL;
-- One review per break-glass event, by an IG auditor. No foreign key: the chained event table
-- must never depend on another table; the insert checks that the event exists and broke glass.
CREATE TABLE IF NOT EXISTS break_glass_review (
  event_id      text        PRIMARY KEY,
  verdict       text        NOT NULL CHECK (verdict IN ('APPROPRIATE', 'INAPPROPRIATE')),
  note          text,
  reviewer      text        NOT NULL,
  reviewer_role text        NOT NULL,
  reviewed_at   timestamptz NOT NULL
);
CREATE OR REPLACE FUNCTION break_glass_review_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'break-glass reviews are append-only: % is not allowed', TG_OP;
END
$$;
DROP TRIGGER IF EXISTS break_glass_review_no_change ON break_glass_review;
CREATE TRIGGER break_glass_review_no_change BEFORE UPDATE OR DELETE ON break_glass_review
  FOR EACH ROW EXECUTE FUNCTION break_glass_review_append_only();
DROP TRIGGER IF EXISTS break_glass_review_no_truncate ON break_glass_review;
CREATE TRIGGER break_glass_review_no_truncate BEFORE TRUNCATE ON break_glass_review
  FOR EACH STATEMENT EXECUTE FUNCTION break_glass_review_append_only();
`;

const COLUMNS = `seq, event_id, person_id, agencies, categories, denied, unavailable, actor, role, organisation,
  centre, purpose, break_glass_reason, outcome, request_id, operation_name,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, prev_hash, hash`;

interface EventRow {
  seq: string | number;
  event_id: string;
  person_id: string;
  agencies: Agency[];
  categories: string[];
  denied: string[];
  unavailable: Agency[];
  actor: string;
  role: string;
  organisation: string | null;
  centre: string | null;
  purpose: string;
  break_glass_reason: string | null;
  outcome: AuditOutcome;
  request_id: string;
  operation_name: string | null;
  occurred_at: string;
  prev_hash: string;
  hash: string;
}

const json = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

function fromRow(r: EventRow): AuditEvent {
  return {
    seq: Number(r.seq),
    eventId: r.event_id,
    personId: r.person_id,
    agencies: json(r.agencies),
    categories: json(r.categories),
    denied: json(r.denied),
    unavailable: json(r.unavailable),
    actor: r.actor,
    role: r.role,
    organisation: r.organisation,
    centre: r.centre,
    purpose: r.purpose,
    breakGlassReason: r.break_glass_reason,
    outcome: r.outcome,
    requestId: r.request_id,
    operationName: r.operation_name,
    occurredAt: r.occurred_at,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const REVIEW_COLUMNS = `event_id, verdict, note, reviewer, reviewer_role,
  to_char(reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS reviewed_at`;

interface ReviewRow {
  event_id: string;
  verdict: BreakGlassVerdict;
  note: string | null;
  reviewer: string;
  reviewer_role: string;
  reviewed_at: string;
}

function reviewFromRow(r: ReviewRow): BreakGlassReview {
  return {
    eventId: r.event_id,
    verdict: r.verdict,
    note: r.note,
    reviewer: r.reviewer,
    reviewerRole: r.reviewer_role,
    reviewedAt: r.reviewed_at,
  };
}

/** An event before the store gives it an id, time and place in the chain. */
export type NewAuditEvent = Omit<AuditEventContent, "eventId" | "occurredAt"> & { occurredAt?: string };

export interface TrailOptions {
  /** Inclusive lower bound, ISO timestamp or date. */
  from?: string;
  /** Exclusive upper bound. */
  to?: string;
  limit?: number;
}

export interface AccessReportPerson {
  personId: string;
  reads: number;
  firstAt: string;
  lastAt: string;
  agencies: Agency[];
  purposes: string[];
  outcomes: AuditOutcome[];
}

/** What one user read in a period: for the IG auditor's access report. */
export interface AccessReport {
  actor: string;
  from: string;
  to: string;
  reads: number;
  people: AccessReportPerson[];
}

export const BREAK_GLASS_VERDICTS = ["APPROPRIATE", "INAPPROPRIATE"] as const;
/** An IG auditor's judgement of one break-glass access. */
export type BreakGlassVerdict = (typeof BREAK_GLASS_VERDICTS)[number];

/** The review of one break-glass event: there is at most one per event, and it never changes. */
export interface BreakGlassReview {
  eventId: string;
  verdict: BreakGlassVerdict;
  note: string | null;
  /** The reviewer's subject (user id) and role, as the gateway verified them. */
  reviewer: string;
  reviewerRole: string;
  /** ISO 8601 UTC with milliseconds, the database's clock. */
  reviewedAt: string;
}

export type NewBreakGlassReview = Omit<BreakGlassReview, "reviewedAt">;

/** Why a review was not recorded. */
export type BreakGlassReviewRefusal = "unknown-event" | "not-break-glass" | "already-reviewed" | "own-access";

const REFUSAL_MESSAGES: Readonly<Record<BreakGlassReviewRefusal, string>> = {
  "unknown-event": "no audit event has this id",
  "not-break-glass": "this audit event is not a break-glass access, so there is nothing to review",
  "already-reviewed": "this break-glass access has already been reviewed; a review cannot be changed",
  "own-access": "a break-glass access cannot be reviewed by the person who made it",
};

/** A review the store refused to record, and why (the reason is for the reviewer to act on). */
export class BreakGlassReviewRefused extends Error {
  constructor(readonly reason: BreakGlassReviewRefusal) {
    super(REFUSAL_MESSAGES[reason]);
    this.name = "BreakGlassReviewRefused";
  }
}

export type VerifyProblemKind = "edited" | "deleted" | "out-of-order" | "head-mismatch";

export interface VerifyProblem {
  kind: VerifyProblemKind;
  /** The sequence number where the chain first breaks. */
  seq: number;
  /** The id of the event found there (null when the event itself is missing). */
  eventId: string | null;
  message: string;
}

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; problem: VerifyProblem };

export interface AuditStore {
  readonly kind: Db["kind"];
  /** Creates the schema if need be (done on first use anyway); rejects while the database is unreachable. */
  ready(): Promise<void>;
  /** Appends the events to the chain; resolves once they are committed. */
  append(events: readonly NewAuditEvent[]): Promise<AuditEvent[]>;
  /** Who has read this person's record: newest first. */
  trailForPerson(personId: string, options?: TrailOptions): Promise<AuditEvent[]>;
  /** What one user read between from (inclusive) and to (exclusive). */
  accessReport(actor: string, from: string, to: string): Promise<AccessReport>;
  /** Break-glass events no one has reviewed yet, oldest first. */
  breakGlassQueue(limit?: number): Promise<AuditEvent[]>;
  /**
   * Records the review of a break-glass event, once: rejects with BreakGlassReviewRefused when
   * the event is unknown, did not break glass, is already reviewed, or was made by the reviewer.
   */
  reviewBreakGlass(review: NewBreakGlassReview): Promise<BreakGlassReview>;
  /** The reviews of these events in key order, null for an event without one (for a DataLoader). */
  reviewsFor(eventIds: readonly string[]): Promise<(BreakGlassReview | null)[]>;
  verify(): Promise<VerifyResult>;
  close(): Promise<void>;
}

const MAX_BATCH = 500;
const MAX_CAS_ATTEMPTS = 50;

interface Pending {
  event: AuditEventContent;
  resolve: (e: AuditEvent) => void;
  reject: (err: unknown) => void;
}

/** Walks the chain from the first event and reports the first break, if any. */
export async function verifyChain(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevId: string | null = null;
  let count = 0;
  for (;;) {
    const rows = await db.query<EventRow>(`SELECT ${COLUMNS} FROM audit_event WHERE seq >= $1 ORDER BY seq LIMIT $2`, [
      expectedSeq,
      pageSize,
    ]);
    for (const row of rows) {
      const e = fromRow(row);
      if (e.seq !== expectedSeq) {
        const missing = e.seq - expectedSeq;
        return {
          ok: false,
          count,
          problem: {
            kind: "deleted",
            seq: expectedSeq,
            eventId: null,
            message: `event ${expectedSeq} is missing (${missing} event${missing > 1 ? "s" : ""} deleted before event ${e.seq}, ${e.eventId})`,
          },
        };
      }
      if (hashEvent(e, e.prevHash) !== e.hash) {
        return {
          ok: false,
          count,
          problem: {
            kind: "edited",
            seq: e.seq,
            eventId: e.eventId,
            message: `event ${e.seq} (${e.eventId}) was edited: its content no longer matches its hash`,
          },
        };
      }
      if (e.prevHash !== prevHash) {
        return {
          ok: false,
          count,
          problem: {
            kind: "out-of-order",
            seq: e.seq,
            eventId: e.eventId,
            message: `event ${e.seq} (${e.eventId}) does not follow ${prevId ? `event ${e.seq - 1} (${prevId})` : "the start of the chain"}: events were deleted, inserted or moved before it`,
          },
        };
      }
      prevHash = e.hash;
      prevId = e.eventId;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await db.query<{ seq: string | number; hash: string }>(
    "SELECT seq, hash FROM audit_chain_head WHERE id = 1",
  );
  const headSeq = head ? Number(head.seq) : 0;
  if (!head || headSeq !== count || head.hash !== prevHash) {
    return {
      ok: false,
      count,
      problem: {
        kind: headSeq > count ? "deleted" : "head-mismatch",
        seq: count + 1,
        eventId: null,
        message:
          headSeq > count
            ? `events ${count + 1} to ${headSeq} are missing: the chain head records ${headSeq} events, the table ends at ${count}`
            : `the chain head (${headSeq}) does not match the last event (${count})`,
      },
    };
  }
  return { ok: true, count };
}

class SqlAuditStore implements AuditStore {
  private migrated: Promise<void> | null = null;
  private head: { seq: number; hash: string } | null = null;
  private readonly queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly ownsDb: boolean,
  ) {}

  get kind() {
    return this.db.kind;
  }

  /** Creates the schema on first use; a failure is retried on the next write. */
  ready(): Promise<void> {
    if (!this.migrated) {
      this.migrated = this.db.exec(AUDIT_SCHEMA).catch((err) => {
        this.migrated = null;
        throw err;
      });
    }
    return this.migrated;
  }

  append(events: readonly NewAuditEvent[]): Promise<AuditEvent[]> {
    const now = new Date().toISOString();
    const done = Promise.all(
      events.map(
        (e) =>
          new Promise<AuditEvent>((resolve, reject) => {
            this.queue.push({
              event: { ...e, eventId: randomUUID(), occurredAt: e.occurredAt ?? now },
              resolve,
              reject,
            });
          }),
      ),
    );
    this.kick();
    return done;
  }

  private kick(): void {
    if (this.writing) return;
    this.writing = true;
    void this.drain().finally(() => {
      this.writing = false;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const written = await this.write(batch.map((p) => p.event));
        batch.forEach((p, i) => p.resolve(written[i]));
      } catch (err) {
        this.head = null;
        for (const p of batch) p.reject(err);
      }
    }
  }

  private async write(events: AuditEventContent[]): Promise<AuditEvent[]> {
    await this.ready();
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      if (!this.head) {
        const [row] = await this.db.query<{ seq: string | number; hash: string }>(
          "SELECT seq, hash FROM audit_chain_head WHERE id = 1",
        );
        this.head = { seq: Number(row.seq), hash: row.hash };
      }
      const start = this.head;
      let prevHash = start.hash;
      const chained: AuditEvent[] = events.map((e, i) => {
        const hash = hashEvent(e, prevHash);
        const out = { ...e, seq: start.seq + i + 1, prevHash, hash };
        prevHash = hash;
        return out;
      });
      const last = chained[chained.length - 1];
      const rows = await this.db.query(
        `WITH head AS (
           UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1 AND seq = $3 AND hash = $4 RETURNING id
         )
         INSERT INTO audit_event (seq, event_id, person_id, agencies, categories, denied, unavailable, actor, role,
           organisation, centre, purpose, break_glass_reason, outcome, request_id, operation_name, occurred_at,
           prev_hash, hash)
         SELECT e.seq, e.event_id, e.person_id, e.agencies, e.categories, e.denied, e.unavailable, e.actor, e.role,
           e.organisation, e.centre, e.purpose, e.break_glass_reason, e.outcome, e.request_id, e.operation_name,
           e.occurred_at, e.prev_hash, e.hash
         FROM head, jsonb_to_recordset($5::jsonb) AS e(seq bigint, event_id text, person_id text, agencies jsonb,
           categories jsonb, denied jsonb, unavailable jsonb, actor text, role text, organisation text, centre text,
           purpose text, break_glass_reason text, outcome text, request_id text, operation_name text,
           occurred_at timestamptz, prev_hash text, hash text)
         RETURNING seq`,
        [
          last.seq,
          last.hash,
          start.seq,
          start.hash,
          JSON.stringify(
            chained.map((e) => ({
              seq: e.seq,
              event_id: e.eventId,
              person_id: e.personId,
              agencies: e.agencies,
              categories: e.categories,
              denied: e.denied,
              unavailable: e.unavailable,
              actor: e.actor,
              role: e.role,
              organisation: e.organisation,
              centre: e.centre,
              purpose: e.purpose,
              break_glass_reason: e.breakGlassReason,
              outcome: e.outcome,
              request_id: e.requestId,
              operation_name: e.operationName,
              occurred_at: e.occurredAt,
              prev_hash: e.prevHash,
              hash: e.hash,
            })),
          ),
        ],
      );
      if (rows.length === chained.length) {
        this.head = { seq: last.seq, hash: last.hash };
        return chained;
      }
      // Another writer (a second gateway replica) moved the head: start again from where it is now.
      this.head = null;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error("could not append to the audit chain: the head kept moving");
  }

  async trailForPerson(personId: string, options: TrailOptions = {}): Promise<AuditEvent[]> {
    await this.ready();
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM audit_event
       WHERE person_id = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)
       ORDER BY seq DESC LIMIT $4`,
      [personId, options.from ?? null, options.to ?? null, options.limit ?? 1000],
    );
    return rows.map(fromRow);
  }

  async accessReport(actor: string, from: string, to: string): Promise<AccessReport> {
    await this.ready();
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM audit_event WHERE actor = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY seq`,
      [actor, from, to],
    );
    const people = new Map<string, AccessReportPerson>();
    for (const e of rows.map(fromRow)) {
      const p = people.get(e.personId) ?? {
        personId: e.personId,
        reads: 0,
        firstAt: e.occurredAt,
        lastAt: e.occurredAt,
        agencies: [],
        purposes: [],
        outcomes: [],
      };
      p.reads++;
      p.lastAt = e.occurredAt;
      for (const a of e.agencies) if (!p.agencies.includes(a)) p.agencies.push(a);
      if (!p.purposes.includes(e.purpose)) p.purposes.push(e.purpose);
      if (!p.outcomes.includes(e.outcome)) p.outcomes.push(e.outcome);
      people.set(e.personId, p);
    }
    return { actor, from, to, reads: rows.length, people: [...people.values()] };
  }

  async breakGlassQueue(limit = 50): Promise<AuditEvent[]> {
    await this.ready();
    const rows = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM audit_event e
       WHERE break_glass_reason IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM break_glass_review r WHERE r.event_id = e.event_id)
       ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map(fromRow);
  }

  async reviewBreakGlass(review: NewBreakGlassReview): Promise<BreakGlassReview> {
    await this.ready();
    // One statement: the event must exist, have broken glass and not be the reviewer's own; the
    // primary key makes a second review (even a concurrent one) insert nothing.
    const [row] = await this.db.query<ReviewRow>(
      `INSERT INTO break_glass_review (event_id, verdict, note, reviewer, reviewer_role, reviewed_at)
       SELECT e.event_id, $2, $3, $4, $5, now() FROM audit_event e
       WHERE e.event_id = $1 AND e.break_glass_reason IS NOT NULL AND e.actor <> $4
       ON CONFLICT (event_id) DO NOTHING
       RETURNING ${REVIEW_COLUMNS}`,
      [review.eventId, review.verdict, review.note, review.reviewer, review.reviewerRole],
    );
    if (row) return reviewFromRow(row);
    const [why] = await this.db.query<{ break_glass: boolean; own: boolean; reviewed: boolean }>(
      `SELECT e.break_glass_reason IS NOT NULL AS break_glass, e.actor = $2 AS own, r.event_id IS NOT NULL AS reviewed
       FROM audit_event e LEFT JOIN break_glass_review r ON r.event_id = e.event_id
       WHERE e.event_id = $1`,
      [review.eventId, review.reviewer],
    );
    if (!why) throw new BreakGlassReviewRefused("unknown-event");
    if (!why.break_glass) throw new BreakGlassReviewRefused("not-break-glass");
    if (why.reviewed) throw new BreakGlassReviewRefused("already-reviewed");
    throw new BreakGlassReviewRefused("own-access");
  }

  async reviewsFor(eventIds: readonly string[]): Promise<(BreakGlassReview | null)[]> {
    if (eventIds.length === 0) return [];
    await this.ready();
    const rows = await this.db.query<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM break_glass_review WHERE event_id = ANY($1::text[])`,
      [eventIds],
    );
    const byId = new Map(rows.map((r) => [r.event_id, reviewFromRow(r)]));
    return eventIds.map((id) => byId.get(id) ?? null);
  }

  async verify(): Promise<VerifyResult> {
    await this.ready();
    return verifyChain(this.db);
  }

  async close(): Promise<void> {
    if (this.ownsDb) await this.db.close();
  }
}

/** An audit store over a database the caller owns (it is not closed with the store). */
export function createAuditStore(db: Db, options: { ownsDb?: boolean } = {}): AuditStore {
  return new SqlAuditStore(db, options.ownsDb ?? false);
}

/** The embedded audit store's name: its folder `<DATA_DIR>/audit` and lock `<DATA_DIR>/audit.lock`. */
export const EMBEDDED_AUDIT_STORE = "audit";

export interface OpenAuditStoreOptions {
  /**
   * Without a url: the data folder the embedded store is kept in (`<dataDir>/audit`), or
   * null/unset for in memory, lost with the process (tests).
   */
  dataDir?: string | null;
  /** PostgreSQL statement, lock and client timeouts (default DEFAULT_DB_TIMEOUTS). */
  timeouts?: DbTimeouts;
  logger?: Logger;
}

/**
 * The gateway's store: PostgreSQL at `url`, or an embedded PGlite when there is none
 * (development and tests only: production requires AUDIT_DATABASE_URL), kept in the data folder
 * so the trail survives a restart. The PostgreSQL connection is made and the schema created on
 * first use, so a gateway starts even while its audit database is down, and refuses to show
 * records until it is back. Its timeouts bound how long an append may wait (a locked chain
 * head, a silent server): past them the append fails and the read answers AUDIT_UNAVAILABLE.
 */
export async function openAuditStore(
  url: string | undefined,
  options: OpenAuditStoreOptions = {},
): Promise<AuditStore> {
  let db: Db;
  if (url) db = connectPostgres(url, { max: 4, timeouts: options.timeouts });
  else if (options.dataDir)
    db = await openEmbeddedStore(options.dataDir, EMBEDDED_AUDIT_STORE, { logger: options.logger });
  else db = await openPglite();
  return createAuditStore(db, { ownsDb: true });
}
