import { DateScalar, needs, Sex } from "@ffd/shared";
import { Authorized, Directive, Field, Float, ID, ObjectType } from "type-graphql";
import { AgencyName, LinkRule } from "../enums";

@ObjectType({ description: "One agency record of a person, and why the index says it is theirs." })
export class AgencyRecordLink {
  @Field(() => AgencyName, { description: "The agency system holding the record." })
  agency!: AgencyName;

  @Field(() => ID, { description: "The record's id in that system." })
  localId!: string;

  @Field(() => LinkRule, { description: "Why the record was linked to this person." })
  linkedBy!: LinkRule;

  @Field(() => Float, {
    description: "How sure the link is, from 0 to 1 (1 for exact rules and reviewers' decisions).",
  })
  confidence!: number;
}

/**
 * The identity fields (NHS number, names, date of birth, sex, postcode) are the policy's `identity` group:
 * a caller whose role and purpose get none of it (the IG auditor) has each of them null with a
 * FORBIDDEN error naming family-index; the id is never withheld, so a read is still recorded
 * against the person it was about.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A person as the family index links them across the agency systems. The demographics are the best the linked records agree on; each agency's own record is on the field that agency adds. NHS number, names, date of birth, sex and postcode are shown only to roles the access policy gives identity details to for the purpose stated (otherwise null with a FORBIDDEN error).",
})
export class Person {
  @Field(() => ID, { description: "Stable while the person's records stay the same: derived from their first record." })
  id!: string;

  @Authorized(needs("identity", "FULL"))
  @Field(() => String, { nullable: true, description: "The valid NHS number the person's records hold (10 digits)." })
  nhsNumber!: string | null;

  @Authorized(needs("identity", "FULL"))
  @Field(() => String, { nullable: true })
  givenName!: string | null;

  @Authorized(needs("identity", "FULL"))
  @Field(() => String, { nullable: true })
  familyName!: string | null;

  @Authorized(needs("identity", "FULL"))
  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;

  @Authorized(needs("identity", "FULL"))
  @Field(() => Sex, { nullable: true })
  sex!: Sex | null;

  @Authorized(needs("identity", "FULL"))
  @Field(() => String, {
    nullable: true,
    description:
      "The postcode most of the person's linked records hold (ties: the register's, then maternity's, health visiting's, the children's centres'), in the standard form (DY1 4QT). Counted rather than taken from one agency because it is the demographic that changes when a family moves.",
  })
  postcode!: string | null;
}
