import { DateScalar, type IsoDate, type LocalityRef } from "@ffd/shared";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Locality } from "../locality/locality.type";

/** Some children, and how many of them a children's centre knows. */
export interface CentreReachValue {
  children: number;
  registered: number;
}

/** What the profile resolver passes on: the counts, and whether the centres' were read. */
export interface LocalityProfileValue {
  id: string;
  locality: LocalityRef;
  asOf: IsoDate;
  birthsFrom: IsoDate;
  underFives: number;
  births: number;
  /** Null when the children's centres system has never been read: its fields answer AGENCY_UNAVAILABLE. */
  centres: {
    reach: CentreReachValue;
    reachMostDeprived: CentreReachValue;
    birthsRegisteredWithCentre: CentreReachValue;
  } | null;
}

@ObjectType({
  description: "Some children of a locality, and how many of them are registered with a children's centre.",
})
export class CentreReach {
  @Field(() => Int, { description: "The children counted." })
  children!: number;

  @Field(() => Int, { description: "Of them, those registered with a children's centre (a centres record)." })
  registered!: number;

  @Field(() => Float, { nullable: true, description: "registered / children (0 to 1); null when there are none." })
  rate!: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A locality's 0-5 profile, as of the reference date: counts only, no one named, computed when asked from the family index's links (family-index), from the health visiting system (the review rates) and from the birth register (the births registered at a children's centre). A child counts in the locality whose children's centre reaches their own postcode (Person.postcode: the one most of their records hold); a child with no postcode, or one no centre of the borough reaches, counts in none.",
})
export class LocalityProfile {
  @Field(() => ID, { description: "The locality's id: one profile per locality." })
  id!: string;

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => DateScalar, { description: "The day the profile is as of: the reference date." })
  asOf!: IsoDate;

  @Field(() => Int, {
    description:
      "Children under 5 (born in the 5 years to asOf) known to any agency the family index reads, living in the locality.",
  })
  underFives!: number;

  @Field(() => DateScalar, { description: "The first day of the 12 months whose births are counted." })
  birthsFrom!: IsoDate;

  @Field(() => Int, {
    description: "Of the under-5s, those born from birthsFrom to asOf: the births of the last 12 months.",
  })
  births!: number;
}
