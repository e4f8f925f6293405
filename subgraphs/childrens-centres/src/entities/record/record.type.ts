import { Field, ID, ObjectType } from "type-graphql";
import { CentreRegistration } from "../registration/registration.type";

@ObjectType("ChildrensCentresRecord", { description: "What the children's centres' case system holds about a person." })
export class ChildrensCentresRecord {
  @Field(() => [ID], { description: "The person's member references in the centres' case system." })
  localIds!: string[];

  @Field(() => [CentreRegistration], {
    description: "One per member reference: the household, its centre and the sessions attended.",
  })
  registrations!: CentreRegistration[];
}
