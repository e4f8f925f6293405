import { Field, ID, ObjectType } from "type-graphql";
import type { BirthEntry } from "../../source/registration.port";
import { BirthRegistration } from "../birth-registration/birth-registration.type";

@ObjectType({ description: "What the register of births holds about one person." })
export class BirthRegistrationRecord {
  @Field(() => [ID], {
    description: "The registration local ids (`<district>:<entry>:<child|mother|parent2>`) this record was read from.",
  })
  localIds!: string[];

  @Field(() => BirthRegistration, { nullable: true, description: "The registration of this person's own birth." })
  asChild!: BirthRegistration | null;

  @Field(() => [BirthRegistration], {
    description:
      "Registrations of births where this person is the mother, father or second parent, youngest child last.",
  })
  asParent!: BirthRegistration[];
}

/** The domain value behind BirthRegistrationRecord. */
export interface BirthRegistrationRecordData {
  localIds: string[];
  asChild: BirthEntry | null;
  asParent: BirthEntry[];
}
