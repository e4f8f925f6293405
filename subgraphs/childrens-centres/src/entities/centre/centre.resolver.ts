import { Ctx, Query, Resolver } from "type-graphql";
import type { ChildrensCentresContext } from "../../context";
import { ChildrensCentre } from "./centre.type";

@Resolver(() => ChildrensCentre)
export class CentreResolver {
  @Query(() => [ChildrensCentre], { description: "The directory of children's centres, by centre code." })
  async childrensCentres(@Ctx() context: ChildrensCentresContext): Promise<ChildrensCentre[]> {
    return context.loaders.centre.all();
  }
}
