import { openReference, requireListAccess } from "@ffd/shared";
import type { HealthVisitingContext } from "../../context";
import { performanceFor } from "./worklist.resolver";
import type { LocalityProfile } from "./worklist.type";

/**
 * `_entities` for LocalityProfile: the locality's review performance, read when the profile is
 * reached (the gateway asks this subgraph for nothing else of it), under the performance's list
 * policy (FORBIDDEN before anything is read); null for an id the locality reference does not know.
 */
export const localityProfileReference = openReference(
  "counts that name no one; the locality lists' policy for the review performance is applied before anything is read",
  async (representation: { id?: unknown }, ctx: HealthVisitingContext): Promise<LocalityProfile | null> => {
    requireListAccess(ctx.caller, "mandatedReviewPerformance", "health-visiting");
    const id = representation.id;
    if (typeof id !== "string" || !ctx.localities.locality(id)) return null;
    return { id, reviewPerformance: await performanceFor(ctx, id) };
  },
);
