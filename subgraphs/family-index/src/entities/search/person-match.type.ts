import { Field, Float, ObjectType } from "type-graphql";
import { Person } from "../person/person.type";

@ObjectType({ description: "A person found by a search, with how well and on what they matched." })
export class PersonMatch {
  @Field(() => Person)
  person!: Person;

  @Field(() => Float, {
    description:
      "Match probability from 0 to 1 (4 decimal places) of the person's best-matching record, as linkage scores a pair of records: the given fields compared with that record, weighed by the match model (fields not given count for nothing).",
  })
  score!: number;

  @Field(() => [String], {
    description:
      'The fields that agreed, as "field:level", e.g. ["givenName:jaro-winkler", "familyName:phonetic", "dateOfBirth:exact"]. Levels: nhsNumber exact; givenName exact, other-forename, nickname, jaro-winkler, phonetic; familyName exact, part, jaro-winkler, phonetic; dateOfBirth exact, day-month-transposed, one-digit; postcode exact, sector, district.',
  })
  matchedOn!: string[];
}
