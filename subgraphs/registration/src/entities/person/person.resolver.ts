import { agencyPersonResolver, withGrant, withGrants } from "@ffd/shared";
import type { RegistrationContext } from "../../context";
import { birthRegistrationRecordOf } from "../birth-registration-record/birth-registration-record.build";
import { BirthRegistrationRecord } from "../birth-registration-record/birth-registration-record.type";
import { Person } from "./person.type";

/** Person.birthRegistration: the kit applies the grant; this reads the record. */
export const PersonResolver = agencyPersonResolver("registration", Person, {
  record: () => BirthRegistrationRecord,
  async load(ids, ctx: RegistrationContext, grant) {
    const record = await birthRegistrationRecordOf(ids, ctx.loaders.birthEntries);
    if (!record) return null;
    // Copies of the loader's entries (shared by the whole request), each carrying this person's grant.
    const asChild = record.asChild && withGrant({ ...record.asChild }, "birthRegistration", grant);
    const asParent = withGrants(
      record.asParent.map((e) => ({ ...e })),
      "birthRegistration",
      grant,
    );
    return { ...record, asChild, asParent };
  },
});
