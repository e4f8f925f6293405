import { DateScalar } from "@ffd/shared";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { PregnancyOutcome } from "../../source/maternity.port";
import { BirthDetails } from "../birth/birth.type";
import { Gestation } from "../gestation/gestation.type";

registerEnumType(PregnancyOutcome, {
  name: "PregnancyOutcome",
  description: "How a pregnancy ended, or that it has not yet.",
  valuesConfig: {
    ONGOING: { description: "No outcome recorded yet." },
    LIVE_BIRTH: { description: "At least one baby born alive." },
    STILLBIRTH: { description: "Stillbirth." },
    LOSS: { description: "Miscarriage or other pregnancy loss." },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "A pregnancy booked with maternity services." })
export class Pregnancy {
  @Field(() => ID, { description: "The maternity system's pregnancy id ('PRG…')." })
  id!: string;

  @Field(() => DateScalar, { description: "Date of the booking appointment." })
  bookedOn!: string;

  @Field(() => Gestation)
  gestationAtBooking!: Gestation;

  @Field(() => DateScalar, { description: "The agreed estimated date of delivery." })
  agreedDueDate!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether complex social factors were identified at booking; null when not known.",
  })
  complexSocialFactors!: boolean | null;

  @Field(() => PregnancyOutcome)
  outcome!: PregnancyOutcome;

  @Field(() => [BirthDetails], {
    description: "The babies born of this pregnancy (two for twins); empty until a birth is recorded.",
  })
  babies!: BirthDetails[];
}
