import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";

/** The counts the loader gives for one locality. */
export interface BirthsAtCentreCounts {
  registered: number;
  atCentre: number;
}

@ObjectType({
  description:
    "The births of a locality registered in the 0-5 profile's 12 months, and how many were registered at a children's centre or family hub rather than the register office: counts, no one named.",
})
export class BirthsRegisteredAtCentre {
  @Field(() => Int, {
    description:
      "Births registered from the profile's birthsFrom to its asOf (the date of registration) whose entry's postcode (the mother's usual address) is in the locality.",
  })
  registered!: number;

  @Field(() => Int, { description: "Of them, those registered at a children's centre (the entry's venue)." })
  atCentre!: number;

  @Field(() => Float, { nullable: true, description: "atCentre / registered (0 to 1); null when none was registered." })
  rate!: number | null;
}

/**
 * A locality's 0-5 profile, owned by family-index (its counts of children); registration adds the
 * births registered at a children's centre, so one profile composes the systems' figures.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class LocalityProfile {
  @Field(() => ID, { description: "The locality's id." })
  id!: string;

  /** Read with the entity (locality-profile.reference.ts); the field is declared on its resolver. */
  birthsRegisteredAtCentre!: BirthsRegisteredAtCentre;
}
