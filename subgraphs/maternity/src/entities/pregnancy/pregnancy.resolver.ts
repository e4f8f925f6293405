import { needs } from "@ffd/shared";
import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MaternityContext } from "../../context";
import type { Birth, Pregnancy as PregnancyValue } from "../../source/maternity.port";
import { BirthDetails } from "../birth/birth.type";
import { Pregnancy } from "./pregnancy.type";

@Resolver(() => Pregnancy)
export class PregnancyResolver {
  @Authorized(needs("maternity", "FULL"))
  @FieldResolver(() => [BirthDetails], { nullable: true })
  babies(@Root() pregnancy: PregnancyValue, @Ctx() { loaders }: MaternityContext): Promise<Birth[]> {
    return loaders.birthsByPregnancy.load(pregnancy.id);
  }
}
