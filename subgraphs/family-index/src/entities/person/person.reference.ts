import { openReference } from "@ffd/shared";
import { requireIndex, type FamilyIndexContext } from "../../context";

/**
 * Person representations from the gateway, resolved through the per-request loader (one query
 * per batch). Any caller gets a person's id, as from `person(id)`; every other field applies the
 * access policy itself.
 */
export const personReference = openReference(
  "any caller gets a person's id; every other Person field applies the grant itself",
  async (ref: { id: string }, ctx: FamilyIndexContext) => {
    requireIndex(ctx);
    return ctx.loaders.person.load(ref.id);
  },
);
