import { badUserInput, requireListAccess, requireWithinBounds } from "@ffd/shared";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { HealthVisitingContext } from "../../context";
import type { HvPatient } from "../../source/health-visiting.port";
import { performanceBirths, performanceOf, worklistBirths, worklistOf } from "./worklist";
import { LocalityProfile, MandatedReviewPerformance, MandatedReviewWorkItem } from "./worklist.type";

/** The locality asked for, known to the reference, or BAD_USER_INPUT naming it. */
function knownLocality(ctx: HealthVisitingContext, coordinate: string, id: string): string {
  requireWithinBounds(coordinate, id);
  if (ctx.localities.locality(id) === null)
    throw badUserInput(`There is no locality "${id}" in the borough's locality reference.`, "locality");
  return id;
}

@Resolver()
export class WorklistResolver {
  @Query(() => [MandatedReviewWorkItem], {
    description:
      "The children of a locality (placed by their postcode, by the locality reference) with a mandated review overdue, or not done and due within `dueWithinDays` days (0 to 90) of the reference date: overdue first, then by due date. Each child listed is a read of that person. For the roles and purposes in the policy's locality lists; FORBIDDEN otherwise.",
  })
  async mandatedReviewWorklist(
    @Arg("locality", () => ID) locality: string,
    @Arg("dueWithinDays", () => Int, { defaultValue: 14 }) dueWithinDays: number,
    @Ctx() ctx: HealthVisitingContext,
  ): Promise<MandatedReviewWorkItem[]> {
    requireListAccess(ctx.caller, "mandatedReviewWorklist", "health-visiting");
    const id = knownLocality(ctx, "Query.mandatedReviewWorklist(locality:)", locality);
    requireWithinBounds("Query.mandatedReviewWorklist(dueWithinDays:)", dueWithinDays);
    const children = await ctx.loaders.localityChildren(id, worklistBirths(ctx.referenceDate, dueWithinDays));
    return worklistOf(children, ctx.referenceDate, dueWithinDays);
  }

  @Query(() => MandatedReviewPerformance, {
    description:
      "Per mandated review: children due in the 12 months to the reference date, those seen in time, the rate and the national figure; for one locality, or the whole borough (every locality) when `locality` is null. Counts only, no one named: open to more roles than the work list (the policy's locality lists).",
  })
  async mandatedReviewPerformance(
    @Arg("locality", () => ID, { nullable: true }) locality: string | null,
    @Ctx() ctx: HealthVisitingContext,
  ): Promise<MandatedReviewPerformance> {
    requireListAccess(ctx.caller, "mandatedReviewPerformance", "health-visiting");
    return performanceFor(
      ctx,
      locality === null || locality === undefined
        ? null
        : knownLocality(ctx, "Query.mandatedReviewPerformance(locality:)", locality),
    );
  }
}

/** The performance of one known locality, or of the borough (every locality) for null. */
export async function performanceFor(
  ctx: HealthVisitingContext,
  locality: string | null,
): Promise<MandatedReviewPerformance> {
  const ids = locality === null ? ctx.localities.localities().map((l) => l.id) : [locality];
  // load() each rather than loadMany(): a failed system must fail the field, not become an empty list.
  const bornIn = performanceBirths(ctx.referenceDate);
  const children: HvPatient[] = (await Promise.all(ids.map((l) => ctx.loaders.localityChildren(l, bornIn)))).flat();
  return {
    locality: locality ? { id: locality } : null,
    ...performanceOf(children, ctx.referenceDate),
  };
}

@Resolver(() => LocalityProfile)
export class LocalityProfileResolver {
  // Read with the profile (worklist.reference.ts), under the performance's rule: the profile's
  // readers are the performance's (policy.test.ts holds them equal), so the profile never shows
  // the rates to anyone the query refuses.
  @FieldResolver(() => MandatedReviewPerformance, {
    nullable: true,
    description:
      "The locality's mandated review performance, as Query.mandatedReviewPerformance(locality:) gives it: per review, children due in the 12 months to the reference date, those seen in time, the rate and the national figure. Null with AGENCY_UNAVAILABLE when the health visiting system is down (the rest of the profile stands).",
  })
  reviewPerformance(@Root() profile: LocalityProfile): MandatedReviewPerformance {
    return profile.reviewPerformance;
  }
}
