import { requireIndex, type FamilyIndexContext } from "../../context";
import type { FamilyRef } from "./family.type";

/** Family representations from the gateway, resolved through the per-request loader (one query per batch). */
export const familyReference = {
  async __resolveReference(ref: { id: string }, ctx: FamilyIndexContext): Promise<FamilyRef | null> {
    requireIndex(ctx);
    const family = await ctx.loaders.family.load(ref.id);
    return family ? { id: family.id } : null;
  },
};
