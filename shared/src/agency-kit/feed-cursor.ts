/**
 * The identity feed's cursors. family-index treats a cursor as an opaque string it hands back;
 * only the kit reads it. Two kinds:
 *
 * - a **page** cursor, within one whole read: the last local id sent (keyset: the next page is
 *   the records after it in local id order, so a record inserted meanwhile never shifts a page)
 *   and the change log's horizon when the read began (where reading changes must start, so that
 *   whatever changed during the read is read again after it);
 * - a **change** cursor: the change log's horizon up to which changes have been read, and,
 *   within one change read of several pages, the last change sent and the horizon the read
 *   stops at.
 *
 * Both carry the identity of the change log their positions belong to (`log`; a page cursor's is
 * null when the agency kept no change log as the read began): positions of another log (the
 * agency's database generated again, or restored) mean nothing in this one, so such a cursor is
 * answered "gone" (410) and family-index reads the agency whole.
 *
 * The encoding is base64url JSON with a version; anything else (a cursor of an earlier version
 * among them) is refused as a bad cursor.
 */
export type FeedCursor =
  | { kind: "page"; after: string; log: string | null; since: string | null }
  | { kind: "changes"; log: string; since: string; until: string | null; after: string | null };

/** 2: cursors carry their change log's identity. */
const VERSION = 2;

export function encodeFeedCursor(cursor: FeedCursor): string {
  const body =
    cursor.kind === "page"
      ? { v: VERSION, k: "p", a: cursor.after, l: cursor.log, s: cursor.since }
      : { v: VERSION, k: "c", l: cursor.log, s: cursor.since, u: cursor.until, a: cursor.after };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/** The cursor, or null when `text` is not one this kit wrote. */
export function decodeFeedCursor(text: string): FeedCursor | null {
  if (text.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  const str = (x: unknown): x is string => typeof x === "string" && x !== "";
  const strOrNull = (x: unknown): x is string | null => x === null || str(x);
  if (b.v !== VERSION) return null;
  if (b.k === "p" && str(b.a) && strOrNull(b.l) && strOrNull(b.s) && (b.l === null) === (b.s === null))
    return { kind: "page", after: b.a, log: b.l, since: b.s };
  if (b.k === "c" && str(b.l) && str(b.s) && strOrNull(b.u) && strOrNull(b.a))
    return { kind: "changes", log: b.l, since: b.s, until: b.u, after: b.a };
  return null;
}
