import type { GuardedLoaders } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { CentreHousehold, ChildrensCentresSource } from "../../source/childrens-centres.port";

export type HouseholdLoader = DataLoader<string, CentreHousehold | null>;

export function createHouseholdLoader(source: ChildrensCentresSource, guarded: GuardedLoaders): HouseholdLoader {
  return guarded.loader((refs: readonly string[]) => source.householdsByRef(refs));
}
