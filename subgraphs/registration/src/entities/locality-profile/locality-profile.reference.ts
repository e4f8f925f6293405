import { openReference, requireListAccess } from "@ffd/shared";
import type { RegistrationContext } from "../../context";
import type { LocalityProfile } from "./locality-profile.type";

/**
 * `_entities` for LocalityProfile: the locality's births registered at a children's centre, read
 * when the profile is reached (the gateway asks this subgraph for nothing else of it), under the
 * profile's list policy (FORBIDDEN before anything is read); null for an id the locality reference
 * does not know.
 */
export const localityProfileReference = openReference(
  "counts that name no one; the locality lists' policy for the profile is applied before anything is read",
  async (representation: { id?: unknown }, ctx: RegistrationContext): Promise<LocalityProfile | null> => {
    requireListAccess(ctx.caller, "localityProfile", "registration");
    const id = representation.id;
    if (typeof id !== "string" || !ctx.localities.locality(id)) return null;
    const { registered, atCentre } = await ctx.loaders.localityBirths.load(id);
    return {
      id,
      birthsRegisteredAtCentre: { registered, atCentre, rate: registered === 0 ? null : atCentre / registered },
    };
  },
);
