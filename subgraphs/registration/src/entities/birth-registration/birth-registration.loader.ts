import type { GuardedLoaders } from "@ffd/shared";
import type DataLoader from "dataloader";
import { parseEntryId, type EntryRef } from "../../source/registration.ids";
import type { BirthEntry, RegistrationSource } from "../../source/registration.port";

export interface BirthRegistrationLoaders {
  /** Entries by `<district>:<entry_no>`. */
  birthEntries: DataLoader<string, BirthEntry | null>;
}

/**
 * Entries by id (`<district>:<entry_no>`), one query per batch. An id that does not parse is
 * an unknown entry (null). Guarded by the kit: the registration system failing gives every
 * waiting load AGENCY_UNAVAILABLE.
 */
export function createBirthRegistrationLoaders(
  source: RegistrationSource,
  guarded: GuardedLoaders,
): BirthRegistrationLoaders {
  return {
    birthEntries: guarded.loader(async (ids: readonly string[]) => {
      const refs = ids.map(parseEntryId);
      const found = await source.entriesByRef(refs.filter((r): r is EntryRef => r !== null));
      let i = 0;
      return refs.map((r) => (r === null ? null : found[i++]));
    }),
  };
}
