import { recordGrant, withGrant, withGrants } from "@ffd/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { HealthVisitingContext } from "../../context";
import type { HvPatient } from "../../source/health-visiting.port";
import { buildHealthVisitingRecord } from "../health-visiting-record/health-visiting-record.build";
import { HealthVisitingRecord } from "../health-visiting-record/health-visiting-record.type";
import { Person } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => HealthVisitingRecord, { nullable: true })
  async healthVisiting(
    @Root() person: Person,
    @Ctx() ctx: HealthVisitingContext,
  ): Promise<HealthVisitingRecord | null> {
    // Refused (FORBIDDEN) before anything is read, whether or not the service knows the person.
    const grant = recordGrant(ctx.caller, "healthVisiting", person.legitimateRelationship === true);
    const ids = [...new Set(person.healthVisitingRecordIds ?? [])];
    if (ids.length === 0) return null;
    const patients = await ctx.loaders.patient.loadMany(ids);
    const found: HvPatient[] = [];
    for (const p of patients) {
      if (p instanceof Error) throw p;
      if (p !== null) found.push(p);
    }
    const record = buildHealthVisitingRecord(found, ctx.referenceDate);
    if (!record) return null;
    withGrants(record.mandatedReviews, "healthVisiting", grant);
    return withGrant(record, "healthVisiting", grant);
  }
}
