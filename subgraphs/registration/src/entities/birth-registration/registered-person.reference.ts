import { guardedReference } from "@ffd/shared";
import type { RegistrationContext } from "../../context";
import { formatEntryId, parsePersonLocalId, type RegistrationRole } from "../../source/registration.ids";
import { personOnEntry } from "./registered-person";

/**
 * `_entities` for the people on an entry, by their registration local id. What they hold (names,
 * dates of birth, the child's NHS number) is the register's detail, which `BirthRegistration.child`
 * and `.mother` show only with the full birth registration grant: so reached by key, anything short
 * of FULL refuses them whole. Through the request's entry loader: N ids, one query. Null for an id
 * that does not parse, an entry the register does not hold, or a role of the other type.
 */
function registeredPersonReference(roles: readonly RegistrationRole[]) {
  return guardedReference(
    "birthRegistration",
    async (ref: { localId?: unknown }, ctx: RegistrationContext) => {
      const person = parsePersonLocalId(ref.localId);
      if (!person || !roles.includes(person.role)) return null;
      const entry = await ctx.loaders.birthEntries.load(formatEntryId(person));
      return entry && personOnEntry(entry, person.role);
    },
    "FULL",
  );
}

export const registeredChildReference = registeredPersonReference(["child"]);
export const registeredParentReference = registeredPersonReference(["mother", "parent2"]);
