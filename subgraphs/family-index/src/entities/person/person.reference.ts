import { requireIndex, type FamilyIndexContext } from "../../context";
import type { LinkedPerson } from "../../linkage/types";

/** Person representations from the gateway, resolved through the per-request loader (one query per batch). */
export const personReference = {
  async __resolveReference(ref: { id: string }, ctx: FamilyIndexContext): Promise<LinkedPerson | null> {
    requireIndex(ctx);
    return ctx.loaders.person.load(ref.id);
  },
};
