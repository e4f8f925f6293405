import { agencyContext, type AgencyContext, type AgencyContextInput } from "@ffd/shared";
import {
  createBirthRegistrationLoaders,
  type BirthRegistrationLoaders,
} from "./entities/birth-registration/birth-registration.loader";
import type { RegistrationSource } from "./source/registration.port";

export type RegistrationContext = AgencyContext<BirthRegistrationLoaders>;

/** A request's context (the kit's): fresh loaders, each guarded (the register down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(input: AgencyContextInput<RegistrationSource>): RegistrationContext {
  return agencyContext("registration", input, createBirthRegistrationLoaders);
}
