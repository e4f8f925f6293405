import { loaderFor } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { AgencyGuard } from "../../context";
import type { CentreHousehold, ChildrensCentresSource } from "../../source/childrens-centres.port";

export type HouseholdLoader = DataLoader<string, CentreHousehold | null>;

export function createHouseholdLoader(source: ChildrensCentresSource, guard: AgencyGuard): HouseholdLoader {
  return loaderFor((refs) => guard(() => source.householdsByRef(refs)));
}
