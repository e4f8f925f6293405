import { agencyContext, type AgencyContext, type AgencyContextInput } from "@ffd/shared";
import { createBirthLoaders, type BirthLoaders } from "./entities/birth/birth.loader";
import {
  createMaternityRecordLoaders,
  type MaternityRecordLoaders,
} from "./entities/maternity-record/maternity-record.loader";
import { createPregnancyLoaders, type PregnancyLoaders } from "./entities/pregnancy/pregnancy.loader";
import type { MaternitySource } from "./source/maternity.port";

export type MaternityLoaders = MaternityRecordLoaders & PregnancyLoaders & BirthLoaders;

export type MaternityContext = AgencyContext<MaternityLoaders>;

/** A request's context (the kit's): fresh loaders, each guarded (the maternity system down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(input: AgencyContextInput<MaternitySource>): MaternityContext {
  return agencyContext("maternity", input, (source, guarded) => ({
    ...createMaternityRecordLoaders(source, guarded),
    ...createPregnancyLoaders(source, guarded),
    ...createBirthLoaders(source, guarded),
  }));
}
