import { agencyPersonResolver, withGrants } from "@ffd/shared";
import type { HealthVisitingContext } from "../../context";
import type { HvPatient } from "../../source/health-visiting.port";
import { buildHealthVisitingRecord } from "../health-visiting-record/health-visiting-record.build";
import { HealthVisitingRecord } from "../health-visiting-record/health-visiting-record.type";
import { Person } from "./person.type";

/** Person.healthVisiting: the kit applies the grant; this reads the record. */
export const PersonResolver = agencyPersonResolver("health-visiting", Person, {
  record: () => HealthVisitingRecord,
  async load(ids, ctx: HealthVisitingContext, grant) {
    // load() each rather than loadMany(): a failed system must fail the field, not become a null.
    const patients = await Promise.all(ids.map((id) => ctx.loaders.patient.load(id)));
    const record = buildHealthVisitingRecord(
      patients.filter((p): p is HvPatient => p !== null),
      ctx.referenceDate,
    );
    if (!record) return null;
    withGrants(record.mandatedReviews, "healthVisiting", grant);
    return record;
  },
});
