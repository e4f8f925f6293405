import { Ctx, Query, Resolver } from "type-graphql";
import type { FamilyIndexContext } from "../../context";
import type { LocalityRef } from "../../locality/locality-reference";
import { Locality } from "./locality.type";

@Resolver(() => Locality)
export class LocalityResolver {
  @Query(() => [Locality], {
    description:
      "The borough's localities, in the locality reference's order. Reference data, no personal data: every caller sees it, whatever their role and purpose.",
  })
  localities(@Ctx() ctx: FamilyIndexContext): readonly LocalityRef[] {
    return ctx.deps.localities.localities();
  }
}
