import {
  agencyContext,
  yearStartingBefore,
  type AgencyContext,
  type AgencyContextInput,
  type IsoDate,
  type LocalityDirectory,
} from "@ffd/shared";
import {
  createBirthRegistrationLoaders,
  type BirthRegistrationLoaders,
} from "./entities/birth-registration/birth-registration.loader";
import {
  createLocalityProfileLoaders,
  type LocalityProfileLoaders,
} from "./entities/locality-profile/locality-profile.loader";
import type { RegistrationSource } from "./source/registration.port";

export interface RegistrationContext extends AgencyContext<BirthRegistrationLoaders & LocalityProfileLoaders> {
  /** The 0-5 profile's births are those registered in the 12 months to this date (config.REFERENCE_DATE). */
  referenceDate: IsoDate;
  /** The locality reference (LOCALITY_REFERENCE_FILE), read once at start: an entry's locality from its postcode. */
  localities: LocalityDirectory;
}

/** A request's context (the kit's): fresh loaders, each guarded (the register down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(
  input: AgencyContextInput<RegistrationSource> & { referenceDate: IsoDate; localities: LocalityDirectory },
): RegistrationContext {
  const period = { from: yearStartingBefore(input.referenceDate), to: input.referenceDate };
  return {
    ...agencyContext("registration", input, (source, guarded) => ({
      ...createBirthRegistrationLoaders(source, guarded),
      ...createLocalityProfileLoaders(source, guarded, input.localities, period),
    })),
    referenceDate: input.referenceDate,
    localities: input.localities,
  };
}
