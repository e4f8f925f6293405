import { agencyContext, type AgencyContext, type AgencyContextInput, type IsoDate } from "@ffd/shared";
import {
  createChildrensSocialCareLoaders,
  type ChildrensSocialCareLoaders,
} from "./entities/childrens-social-care-record/childrens-social-care-record.loader";
import type { ChildrensSocialCareSource } from "./source/childrens-social-care.port";

export interface ChildrensSocialCareContext extends AgencyContext<ChildrensSocialCareLoaders> {
  /** Today, for which flags are still shown (12 months after they end). */
  today: () => IsoDate;
}

/** A request's context (the kit's): fresh loaders, each guarded (the system down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(
  input: AgencyContextInput<ChildrensSocialCareSource> & { today: () => IsoDate },
): ChildrensSocialCareContext {
  return { ...agencyContext("childrens-social-care", input, createChildrensSocialCareLoaders), today: input.today };
}
