import { FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { BirthEntry } from "../../source/registration.port";
import {
  daysFromBirthToRegistration,
  LEGAL_PERIOD_DAYS,
  registeredWithinLegalPeriod,
} from "./birth-registration.rules";
import { BirthRegistration } from "./birth-registration.type";

@Resolver(() => BirthRegistration)
export class BirthRegistrationResolver {
  @FieldResolver(() => Int, { description: "Days from the date of birth to the date of registration." })
  daysFromBirthToRegistration(@Root() entry: BirthEntry): number {
    return daysFromBirthToRegistration(entry);
  }

  @FieldResolver(() => Boolean, {
    description: `Whether the birth was registered within the ${LEGAL_PERIOD_DAYS} days the law allows.`,
  })
  registeredWithinLegalPeriod(@Root() entry: BirthEntry): boolean {
    return registeredWithinLegalPeriod(entry);
  }
}
