import { Directive, Field, ID, ObjectType } from "type-graphql";

@Directive('@key(fields: "code")')
@ObjectType("ChildrensCentre", {
  description: "A children's centre (Family Hub site) and the cluster and locality it belongs to.",
})
export class ChildrensCentre {
  @Field(() => ID, { description: "The centre's code in the case system, for example CC01." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "The cluster of centres this one belongs to." })
  cluster!: string;

  @Field(() => String, { description: "The locality (locality team area) the centre serves." })
  locality!: string;

  @Field(() => String, { description: "The centre's postcode, upper case with one space." })
  postcode!: string;

  @Field(() => Boolean, { description: "Whether the centre's reach area is among the 30% most deprived areas." })
  inMostDeprived30Percent!: boolean;
}
