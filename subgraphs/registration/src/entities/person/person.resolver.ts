import { recordGrant, withGrant, withGrants } from "@ffd/shared";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { RegistrationContext } from "../../context";
import { birthRegistrationRecordOf } from "./person.record";
import { BirthRegistrationRecord, Person, type BirthRegistrationRecordData, type PersonReference } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @Directive('@requires(fields: "registrationRecordIds legitimateRelationship")')
  @FieldResolver(() => BirthRegistrationRecord, {
    nullable: true,
    description:
      "What the register of births holds about this person; null when it holds nothing known to be theirs. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
  })
  async birthRegistration(
    @Root() person: PersonReference,
    @Ctx() ctx: RegistrationContext,
  ): Promise<BirthRegistrationRecordData | null> {
    // Refused (FORBIDDEN) before anything is read, whether or not the register knows the person.
    const grant = recordGrant(ctx.caller, "birthRegistration", person.legitimateRelationship === true);
    const record = await birthRegistrationRecordOf(person.registrationRecordIds ?? [], ctx.loaders.birthEntries);
    if (!record) return null;
    // Copies of the loader's entries (shared by the whole request), each carrying this person's grant.
    const asChild = record.asChild && withGrant({ ...record.asChild }, "birthRegistration", grant);
    const asParent = withGrants(
      record.asParent.map((e) => ({ ...e })),
      "birthRegistration",
      grant,
    );
    return withGrant({ ...record, asChild, asParent }, "birthRegistration", grant);
  }
}
