import { guardedReference } from "@ffd/shared";
import type { MaternityContext } from "../../context";

export interface PregnancyRepresentation {
  __typename: "Pregnancy";
  id: string;
}

/**
 * `_entities` for Pregnancy: part of a person's maternity record, so it gets the maternity grant
 * `Person.maternity` would give (nothing for a registrar, a summary without a relationship).
 * Through the request's loader: N representations, one query. Null for an id the system does not hold.
 */
export const pregnancyReference = guardedReference(
  "maternity",
  (ref: PregnancyRepresentation, ctx: MaternityContext) =>
    typeof ref.id === "string" ? ctx.loaders.pregnancyById.load(ref.id) : null,
);
