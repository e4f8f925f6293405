import type DataLoader from "dataloader";
import { loaderFor } from "@ffd/shared";
import type { BatchGuard } from "../../context";
import type { MaternitySource, Pregnancy } from "../../source/maternity.port";

export interface PregnancyLoaders {
  pregnancyById: DataLoader<string, Pregnancy | null>;
  pregnanciesByMother: DataLoader<string, Pregnancy[]>;
}

export function createPregnancyLoaders(source: MaternitySource, guard: BatchGuard): PregnancyLoaders {
  return {
    pregnancyById: loaderFor(guard((ids: readonly string[]) => source.pregnancies(ids))),
    pregnanciesByMother: loaderFor(guard((ids: readonly string[]) => source.pregnanciesOfMothers(ids))),
  };
}
