import {
  AGENCIES,
  AGENCY_SERVICES,
  badUserInput,
  grantFor,
  grants,
  needs,
  requireWithinBounds,
  type Agency,
  type Caller,
  type FieldGroup,
} from "@ffd/shared";
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import type { LinkedPerson, LinkedRecord } from "../../linkage/types";
import { agencyName, LinkRule } from "../enums";
import { Family, type FamilyRef } from "../family/family.type";
import { AgencyRecordLink, Person } from "./person.type";

/** The policy's field group for each agency's data (the group its subgraph answers for). */
export const AGENCY_GROUP: Readonly<Record<Agency, FieldGroup>> = Object.fromEntries(
  AGENCY_SERVICES.map((a) => [a.name, a.fieldGroup]),
) as Record<Agency, FieldGroup>;

/**
 * The records a caller may see listed: every one when they review record linkage; otherwise
 * only those of agencies whose data the caller gets at least a summary of, so that a record's
 * mere presence (a person known to health visiting, say) never reaches someone the policy shows
 * nothing of that agency.
 */
export function recordsVisibleTo(caller: Caller | null, records: readonly LinkedRecord[]): LinkedRecord[] {
  if (grants(grantFor(caller, "linkageReview", false), "FULL")) return [...records];
  const visible = agenciesVisibleTo(caller);
  return records.filter((r) => visible.has(r.agency));
}

/**
 * The agencies whose data the caller gets at least a summary of: the only ones whose knowing the
 * person the caller may learn (`Person.records`, `Person.involvements`).
 */
export function agenciesVisibleTo(caller: Caller | null): ReadonlySet<Agency> {
  return new Set(AGENCIES.filter((a) => grants(grantFor(caller, AGENCY_GROUP[a], false), "SUMMARY")));
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, {
    nullable: true,
    description:
      "A person by their family index id; null when no person has that id. Any caller gets the id; each other field is shown as the access policy allows for the caller's role and purpose (null with a FORBIDDEN error otherwise).",
  })
  async person(@Arg("id", () => ID) id: string, @Ctx() ctx: FamilyIndexContext): Promise<LinkedPerson | null> {
    requireWithinBounds("Query.person(id:)", id);
    requireIndex(ctx);
    if (!id.trim()) throw badUserInput("Give a person id.", "id");
    return ctx.loaders.person.load(id);
  }

  @Authorized(needs("family", "FULL"))
  @FieldResolver(() => Family, {
    nullable: true,
    description:
      "The family the person belongs to; null when no agency records them with family. Shown only to roles the access policy gives family details to for the purpose stated (otherwise null with a FORBIDDEN error).",
  })
  family(@Root() person: LinkedPerson): FamilyRef | null {
    return person.familyId ? { id: person.familyId } : null;
  }

  @FieldResolver(() => [AgencyRecordLink], {
    description:
      "Which agency systems know this person, by which record, and why each was linked. Lists only the records of agencies whose data the caller's role and purpose show at least a summary of (a registrar does not learn that health visiting knows the person); those who review record linkage see every record.",
  })
  async records(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): Promise<AgencyRecordLink[]> {
    const records = recordsVisibleTo(ctx.caller, await ctx.loaders.recordsByPerson.load(person.id));
    return records.map((r) => ({
      agency: agencyName(r.agency),
      localId: r.localId,
      linkedBy: r.rule as LinkRule,
      confidence: r.confidence,
    }));
  }

  @Directive("@inaccessible")
  @FieldResolver(() => Boolean, {
    description:
      "Whether the caller of this request has a legitimate relationship with the person's family: a record of the person, or of any member of their family (Person.family's members), is held by one of the caller's care units (their centre, health visiting caseload or, for a midwife, maternity provider). False when the caller holds none. For the agency subgraphs, which give full detail only with a relationship (@requires).",
  })
  legitimateRelationship(@Root() person: LinkedPerson, @Ctx() ctx: FamilyIndexContext): boolean {
    return requireIndex(ctx).careUnits.heldByAny(person, ctx.callerCareUnits);
  }
}
