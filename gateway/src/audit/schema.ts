import type { Agency } from "@ffd/shared";
import { GENESIS_HASH, type AuditEvent, type AuditOutcome } from "./event";

/*
 * The audit trail's tables: `audit_event`, append-only, each event chained to the one before by
 * its hash; `audit_chain_head`, the last sequence number and hash, advanced with a
 * compare-and-swap in the statement that inserts events (store.ts); and `break_glass_review`, an
 * IG auditor's verdict on each break-glass access, one per event, append-only like the events
 * (reviews are not chained: they judge events, they are not reads of anyone's record). Triggers
 * refuse every update, delete and truncate. Also how an event row is read back.
 */

/** Serialises schema changes between replicas starting together ('ffd-audit' as an int). */
const MIGRATION_LOCK = 0x66666461;

/**
 * The trigger function and triggers that refuse every update, delete and truncate on `table`
 * (`rows`: how the error names its rows).
 */
function appendOnly(table: string, rows: string): string {
  return `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '${rows} are append-only: % is not allowed', TG_OP;
END
$$;
DROP TRIGGER IF EXISTS ${table}_no_change ON ${table};
CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${table}_append_only();
DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table};
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only();`;
}

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
${appendOnly("audit_event", "audit events")}
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
${appendOnly("break_glass_review", "break-glass reviews")}
`;

/** The columns of an event as read back, its time as ISO 8601 UTC with milliseconds. */
export const COLUMNS = `seq, event_id, person_id, agencies, categories, denied, unavailable, actor, role, organisation,
  centre, purpose, break_glass_reason, outcome, request_id, operation_name,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, prev_hash, hash`;

export interface EventRow {
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

export function fromRow(r: EventRow): AuditEvent {
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
