import { needs } from "@ffd/shared";
import { Authorized, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { BirthEntry } from "../../source/registration.port";
import {
  daysFromBirthToRegistration,
  LEGAL_PERIOD_DAYS,
  registeredWithinLegalPeriod,
} from "./birth-registration.rules";
import { BirthRegistration, RegisteredChild, RegisteredParent } from "./birth-registration.type";
import { personOnEntry, type EntryChild, type EntryParent } from "./registered-person";

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

  @Authorized(needs("birthRegistration", "FULL"))
  @FieldResolver(() => RegisteredChild, {
    nullable: true,
    description: "The child, as registered. Detail: null with FORBIDDEN for a summary.",
  })
  child(@Root() entry: BirthEntry): EntryChild {
    return personOnEntry(entry, "child") as EntryChild;
  }

  @Authorized(needs("birthRegistration", "FULL"))
  @FieldResolver(() => RegisteredParent, {
    nullable: true,
    description: "The mother, as registered. Detail: null with FORBIDDEN for a summary.",
  })
  mother(@Root() entry: BirthEntry): EntryParent {
    return personOnEntry(entry, "mother") as EntryParent;
  }

  @Authorized(needs("birthRegistration", "FULL"))
  @FieldResolver(() => RegisteredParent, {
    nullable: true,
    description:
      "The father or second female parent; null when none was registered. Detail: null with FORBIDDEN for a summary.",
  })
  secondParent(@Root() entry: BirthEntry): EntryParent | null {
    return personOnEntry(entry, "parent2") as EntryParent | null;
  }
}
