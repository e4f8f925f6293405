import { openReference } from "@ffd/shared";
import type { ChildrensCentresContext } from "../../context";

/**
 * `_entities` for ChildrensCentre: the directory of centres, which holds no personal data and
 * which `Query.childrensCentres` shows every caller. Every representation in the call shares one
 * cc_centre query.
 */
export const centreReference = openReference(
  "the centre directory: no personal data, shown to every caller",
  (representation: { code?: unknown }, context: ChildrensCentresContext) =>
    typeof representation.code === "string" ? context.loaders.centre.load(representation.code) : null,
);
