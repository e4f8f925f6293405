import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ChildrensCentre } from "./centre.type";

@Resolver(() => ChildrensCentre)
export class CentreResolver {
  @Query(() => [ChildrensCentre], { description: "The directory of children's centres, by centre code." })
  async childrensCentres(@Ctx() context: Context): Promise<ChildrensCentre[]> {
    const centres = await context.guard(() => context.source.allCentres());
    for (const centre of centres) context.loaders.centre.prime(centre.code, centre);
    return centres;
  }
}
