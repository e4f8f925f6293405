import type DataLoader from "dataloader";
import { formatEntryId, formatPersonLocalId, parsePersonLocalId, type PersonRef } from "../../source/registration.ids";
import type { BirthEntry } from "../../source/registration.port";
import type { BirthRegistrationRecordData } from "./birth-registration-record.type";

/**
 * A person's birth registration record from their registration local ids: their own entry
 * (role `child`) and the entries where they are mother or second parent. Ids that do not parse,
 * entries that do not exist and `:parent2` ids on entries with no second parent are unknown
 * and left out; with nothing left, the person has no record here (null).
 */
export async function birthRegistrationRecordOf(
  localIds: readonly unknown[],
  entries: DataLoader<string, BirthEntry | null>,
): Promise<BirthRegistrationRecordData | null> {
  const refs = new Map<string, PersonRef>();
  for (const raw of localIds) {
    const ref = parsePersonLocalId(raw);
    if (ref) refs.set(formatPersonLocalId(ref), ref);
  }
  if (refs.size === 0) return null;

  // load() each rather than loadMany(): a failed system must fail the field, not become a null.
  const loaded = await Promise.all([...refs.values()].map((ref) => entries.load(formatEntryId(ref))));

  const found: string[] = [];
  let asChild: BirthEntry | null = null;
  const asParent = new Map<string, BirthEntry>();
  [...refs.entries()].forEach(([localId, ref], i) => {
    const entry = loaded[i];
    if (!entry || (ref.role === "parent2" && !entry.secondParent)) return;
    found.push(localId);
    if (ref.role === "child") asChild ??= entry;
    else asParent.set(entry.id, entry);
  });
  if (found.length === 0) return null;

  const byBirth = (a: BirthEntry, b: BirthEntry) =>
    a.child.dateOfBirth.localeCompare(b.child.dateOfBirth) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { localIds: found, asChild, asParent: [...asParent.values()].sort(byBirth) };
}
