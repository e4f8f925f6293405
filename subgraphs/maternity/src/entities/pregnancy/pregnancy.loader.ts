import type DataLoader from "dataloader";
import type { GuardedLoaders } from "@ffd/shared";
import type { MaternitySource, Pregnancy } from "../../source/maternity.port";

export interface PregnancyLoaders {
  pregnancyById: DataLoader<string, Pregnancy | null>;
  pregnanciesByMother: DataLoader<string, Pregnancy[]>;
}

export function createPregnancyLoaders(source: MaternitySource, guarded: GuardedLoaders): PregnancyLoaders {
  return {
    pregnancyById: guarded.loader((ids: readonly string[]) => source.pregnancies(ids)),
    pregnanciesByMother: guarded.loader((ids: readonly string[]) => source.pregnanciesOfMothers(ids)),
  };
}
