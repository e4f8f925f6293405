import { DateScalar, type IsoDate } from "@ffd/shared";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { HealthVisitingContactOutcome, HealthVisitingContactType } from "../../source/health-visiting.port";

registerEnumType(HealthVisitingContactType, {
  name: "HealthVisitingContactType",
  description: "The kind of health visiting contact.",
  valuesConfig: {
    ANTENATAL: { description: "Antenatal contact with the expectant mother (from 28 weeks of pregnancy)." },
    NEW_BIRTH_VISIT: { description: "New birth visit (due by day 14)." },
    SIX_TO_EIGHT_WEEK_REVIEW: { description: "6-8 week review." },
    ONE_YEAR_REVIEW: { description: "1 year review." },
    TWO_TO_TWO_AND_A_HALF_YEAR_REVIEW: { description: "2-2½ year review (with ASQ-3)." },
    HOME_VISIT: { description: "Any other home visit." },
    CLINIC: { description: "Clinic appointment." },
    TELEPHONE: { description: "Telephone contact." },
    OTHER: { description: "A contact type this service does not recognise." },
  },
});

registerEnumType(HealthVisitingContactOutcome, {
  name: "HealthVisitingContactOutcome",
  description: "Whether a health visiting contact took place.",
  valuesConfig: {
    ATTENDED: { description: "The contact took place." },
    DID_NOT_ATTEND: { description: "The family was not there (DNA)." },
    CANCELLED: { description: "The contact was cancelled." },
    UNKNOWN: { description: "An outcome this service does not recognise." },
  },
});

@ObjectType("HealthVisitingContact", { description: "A contact between the health visiting service and this person." })
export class HealthVisitingContact {
  @Field(() => DateScalar)
  date!: IsoDate;

  @Field(() => HealthVisitingContactType)
  type!: HealthVisitingContactType;

  @Field(() => HealthVisitingContactOutcome)
  outcome!: HealthVisitingContactOutcome;
}
