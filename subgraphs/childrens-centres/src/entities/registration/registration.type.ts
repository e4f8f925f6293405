import { needs } from "@ffd/shared";
import { Authorized, Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum CentreMemberRole {
  CARER = "CARER",
  CHILD = "CHILD",
}
registerEnumType(CentreMemberRole, {
  name: "CentreMemberRole",
  description: "A member's role in a household registered at a children's centre.",
});

@ObjectType("CentreRegistration", {
  description:
    "A person's membership of a household registered at a children's centre, and the sessions they attended.",
})
export class CentreRegistration {
  @Field(() => ID, { description: "The member's reference in the centres' case system." })
  memberRef!: string;

  @Field(() => CentreMemberRole)
  role!: CentreMemberRole;

  @Authorized(needs("childrensCentres", "FULL"))
  @Field(() => String, {
    nullable: true,
    description:
      "To the household's lead carer, as recorded: Self, Partner, Son, Daughter, Grandparent... Detail: null with FORBIDDEN for a summary.",
  })
  relationship!: string | null;

  /** The household the member belongs to; registeredOn, consentToShare, household and centre come from it. */
  householdRef!: string;
}
