import type { RegistrationContext } from "../../context";
import type { BirthEntry } from "../../source/registration.port";

/** `_entities` for BirthRegistration: through the request's loader, so N ids make one query. */
export function resolveBirthRegistrationReference(
  ref: { id?: unknown },
  ctx: RegistrationContext,
): Promise<BirthEntry | null> | null {
  return typeof ref.id === "string" ? ctx.loaders.birthEntries.load(ref.id) : null;
}
