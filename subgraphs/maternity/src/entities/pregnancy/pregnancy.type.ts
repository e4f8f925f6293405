import { DateScalar, needs } from "@ffd/shared";
import { Authorized, Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
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

  @Authorized(needs("maternity", "FULL"))
  @Field(() => DateScalar, {
    nullable: true,
    description: "Date of the booking appointment. Detail: null with FORBIDDEN for a summary.",
  })
  bookedOn!: string;

  @Authorized(needs("maternity", "FULL"))
  @Field(() => Gestation, {
    nullable: true,
    description: "Gestation at the booking appointment. Detail: null with FORBIDDEN for a summary.",
  })
  gestationAtBooking!: Gestation;

  @Field(() => DateScalar, { description: "The agreed estimated date of delivery." })
  agreedDueDate!: string;

  @Authorized(needs("maternity", "FULL"))
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether complex social factors were identified at booking; null when not known. Detail: null with FORBIDDEN for a summary.",
  })
  complexSocialFactors!: boolean | null;

  @Authorized(needs("maternity", "FULL"))
  @Field(() => PregnancyOutcome, {
    nullable: true,
    description: "How the pregnancy ended, or ONGOING. Detail: null with FORBIDDEN for a summary.",
  })
  outcome!: PregnancyOutcome;

  @Field(() => [BirthDetails], {
    nullable: true,
    description:
      "The babies born of this pregnancy (two for twins); empty until a birth is recorded. Detail: null with FORBIDDEN for a summary.",
  })
  babies!: BirthDetails[];
}
