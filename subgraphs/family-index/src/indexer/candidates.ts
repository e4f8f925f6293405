import { createHash } from "node:crypto";
import type { RecordKey } from "../linkage/types";

/** A candidate pair's id: "C" + 16 hex of the SHA-256 of its two record keys in order (either way round, one id). */
export function candidateId(a: RecordKey, b: RecordKey): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `C${createHash("sha256").update(`candidate|${x}|${y}`, "utf8").digest("hex").slice(0, 16).toUpperCase()}`;
}
