import { agencyPersonResolver } from "@ffd/shared";
import type { MaternityContext } from "../../context";
import { MaternityRecord, maternityRecordOf } from "../maternity-record/maternity-record.type";
import { Person } from "./person.type";

/** Person.maternity: the kit applies the grant; this reads the record. */
export const PersonResolver = agencyPersonResolver("maternity", Person, {
  record: () => MaternityRecord,
  async load(ids, { loaders }: MaternityContext) {
    // An id is a mother's or a baby's record: ask both (each loader is one query for the whole request).
    const [mothers, births] = await Promise.all([
      Promise.all(ids.map((id) => loaders.motherById.load(id))),
      Promise.all(ids.map((id) => loaders.birthById.load(id))),
    ]);
    return maternityRecordOf(ids, mothers, births);
  },
});
