import { DateScalar } from "@ffd/shared";
import { Field, InputType } from "type-graphql";

@InputType({
  description: "What is known about the person sought. Give at least one field; an NHS number alone is enough.",
})
export class PersonSearchInput {
  @Field(() => String, { nullable: true, description: "10 digits; spaces are allowed (943 476 5919)." })
  nhsNumber?: string | null;

  @Field(() => String, { nullable: true })
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: "Any spacing or case (dy14qt, DY1 4QT)." })
  postcode?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "Also people who agree with a query that gives a name on nothing but the date of birth or the postcode (weaker candidates); by default a query giving a name lists only people agreeing on a name or the NHS number.",
  })
  includeWeakerCandidates?: boolean | null;
}
