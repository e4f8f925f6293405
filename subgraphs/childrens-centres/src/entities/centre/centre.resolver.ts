import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ChildrensCentre } from "./centre.type";

@Resolver(() => ChildrensCentre)
export class CentreResolver {
  @Query(() => [ChildrensCentre], { description: "The directory of children's centres, by centre code." })
  async childrensCentres(@Ctx() context: Context): Promise<ChildrensCentre[]> {
    return context.loaders.centre.all();
  }
}
