import { guardedLoaders, type AgencyContextInput, type Caller } from "@ffd/shared";
import { createBirthLoaders, type BirthLoaders } from "./entities/birth/birth.loader";
import {
  createMaternityRecordLoaders,
  type MaternityRecordLoaders,
} from "./entities/maternity-record/maternity-record.loader";
import { createPregnancyLoaders, type PregnancyLoaders } from "./entities/pregnancy/pregnancy.loader";
import type { MaternitySource } from "./source/maternity.port";

export type MaternityLoaders = MaternityRecordLoaders & PregnancyLoaders & BirthLoaders;

export interface MaternityContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  loaders: MaternityLoaders;
}

/**
 * A request's context: fresh loaders every request, so nothing is cached across callers; each
 * loader guarded by the kit (the maternity system down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext({
  source,
  logger,
  requestId,
  caller,
}: AgencyContextInput<MaternitySource>): MaternityContext {
  const guarded = guardedLoaders("maternity", logger, requestId);
  return {
    requestId,
    caller,
    loaders: {
      ...createMaternityRecordLoaders(source, guarded),
      ...createPregnancyLoaders(source, guarded),
      ...createBirthLoaders(source, guarded),
    },
  };
}
