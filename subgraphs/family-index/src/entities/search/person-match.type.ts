import { Field, Float, ObjectType } from "type-graphql";
import { Person } from "../person/person.type";

@ObjectType({ description: "A person found by a search, with how well and on what they matched." })
export class PersonMatch {
  @Field(() => Person)
  person!: Person;

  @Field(() => Float, {
    description:
      "Match probability from 0 to 1 (4 decimal places) of the person's best-matching record: the given fields compared with that record as linkage compares two records, weighed by the match model (fields not given count for nothing), at a fixed prior of 1 in 10,000. The same evidence scores the same in a borough of any size; a score says how strongly the fields point to this person, not whether someone else matches as well (the list shows that).",
  })
  score!: number;

  @Field(() => [String], {
    description:
      'The fields that agreed, as "field:level", e.g. ["givenName:jaro-winkler", "familyName:phonetic", "dateOfBirth:exact"]. Levels: nhsNumber exact; givenName exact, other-forename, nickname, jaro-winkler, phonetic, transposed (given as the family name); familyName exact, part, jaro-winkler, phonetic, transposed; dateOfBirth exact, day-month-transposed, one-digit; postcode exact, sector, one-character, district.',
  })
  matchedOn!: string[];
}
