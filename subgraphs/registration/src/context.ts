import type { Logger } from "@ffd/shared";
import type DataLoader from "dataloader";
import { birthEntryLoader } from "./entities/birth-registration/birth-registration.loader";
import type { BirthEntry, RegistrationSource } from "./source/registration.port";

export interface RegistrationContext {
  requestId: string;
  loaders: {
    /** Entries by `<district>:<entry_no>`. */
    birthEntries: DataLoader<string, BirthEntry | null>;
  };
}

/** A new context, with new loaders, for every request: nothing is cached across requests. */
export function createContext(source: RegistrationSource, logger: Logger, requestId: string): RegistrationContext {
  return {
    requestId,
    loaders: { birthEntries: birthEntryLoader(source, logger, requestId) },
  };
}
