import { guardedReference } from "@ffd/shared";
import type { RegistrationContext } from "../../context";

/**
 * `_entities` for BirthRegistration: an entry of the register, so it gets the birth registration
 * grant `Person.birthRegistration` would give (nothing for a role the policy shows no register).
 * Through the request's loader, so N ids make one query.
 */
export const birthRegistrationReference = guardedReference(
  "birthRegistration",
  (ref: { id?: unknown }, ctx: RegistrationContext) =>
    typeof ref.id === "string" ? ctx.loaders.birthEntries.load(ref.id) : null,
);
