import type { Db } from "@ffd/shared";
import type { AuditEvent } from "./event";
import { COLUMNS, fromRow, type EventRow } from "./schema";

/*
 * Break-glass review: the queue of break-glass accesses no IG auditor has judged yet, and the
 * one review each may receive (table break_glass_review, schema.ts), recorded in one statement
 * that checks the event exists, broke glass and is not the reviewer's own.
 */

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

/** Break-glass events no one has reviewed yet, oldest first. */
export async function breakGlassQueue(db: Db, limit: number): Promise<AuditEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM audit_event e
     WHERE break_glass_reason IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM break_glass_review r WHERE r.event_id = e.event_id)
     ORDER BY seq LIMIT $1`,
    [limit],
  );
  return rows.map(fromRow);
}

/**
 * Records the review of a break-glass event, once: rejects with BreakGlassReviewRefused when the
 * event is unknown, did not break glass, is already reviewed, or was made by the reviewer.
 */
export async function reviewBreakGlass(db: Db, review: NewBreakGlassReview): Promise<BreakGlassReview> {
  // One statement: the event must exist, have broken glass and not be the reviewer's own; the
  // primary key makes a second review (even a concurrent one) insert nothing.
  const [row] = await db.query<ReviewRow>(
    `INSERT INTO break_glass_review (event_id, verdict, note, reviewer, reviewer_role, reviewed_at)
     SELECT e.event_id, $2, $3, $4, $5, now() FROM audit_event e
     WHERE e.event_id = $1 AND e.break_glass_reason IS NOT NULL AND e.actor <> $4
     ON CONFLICT (event_id) DO NOTHING
     RETURNING ${REVIEW_COLUMNS}`,
    [review.eventId, review.verdict, review.note, review.reviewer, review.reviewerRole],
  );
  if (row) return reviewFromRow(row);
  const [why] = await db.query<{ break_glass: boolean; own: boolean; reviewed: boolean }>(
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

/** The reviews of these events in key order, null for an event without one (for a DataLoader). */
export async function reviewsFor(db: Db, eventIds: readonly string[]): Promise<(BreakGlassReview | null)[]> {
  if (eventIds.length === 0) return [];
  const rows = await db.query<ReviewRow>(
    `SELECT ${REVIEW_COLUMNS} FROM break_glass_review WHERE event_id = ANY($1::text[])`,
    [eventIds],
  );
  const byId = new Map(rows.map((r) => [r.event_id, reviewFromRow(r)]));
  return eventIds.map((id) => byId.get(id) ?? null);
}
