import { recordGrant, withGrant } from "@ffd/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MaternityContext } from "../../context";
import { MaternityRecord, maternityRecordOf } from "../maternity-record/maternity-record.type";
import { Person } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => MaternityRecord, { nullable: true })
  async maternity(
    @Root() person: Person,
    @Ctx() { loaders, caller }: MaternityContext,
  ): Promise<Omit<MaternityRecord, "pregnancies"> | null> {
    // Refused (FORBIDDEN) before anything is read, whether or not the system knows the person.
    const grant = recordGrant(caller, "maternity", person.legitimateRelationship === true);
    const ids = [...new Set(person.maternityRecordIds ?? [])];
    if (ids.length === 0) return null;
    // An id is a mother's or a baby's record: ask both (each loader is one query for the whole request).
    const [mothers, births] = await Promise.all([
      Promise.all(ids.map((id) => loaders.motherById.load(id))),
      Promise.all(ids.map((id) => loaders.birthById.load(id))),
    ]);
    const record = maternityRecordOf(ids, mothers, births);
    return record && withGrant(record, "maternity", grant);
  }
}
