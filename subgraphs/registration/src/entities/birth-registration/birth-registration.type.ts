import { DateScalar, needs, Sex } from "@ffd/shared";
import { Authorized, Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ParentKind } from "../../source/registration.port";

registerEnumType(ParentKind, {
  name: "ParentKind",
  description: "Who a parent on a birth registration is.",
  valuesConfig: {
    MOTHER: { description: "The mother." },
    FATHER: { description: "The father." },
    SECOND_FEMALE_PARENT: { description: "A second female parent (Human Fertilisation and Embryology Act 2008)." },
  },
});

/**
 * The people on an entry are entities keyed by their registration local id (the identity feed's
 * `<district>:<entry>:<child|mother|parent2>`), so that the family index can say which person
 * each one is and the gateway can audit a read of them as a read of that person.
 */
const PERSON_LOCAL_ID =
  "This person's registration local id (`<district>:<entry number>:<child|mother|parent2>`), as the identity feed gives it.";

@Directive('@key(fields: "localId")')
@ObjectType({ description: "The child as registered." })
export class RegisteredChild {
  @Field(() => ID, { description: PERSON_LOCAL_ID })
  localId!: string;

  @Field(() => String, { description: "Forenames as registered, middle names included." })
  forenames!: string;

  @Field(() => String)
  surname!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => DateScalar)
  dateOfBirth!: string;

  @Field(() => String, {
    nullable: true,
    description: "Ten digits, as recorded on the entry; null when none was recorded.",
  })
  nhsNumber!: string | null;
}

@Directive('@key(fields: "localId")')
@ObjectType({ description: "A mother, father or second female parent as registered." })
export class RegisteredParent {
  @Field(() => ID, { description: PERSON_LOCAL_ID })
  localId!: string;

  @Field(() => ParentKind)
  kind!: ParentKind;

  @Field(() => String)
  forenames!: string;

  @Field(() => String)
  surname!: string;

  @Field(() => String, { nullable: true, description: "The mother's maiden surname, when it differs and was given." })
  maidenSurname!: string | null;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "One entry in the register of births (Registration Online)." })
export class BirthRegistration {
  @Field(() => ID, { description: "The registration district and entry number: `<district>:<entry number>`." })
  id!: string;

  @Field(() => String, { description: "The registration district." })
  district!: string;

  @Field(() => Int, { description: "The entry number within the district's register." })
  entryNumber!: number;

  @Field(() => DateScalar, { description: "The date the birth was registered." })
  registeredOn!: string;

  @Authorized(needs("birthRegistration", "FULL"))
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the birth was registered at a children's centre rather than the register office. Detail: null with FORBIDDEN for a summary.",
  })
  registeredAtChildrensCentre!: boolean;

  @Authorized(needs("birthRegistration", "FULL"))
  @Field(() => String, {
    nullable: true,
    description: `Where it was registered: "Register Office" or the children's centre's name. Detail: null with FORBIDDEN for a summary.`,
  })
  venue!: string;

  @Authorized(needs("birthRegistration", "FULL"))
  @Field(() => String, {
    nullable: true,
    description: "The place of birth, as registered. Detail: null with FORBIDDEN for a summary.",
  })
  placeOfBirth!: string;

  @Authorized(needs("birthRegistration", "FULL"))
  @Field(() => String, {
    nullable: true,
    description: `Who gave the information, as registered: "Mother", "Father", "Both parents"... Detail: null with FORBIDDEN for a summary.`,
  })
  informant!: string;

  // child, mother and secondParent: BirthRegistrationResolver (each with its local id).
}
