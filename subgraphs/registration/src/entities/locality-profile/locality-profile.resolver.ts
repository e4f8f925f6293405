import { FieldResolver, Resolver, Root } from "type-graphql";
import { BirthsRegisteredAtCentre, LocalityProfile } from "./locality-profile.type";

@Resolver(() => LocalityProfile)
export class LocalityProfileResolver {
  // Read with the profile (locality-profile.reference.ts), under the profile's list policy.
  @FieldResolver(() => BirthsRegisteredAtCentre, {
    nullable: true,
    description:
      "The births registered in the profile's 12 months (birthsFrom to asOf) to mothers living in the locality, and how many were registered at a children's centre, where new parents meet the locality's team (not birthsRegisteredWithCentre: children born in the period who hold a centre's record). Null with AGENCY_UNAVAILABLE when the registration system is down (the rest of the profile stands).",
  })
  birthsRegisteredAtCentre(@Root() profile: LocalityProfile): BirthsRegisteredAtCentre {
    return profile.birthsRegisteredAtCentre;
  }
}
