import { openReference, requireListAccess } from "@ffd/shared";
import type { FamilyIndexContext } from "../../context";
import { localityProfileOf } from "./profile.resolver";
import type { LocalityProfileValue } from "./profile.type";

/**
 * `_entities` for LocalityProfile: the same counts as Query.localityProfile, under the same list
 * policy (FORBIDDEN for a role and purpose the policy's locality lists do not give the profile);
 * null for an id no locality has.
 */
export const localityProfileReference = openReference(
  "counts that name no one; the locality lists' policy for the profile is applied before anything is read",
  async (representation: { id?: unknown }, ctx: FamilyIndexContext): Promise<LocalityProfileValue | null> => {
    requireListAccess(ctx.caller, "localityProfile");
    const locality = typeof representation.id === "string" ? ctx.deps.localities.locality(representation.id) : null;
    return locality ? localityProfileOf(ctx, locality) : null;
  },
);
