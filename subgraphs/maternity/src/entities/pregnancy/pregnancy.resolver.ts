import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MaternityContext } from "../../context";
import type { Birth, Pregnancy as PregnancyValue } from "../../source/maternity.port";
import { BirthDetails } from "../birth/birth.type";
import { Pregnancy } from "./pregnancy.type";

@Resolver(() => Pregnancy)
export class PregnancyResolver {
  @FieldResolver(() => [BirthDetails])
  babies(@Root() pregnancy: PregnancyValue, @Ctx() { loaders }: MaternityContext): Promise<Birth[]> {
    return loaders.birthsByPregnancy.load(pregnancy.id);
  }
}
