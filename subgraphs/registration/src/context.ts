import type { Caller, Logger } from "@ffd/shared";
import type DataLoader from "dataloader";
import { birthEntryLoader } from "./entities/birth-registration/birth-registration.loader";
import type { BirthEntry, RegistrationSource } from "./source/registration.port";

export interface RegistrationContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  loaders: {
    /** Entries by `<district>:<entry_no>`. */
    birthEntries: DataLoader<string, BirthEntry | null>;
  };
}

/** A new context, with new loaders, for every request: nothing is cached across requests. */
export function createContext(
  source: RegistrationSource,
  logger: Logger,
  requestId: string,
  caller: Caller | null,
): RegistrationContext {
  return {
    requestId,
    caller,
    loaders: { birthEntries: birthEntryLoader(source, logger, requestId) },
  };
}
