import type { Db } from "@ffd/shared";
import { GENESIS_HASH, hashEvent } from "./event";
import { COLUMNS, fromRow, type EventRow } from "./schema";

/*
 * Chain verification: every event's hash recomputed from its content and the hash before it,
 * from the first event to the chain head, so an edited, deleted, inserted or reordered event is
 * found and named (npm run audit:verify, verify.ts).
 */

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
