import { grantOf, withGrant } from "@ffd/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MaternityContext } from "../../context";
import type { Pregnancy as PregnancyValue } from "../../source/maternity.port";
import { Pregnancy } from "../pregnancy/pregnancy.type";
import { MaternityRecord } from "./maternity-record.type";

@Resolver(() => MaternityRecord)
export class MaternityRecordResolver {
  @FieldResolver(() => [Pregnancy])
  async pregnancies(@Root() record: MaternityRecord, @Ctx() { loaders }: MaternityContext): Promise<PregnancyValue[]> {
    const perMother = await Promise.all(record.motherLocalIds.map((id) => loaders.pregnanciesByMother.load(id)));
    // Each pregnancy carries the record's grant, for the checks on its detail fields (copies:
    // the loader's objects are shared by the whole request).
    const grant = grantOf(record, "maternity") ?? "NONE";
    return perMother
      .flat()
      .map((p) => withGrant({ ...p }, "maternity", grant))
      .sort((a, b) =>
        a.bookedOn < b.bookedOn ? -1 : a.bookedOn > b.bookedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      );
  }
}
