import type DataLoader from "dataloader";
import type { GuardedLoaders } from "@ffd/shared";
import type { Birth, MaternitySource } from "../../source/maternity.port";

export interface BirthLoaders {
  birthById: DataLoader<string, Birth | null>;
  birthsByPregnancy: DataLoader<string, Birth[]>;
}

export function createBirthLoaders(source: MaternitySource, guarded: GuardedLoaders): BirthLoaders {
  const birthById = guarded.loader((ids: readonly string[]) => source.births(ids));
  const birthsByPregnancy = guarded.loader(async (pregnancyIds: readonly string[]) => {
    const perPregnancy = await source.birthsOfPregnancies(pregnancyIds);
    // A birth read by pregnancy is the same birth read by id: later lookups need no query.
    for (const birth of perPregnancy.flat()) birthById.prime(birth.localId, birth);
    return perPregnancy;
  });
  return { birthById, birthsByPregnancy };
}
