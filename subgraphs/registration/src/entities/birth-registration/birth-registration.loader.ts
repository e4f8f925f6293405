import { agencyUnavailable, errorFields, loaderFor, type Logger } from "@ffd/shared";
import type DataLoader from "dataloader";
import { parseEntryId, type EntryRef } from "../../source/registration.ids";
import type { BirthEntry, RegistrationSource } from "../../source/registration.port";

/**
 * Entries by id (`<district>:<entry_no>`), one query per batch. An id that does not parse is
 * an unknown entry (null). If the registration system fails, every waiting load gets
 * AGENCY_UNAVAILABLE; the cause is logged without its message.
 */
export function birthEntryLoader(
  source: RegistrationSource,
  logger: Logger,
  requestId: string,
): DataLoader<string, BirthEntry | null> {
  return loaderFor<string, BirthEntry | null>(async (ids) => {
    const refs = ids.map(parseEntryId);
    const known = refs.filter((r): r is EntryRef => r !== null);
    let found: (BirthEntry | null)[];
    try {
      found = await source.entriesByRef(known);
    } catch (err) {
      logger.error("registration.unavailable", { requestId, ...errorFields(err) });
      throw agencyUnavailable("registration");
    }
    let i = 0;
    return refs.map((r) => (r === null ? null : found[i++]));
  });
}
