import { Field, Float, ObjectType } from "type-graphql";
import { Person } from "../person/person.type";

@ObjectType({ description: "A person found by a search, with how well and on what they matched." })
export class PersonMatch {
  @Field(() => Person)
  person!: Person;

  @Field(() => Float, {
    description: "From 0 to 1: the weighted share of the given fields that matched (an NHS number outweighs the rest).",
  })
  score!: number;

  @Field(() => [String], {
    description: 'The search fields that matched, e.g. ["nhsNumber"] or ["familyName", "dateOfBirth"].',
  })
  matchedOn!: string[];
}
