import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { RegistrationContext } from "../../context";
import { birthRegistrationRecordOf } from "./person.record";
import { BirthRegistrationRecord, Person, type BirthRegistrationRecordData, type PersonReference } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @Directive('@requires(fields: "registrationRecordIds")')
  @FieldResolver(() => BirthRegistrationRecord, {
    nullable: true,
    description: "What the register of births holds about this person; null when it holds nothing known to be theirs.",
  })
  birthRegistration(
    @Root() person: PersonReference,
    @Ctx() ctx: RegistrationContext,
  ): Promise<BirthRegistrationRecordData | null> {
    return birthRegistrationRecordOf(person.registrationRecordIds ?? [], ctx.loaders.birthEntries);
  }
}
