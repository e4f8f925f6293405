import { createHash } from "node:crypto";
import type { RecordKey } from "./types";

function hash16(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16).toUpperCase();
}

/**
 * A person's id derives from their anchor record (the smallest record key in the fixed agency
 * order), so the same data gives the same id on every rebuild and restart, and person(id)
 * links keep working. It changes only if the person's records change so much that another
 * record becomes the anchor (a record from an earlier agency joins them, or the anchor goes).
 */
export function personIdFor(anchor: RecordKey): string {
  return `P${hash16(`person|${anchor}`)}`;
}

/** A family's id derives from its smallest member person id. */
export function familyIdFor(anchorPersonId: string): string {
  return `F${hash16(`family|${anchorPersonId}`)}`;
}
