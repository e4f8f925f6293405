import { openReference } from "@ffd/shared";
import type { FamilyIndexContext } from "../../context";
import type { LocalityRef } from "../../locality/locality-reference";

/** `_entities` for Locality: the locality reference in memory, no query and no personal data. */
export const localityReference = openReference(
  "the locality reference: public reach areas, no personal data, shown to every caller",
  (representation: { id?: unknown }, ctx: FamilyIndexContext): LocalityRef | null => {
    const locality = typeof representation.id === "string" ? ctx.deps.localities.locality(representation.id) : null;
    // A copy: federation marks the object it is given with its __typename, and the reference's are frozen.
    return locality ? { ...locality } : null;
  },
);
