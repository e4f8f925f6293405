import { Directive, Field, ID, ObjectType } from "type-graphql";
import { FamilyRelationship } from "../enums";
import { Person } from "../person/person.type";

/** What resolvers pass around for a family: its id (members are loaded by field resolvers). */
export interface FamilyRef {
  id: string;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: "A family: people the agencies record as parent, carer or child of each other, or in one household.",
})
export class Family {
  @Field(() => ID, { description: "Stable while the family's members stay the same." })
  id!: string;
}

@ObjectType({ description: "A member of a family and their place in it." })
export class FamilyMember {
  @Field(() => FamilyRelationship)
  relationship!: FamilyRelationship;

  @Field(() => Person)
  person!: Person;
}
