import { guardedReference } from "@ffd/shared";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { FamilyRef } from "./family.type";

/**
 * Family representations, resolved through the per-request loader (one query per batch). A family
 * reached by its key gets the family grant `family(id)` and `Person.family` need: nothing (null,
 * FORBIDDEN) for a role the policy shows no family.
 */
export const familyReference = guardedReference(
  "family",
  async (ref: { id: string }, ctx: FamilyIndexContext): Promise<FamilyRef | null> => {
    requireIndex(ctx);
    const family = await ctx.loaders.family.load(ref.id);
    return family ? { id: family.id } : null;
  },
);
