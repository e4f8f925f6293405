import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Household", {
  description: "A household registered at a children's centre, with its address as the family gave it.",
})
export class Household {
  @Field(() => ID, { description: "The household's reference in the centres' case system." })
  reference!: string;

  @Field(() => String, { nullable: true })
  addressLine1!: string | null;

  @Field(() => String, { nullable: true })
  town!: string | null;

  @Field(() => String, { nullable: true, description: "Upper case with one space before the inward code." })
  postcode!: string | null;
}
