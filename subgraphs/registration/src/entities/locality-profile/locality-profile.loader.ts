import type { GuardedLoaders, IsoDate, LocalityDirectory } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { RegistrationSource } from "../../source/registration.port";
import type { BirthsAtCentreCounts } from "./locality-profile.type";

export interface LocalityProfileLoaders {
  /**
   * The births registered in the period whose entry's postcode is in each locality (an id of the
   * reference; unknown: none), and how many of them at a children's centre: every locality asked in
   * one request is one source call (one query).
   */
  localityBirths: DataLoader<string, BirthsAtCentreCounts>;
}

/** Built per request (in createContext), never at module level; guarded by the kit. */
export function createLocalityProfileLoaders(
  source: RegistrationSource,
  guarded: GuardedLoaders,
  localities: LocalityDirectory,
  period: { from: IsoDate; to: IsoDate },
): LocalityProfileLoaders {
  return {
    localityBirths: guarded.loader(async (localityIds: readonly string[]) => {
      const counts = new Map(localityIds.map((id) => [id, { registered: 0, atCentre: 0 }]));
      for (const row of await source.birthCountsByPostcode(period.from, period.to)) {
        // The reference places the postcode (a malformed one, or none, is in no locality).
        const here =
          row.postcode === null ? undefined : counts.get(localities.reachAreaOf(row.postcode)?.locality.id ?? "");
        if (!here) continue;
        here.registered += row.births;
        if (row.atCentre) here.atCentre += row.births;
      }
      return localityIds.map((id) => counts.get(id)!);
    }),
  };
}
