import { formatPersonLocalId, type RegistrationRole } from "../../source/registration.ids";
import type { BirthEntry, RegisteredChild, RegisteredParent } from "../../source/registration.port";

/** The child of an entry with their registration local id (the key of RegisteredChild). */
export type EntryChild = RegisteredChild & { localId: string };
/** A parent of an entry with their registration local id (the key of RegisteredParent). */
export type EntryParent = RegisteredParent & { localId: string };

/**
 * One person on an entry, by their role, with the local id the identity feed gives them (so the
 * family index can tell which person they are); null when the entry has no one in that role.
 */
export function personOnEntry(entry: BirthEntry, role: RegistrationRole): EntryChild | EntryParent | null {
  const person = role === "child" ? entry.child : role === "mother" ? entry.mother : entry.secondParent;
  if (!person) return null;
  return {
    ...person,
    localId: formatPersonLocalId({ district: entry.district, entryNumber: entry.entryNumber, role }),
  };
}
