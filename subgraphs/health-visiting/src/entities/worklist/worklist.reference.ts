import { openReference } from "@ffd/shared";
import type { HealthVisitingContext } from "../../context";
import type { LocalityProfile } from "./worklist.type";

/** `_entities` for LocalityProfile: the locality's id, when the reference knows it; its one field applies the policy. */
export const localityProfileReference = openReference(
  "a stub of family-index's profile, by a locality's id (reference data); reviewPerformance applies the locality lists' policy itself",
  (representation: { id?: unknown }, ctx: HealthVisitingContext): LocalityProfile | null =>
    typeof representation.id === "string" && ctx.localities.locality(representation.id)
      ? { id: representation.id }
      : null,
);
