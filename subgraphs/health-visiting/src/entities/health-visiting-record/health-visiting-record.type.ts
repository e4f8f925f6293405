import { DateScalar, needs, type IsoDate } from "@ffd/shared";
import { Authorized, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { BreastfeedingStatus, HealthVisitingClientType } from "../../source/health-visiting.port";
import { HealthVisitingContact } from "../contact/contact.type";
import { MandatedReview } from "../mandated-review/mandated-review.type";

registerEnumType(HealthVisitingClientType, {
  name: "HealthVisitingClientType",
  description: "Who the person is to the health visiting service.",
  valuesConfig: {
    CHILD: { description: "A child on the caseload: offered the five mandated reviews." },
    PARENT_OR_CARER: { description: "A parent or carer of a child on the caseload." },
    EXPECTANT_PARENT: { description: "An expectant mother: offered the antenatal contact." },
  },
});

registerEnumType(BreastfeedingStatus, {
  name: "BreastfeedingStatus",
  description: "Breastfeeding as recorded at the 6-8 week review.",
  valuesConfig: {
    TOTALLY: { description: "Totally breastfed." },
    PARTIALLY: { description: "Partially breastfed." },
    NOT_BREASTFED: { description: "Not breastfed." },
  },
});

@ObjectType("HealthVisitingRecord", {
  description: "What the health visiting service holds about a person: caseload, mandated reviews and contacts.",
})
export class HealthVisitingRecord {
  @Field(() => [ID], { description: "The health visiting system's patient ids for this person (usually one)." })
  localIds!: string[];

  @Field(() => HealthVisitingClientType)
  clientType!: HealthVisitingClientType;

  @Field(() => String, { nullable: true, description: "The health visiting team holding the caseload." })
  team!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The named health visitor: the family's lead health practitioner.",
  })
  namedHealthVisitor!: string | null;

  @Field(() => String, { nullable: true, description: "The clinic or children's centre the team works from." })
  base!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When the person was added to the caseload." })
  onCaseloadSince!: IsoDate | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Expectant parents only: the expected delivery date of the current pregnancy.",
  })
  expectedDeliveryDate!: IsoDate | null;

  @Field(() => [MandatedReview], {
    description:
      "The mandated reviews that apply, as of the reference date: all five for a child, the antenatal contact for an expectant parent, none for a parent or carer.",
  })
  mandatedReviews!: MandatedReview[];

  @Authorized(needs("healthVisiting", "FULL"))
  @Field(() => BreastfeedingStatus, {
    nullable: true,
    description:
      "Children only: breastfeeding as recorded at the attended 6-8 week review. Detail: null with FORBIDDEN for a summary.",
  })
  breastfeedingAtSixToEightWeeks!: BreastfeedingStatus | null;

  @Authorized(needs("healthVisiting", "FULL"))
  @Field(() => [HealthVisitingContact], {
    nullable: true,
    description:
      "The person's contacts with the service, oldest first, up to the reference date. Detail: null with FORBIDDEN for a summary.",
  })
  contacts!: HealthVisitingContact[] | null;
}
