import { DateTimeScalar, Sex } from "@ffd/shared";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DeliveryMethod, FirstFeed } from "../../source/maternity.port";
import { Gestation } from "../gestation/gestation.type";

registerEnumType(DeliveryMethod, {
  name: "DeliveryMethod",
  description: "How the baby was delivered (the Maternity Services Data Set's delivery method).",
  valuesConfig: {
    SPONTANEOUS_VERTEX: { description: "Spontaneous vertex (head first) delivery." },
    SPONTANEOUS_OTHER_CEPHALIC: { description: "Spontaneous delivery, other cephalic presentation." },
    LOW_FORCEPS: { description: "Low forceps, not breech." },
    OTHER_FORCEPS: { description: "Other forceps, not breech." },
    VENTOUSE: { description: "Ventouse (vacuum) delivery." },
    BREECH: { description: "Spontaneous or assisted breech delivery." },
    BREECH_EXTRACTION: { description: "Breech extraction." },
    ELECTIVE_CAESAREAN: { description: "Elective (planned) caesarean section." },
    EMERGENCY_CAESAREAN: { description: "Emergency caesarean section." },
    OTHER: { description: "Another method." },
  },
});

registerEnumType(FirstFeed, {
  name: "FirstFeed",
  description: "What the baby was first fed.",
  valuesConfig: {
    BREAST_MILK: { description: "Maternal or donor breast milk." },
    NOT_BREAST_MILK: { description: "Not breast milk (formula)." },
    MIXED: { description: "Breast milk and formula." },
  },
});

/**
 * An entity keyed by the baby's local id (the identity feed's `localId` for the baby), so that the
 * family index can say which person the baby is and the gateway can audit a read of the birth as a
 * read of that person.
 */
@Directive('@key(fields: "localId")')
@ObjectType({ description: "A baby's birth as the maternity system recorded it." })
export class BirthDetails {
  @Field(() => ID, {
    description: "The baby's local id in the maternity system ('BAB…'), as the identity feed gives it.",
  })
  localId!: string;

  @Field(() => DateTimeScalar, {
    description: "The moment of birth, in UTC (the ward records UK local time; shown here converted).",
  })
  bornAt!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Gestation, { description: "Gestation at birth." })
  gestation!: Gestation;

  @Field(() => Int, { nullable: true, description: "Birth weight in grams; null when not recorded." })
  birthWeightGrams!: number | null;

  @Field(() => DeliveryMethod)
  deliveryMethod!: DeliveryMethod;

  @Field(() => FirstFeed, { nullable: true, description: "Null when not recorded." })
  firstFeed!: FirstFeed | null;

  @Field(() => DateTimeScalar, {
    description: "When the birth notification was sent (due within 36 hours of birth), in UTC.",
  })
  birthNotifiedAt!: string;
}
