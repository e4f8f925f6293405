import { loaderFor } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { AgencyGuard } from "../../context";
import type { Centre, ChildrensCentresSource } from "../../source/childrens-centres.port";

export type CentreLoader = DataLoader<string, Centre | null>;

export function createCentreLoader(source: ChildrensCentresSource, guard: AgencyGuard): CentreLoader {
  return loaderFor((codes) => guard(() => source.centresByCode(codes)));
}
