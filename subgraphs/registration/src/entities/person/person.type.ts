import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { BirthEntry } from "../../source/registration.port";
import { BirthRegistration } from "../birth-registration/birth-registration.type";

/** Person is family-index's; this subgraph adds what the register of births knows of them. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Person {
  @Field(() => ID)
  id!: string;

  /** This person's local ids in the registration system, from family-index. */
  @Directive("@external")
  @Field(() => [ID])
  registrationRecordIds!: string[];

  @Directive("@external")
  @Field(() => Boolean, {
    description: "Whether the caller has a legitimate relationship with the person's family (family-index).",
  })
  legitimateRelationship!: boolean;
}

/** What the gateway sends for a Person: its key and, when birthRegistration is asked for, the local ids. */
export interface PersonReference {
  id: string;
  registrationRecordIds?: readonly unknown[] | null;
  /** Only an explicit true counts: without it, no relationship (summary at most). */
  legitimateRelationship?: unknown;
}

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
