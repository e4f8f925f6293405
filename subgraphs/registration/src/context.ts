import { guardedLoaders, type AgencyContextInput, type Caller } from "@ffd/shared";
import {
  createBirthRegistrationLoaders,
  type BirthRegistrationLoaders,
} from "./entities/birth-registration/birth-registration.loader";
import type { RegistrationSource } from "./source/registration.port";

export interface RegistrationContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  loaders: BirthRegistrationLoaders;
}

/**
 * A request's context: fresh loaders every request, so nothing is cached across callers; each
 * loader guarded by the kit (the register down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext({
  source,
  logger,
  requestId,
  caller,
}: AgencyContextInput<RegistrationSource>): RegistrationContext {
  return {
    requestId,
    caller,
    loaders: createBirthRegistrationLoaders(source, guardedLoaders("registration", logger, requestId)),
  };
}
