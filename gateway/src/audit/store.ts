import { randomUUID } from "node:crypto";
import {
  connectPostgres,
  openEmbeddedStore,
  openPglite,
  tracedDb,
  TRACING_OFF,
  type Agency,
  type Db,
  type DbTimeouts,
  type Logger,
  type Tracing,
} from "@ffd/shared";
import * as breakGlass from "./break-glass-review";
import type { BreakGlassReview, NewBreakGlassReview } from "./break-glass-review";
import { hashEvent, type AuditEvent, type AuditEventContent, type AuditOutcome } from "./event";
import { AUDIT_SCHEMA, COLUMNS, fromRow, type EventRow } from "./schema";
import { verifyChain, type VerifyResult } from "./verify-chain";

/*
 * The audit trail: one PostgreSQL table, append-only, each event chained to the one before by
 * its hash. The chain head (last sequence number and hash) is a row of its own, advanced with a
 * compare-and-swap in the same statement that inserts the events, so two gateway replicas
 * writing to one database can never fork the chain: the loser's statement inserts nothing and
 * it retries on the new head. Within one process a single writer queue batches events, so
 * hundreds of parallel reads make a handful of statements.
 *
 * The tables are in schema.ts, the break-glass review queue and reviews in
 * break-glass-review.ts, the chain's verification in verify-chain.ts; this is the store the
 * gateway holds, over one database.
 */

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
    return breakGlass.breakGlassQueue(this.db, limit);
  }

  async reviewBreakGlass(review: NewBreakGlassReview): Promise<BreakGlassReview> {
    await this.ready();
    return breakGlass.reviewBreakGlass(this.db, review);
  }

  async reviewsFor(eventIds: readonly string[]): Promise<(BreakGlassReview | null)[]> {
    if (eventIds.length === 0) return [];
    await this.ready();
    return breakGlass.reviewsFor(this.db, eventIds);
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
  /** The gateway's traces: each audit statement of a traced request a span (its kind only); unset: off. */
  tracing?: Tracing;
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
  return createAuditStore(tracedDb(db, options.tracing ?? TRACING_OFF), { ownsDb: true });
}
