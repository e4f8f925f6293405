import { addDays, agencyUnavailable, DateScalar, errorFields, requireListAccess, type Agency } from "@ffd/shared";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import { familyPostcode } from "../../locality/family-address";
import { requireListInput } from "../../locality/list-input";
import type { BirthUnknownTo } from "../../store/link-store.port";
import { OutreachEntry, type OutreachEntryValue } from "./outreach.type";

/** The window when `since` is not given: the last 8 weeks, up to the 6-8 week review. */
export const OUTREACH_DEFAULT_DAYS = 56;
/** The agency whose knowing a family takes it off the list. */
const CENTRES: Agency = "childrens-centres";

/**
 * THE OUTREACH LIST (issue 11, item 3): children born in the window whose family no children's
 * centre knows (no member of the family has a children's centres record), whose family's address
 * is in the locality asked for (the address rule of locality/family-address.ts, as
 * Family.locality). Composed at request time from the link store alone: one SQL query for the
 * whole locality (the store narrows to families with a member in the locality's sectors; the rule
 * decides here). The registration and the named health visitor are the agencies' own fields on
 * the child (Person.birthRegistration, Person.healthVisiting), so the gateway fetches them for the
 * whole list in one call per agency, and each agency applies the policy to its own data.
 */
@Resolver(() => OutreachEntry)
export class OutreachResolver {
  @Query(() => [OutreachEntry], {
    description:
      "New births not known to a children's centre: babies born since `since` (default: 8 weeks before today; at most a year back, not in the future) whose family no children's centre knows and whose family's address is in the locality (as Family.locality places it), the oldest first. For direct care and early help, to roles the access policy shows people and families in full for that purpose (FORBIDDEN otherwise, before anything is read). An unknown locality or a `since` out of range is BAD_USER_INPUT. When the children's centres system has never been read, AGENCY_UNAVAILABLE names it rather than list every baby.",
  })
  async newBirthsNotKnownToCentres(
    @Arg("locality", () => ID, { description: "A locality's id (Query.localities)." }) locality: string,
    @Arg("since", () => DateScalar, {
      nullable: true,
      description: "The first date of birth on the list; default 8 weeks before today.",
    })
    since: string | null | undefined,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<OutreachEntryValue[]> {
    requireListAccess(ctx.caller, "outreach");
    const today = ctx.deps.referenceDate;
    const from = since ?? addDays(today, -OUTREACH_DEFAULT_DAYS);
    requireListInput(ctx, "newBirthsNotKnownToCentres", locality, "since", from);
    const index = requireIndex(ctx);
    // Without the centres' records every baby would look unknown to them: say so instead.
    if (index.missing.includes(CENTRES)) throw agencyUnavailable(CENTRES);

    let found: BirthUnknownTo[];
    try {
      found = await ctx.deps.store.birthsUnknownTo(index.buildId, {
        bornFrom: from,
        bornTo: today,
        unknownTo: CENTRES,
        sectors: ctx.deps.localities.sectorsOf(locality),
      });
    } catch (err) {
      ctx.deps.logger.error("link_store.failed", { requestId: ctx.requestId, what: "outreach", ...errorFields(err) });
      throw agencyUnavailable("family-index");
    }

    const entries: OutreachEntryValue[] = [];
    for (const { child, members } of found) {
      const postcode = familyPostcode(
        members.map((m) => ({ relationship: m.relationship, postcode: m.person.postcode })),
      );
      if (!postcode || ctx.deps.localities.reachAreaOf(postcode)?.locality.id !== locality) continue;
      // The people are read: Person fields and Family.members on them need no query of their own.
      for (const m of members) ctx.loaders.person.prime(m.person.id, m.person);
      entries.push({
        child,
        mother: members.find((m) => m.relationship === "MOTHER")?.person ?? null,
        dateOfBirth: child.dateOfBirth!,
      });
    }
    return entries.sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth) || a.child.id.localeCompare(b.child.id));
  }
}
