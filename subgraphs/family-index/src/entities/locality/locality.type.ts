import { Directive, Field, ID, ObjectType } from "type-graphql";

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A locality: the area of one locality team, a cluster (or clusters) of children's centres / Family Hubs and the postcode sectors they reach. Reference data from the locality reference family-index loads at start (the council's published reach areas), not personal data: every caller sees the list.",
})
export class Locality {
  @Field(() => ID, { description: "Stable: the locality's name in lower case with hyphens, e.g. brindleford-central." })
  id!: string;

  @Field(() => String)
  name!: string;
}
