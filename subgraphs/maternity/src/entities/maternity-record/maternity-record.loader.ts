import type DataLoader from "dataloader";
import { loaderFor } from "@ffd/shared";
import type { BatchGuard } from "../../context";
import type { MaternitySource, Mother } from "../../source/maternity.port";

export interface MaternityRecordLoaders {
  motherById: DataLoader<string, Mother | null>;
}

export function createMaternityRecordLoaders(source: MaternitySource, guard: BatchGuard): MaternityRecordLoaders {
  return { motherById: loaderFor(guard((ids: readonly string[]) => source.mothers(ids))) };
}
