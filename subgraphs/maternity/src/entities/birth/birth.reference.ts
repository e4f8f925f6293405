import { guardedReference } from "@ffd/shared";
import type { MaternityContext } from "../../context";

/**
 * `_entities` for BirthDetails, by the baby's local id. A birth is maternity detail
 * (`MaternityRecord.birth` and `Pregnancy.babies` show it only with the full maternity grant), so
 * reached by key anything short of FULL refuses it whole. Through the request's loader: N ids, one
 * query. Null for an id the system does not hold.
 */
export const birthDetailsReference = guardedReference(
  "maternity",
  (ref: { localId?: unknown }, ctx: MaternityContext) =>
    typeof ref.localId === "string" ? ctx.loaders.birthById.load(ref.localId) : null,
  "FULL",
);
