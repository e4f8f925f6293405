import type DataLoader from "dataloader";
import type { GuardedLoaders } from "@ffd/shared";
import type { ChildrensSocialCareSource, SocialCareClient } from "../../source/childrens-social-care.port";

export interface ChildrensSocialCareLoaders {
  clients: DataLoader<string, SocialCareClient | null>;
}

export function createChildrensSocialCareLoaders(
  source: ChildrensSocialCareSource,
  guarded: GuardedLoaders,
): ChildrensSocialCareLoaders {
  return { clients: guarded.loader((clientNos: readonly string[]) => source.clients(clientNos)) };
}
