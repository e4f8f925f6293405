import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A length of pregnancy as midwives write it: 39+2 is 39 weeks and 2 days." })
export class Gestation {
  @Field(() => Int, { description: "Completed weeks." })
  weeks!: number;

  @Field(() => Int, { description: "Days beyond the completed weeks, 0 to 6." })
  days!: number;

  @Field(() => Int, { description: "The whole length in days (weeks × 7 + days)." })
  totalDays!: number;
}
