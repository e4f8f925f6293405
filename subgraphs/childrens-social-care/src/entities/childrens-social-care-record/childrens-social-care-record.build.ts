import type { IsoDate } from "@ffd/shared";
import type { SocialCareClient } from "../../source/childrens-social-care.port";
import { flagsOf } from "../safeguarding-flag/safeguarding-flag.build";
import type { ChildrensSocialCareRecord } from "./childrens-social-care-record.type";

/**
 * One person's record from their clients (in the order family-index gave the ids): null when
 * the system holds none of them. The social worker is the first client's with one allocated.
 */
export function childrensSocialCareRecordOf(
  ids: readonly string[],
  clients: readonly (SocialCareClient | null)[],
  today: IsoDate,
): ChildrensSocialCareRecord | null {
  const known = clients.filter((c): c is SocialCareClient => c !== null);
  if (known.length === 0) return null;
  return {
    localIds: ids.filter((_, i) => clients[i] !== null),
    flags: flagsOf(
      known.flatMap((c) => c.episodes),
      today,
    ),
    socialWorker: known.find((c) => c.socialWorker !== null)?.socialWorker ?? null,
  };
}
