import type DataLoader from "dataloader";
import type { GuardedLoaders } from "@ffd/shared";
import type { MaternitySource, Mother } from "../../source/maternity.port";

export interface MaternityRecordLoaders {
  motherById: DataLoader<string, Mother | null>;
}

export function createMaternityRecordLoaders(source: MaternitySource, guarded: GuardedLoaders): MaternityRecordLoaders {
  return { motherById: guarded.loader((ids: readonly string[]) => source.mothers(ids)) };
}
