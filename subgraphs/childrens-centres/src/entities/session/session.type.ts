import { DateScalar } from "@ffd/shared";
import { Field, ObjectType } from "type-graphql";

@ObjectType("AttendedSession", { description: "A session at a children's centre that the member attended." })
export class AttendedSession {
  @Field(() => DateScalar)
  date!: string;

  @Field(() => String, { description: "As the centre names it, for example Stay and Play or Baby Massage." })
  activity!: string;

  /** Resolved by AttendedSessionResolver.centre. */
  centreCode!: string;
}
