import { DateScalar } from "@ffd/shared";
import { Field, ObjectType } from "type-graphql";
import type { LinkedPerson } from "../../linkage/types";
import { Person } from "../person/person.type";

/** What the outreach resolver passes on: the child and mother as the index holds them. */
export interface OutreachEntryValue {
  child: LinkedPerson;
  mother: LinkedPerson | null;
  dateOfBirth: string;
}

@ObjectType({
  description:
    "A baby on a locality's outreach list: born in the window asked for, in a family no children's centre knows. Whether and where the birth was registered and the named health visitor come from the agencies that hold them, on the child: `child { birthRegistration { … } healthVisiting { namedHealthVisitor … } }`, each shown as the access policy allows that agency's data.",
})
export class OutreachEntry {
  @Field(() => Person, { description: "The baby." })
  child!: Person;

  @Field(() => Person, {
    nullable: true,
    description: "The baby's mother, as the family index links the family; null when no agency records one.",
  })
  mother!: Person | null;

  @Field(() => DateScalar, { description: "The baby's date of birth (the one most of the baby's records agree on)." })
  dateOfBirth!: string;
}
