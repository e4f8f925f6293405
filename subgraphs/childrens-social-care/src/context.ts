import { guardedLoaders, type Caller, type IsoDate, type Logger } from "@ffd/shared";
import {
  createChildrensSocialCareLoaders,
  type ChildrensSocialCareLoaders,
} from "./entities/childrens-social-care-record/childrens-social-care-record.loader";
import type { ChildrensSocialCareSource } from "./source/childrens-social-care.port";

export interface ChildrensSocialCareContext {
  requestId: string;
  /** Who is asking and why, as the gateway vouched (what the access policy is enforced against). */
  caller: Caller | null;
  loaders: ChildrensSocialCareLoaders;
  /** Today, for which flags are still shown (12 months after they end). */
  today: () => IsoDate;
}

/**
 * A request's context: fresh loaders every request, so nothing is cached across callers; each
 * loader guarded by the kit (the system down, or answering bad rows, is AGENCY_UNAVAILABLE).
 */
export function createContext(
  source: ChildrensSocialCareSource,
  logger: Logger,
  requestId: string,
  caller: Caller | null,
  today: () => IsoDate,
): ChildrensSocialCareContext {
  return {
    requestId,
    caller,
    today,
    loaders: createChildrensSocialCareLoaders(source, guardedLoaders("childrens-social-care", logger, requestId)),
  };
}
