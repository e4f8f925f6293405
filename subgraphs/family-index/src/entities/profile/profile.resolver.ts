import {
  addDays,
  addMonths,
  agencyUnavailable,
  errorFields,
  requireListAccess,
  type Agency,
  yearStartingBefore,
  type LocalityRef,
} from "@ffd/shared";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireIndex, type FamilyIndexContext } from "../../context";
import { requireListLocality } from "../../locality/list-input";
import type { ChildrenAtPostcode } from "../../store/link-store.port";
import { CentreReach, LocalityProfile, type CentreReachValue, type LocalityProfileValue } from "./profile.type";

/** The agency whose records say a child is registered with a children's centre. */
const CENTRES: Agency = "childrens-centres";
/** Under 5: born in the 60 months to the reference date (the births counted: the 12 to it, as the review performance's period and registration's births registered at a centre). */
const UNDER_FIVE_MONTHS = 60;

const reachOf = (rows: readonly ChildrenAtPostcode[], children: "children" | "recent"): CentreReachValue => ({
  children: rows.reduce((n, r) => n + r[children], 0),
  registered: rows.reduce((n, r) => n + (children === "children" ? r.known : r.recentKnown), 0),
});

/**
 * THE LOCALITY 0-5 PROFILE (issue 11, item 6): counts of a locality's under-5s from the link store,
 * in one SQL query whatever the number of children (the store counts by postcode; the locality's
 * sectors narrow it, and the reference places each postcode and gives its deprivation decile here,
 * in memory). Nothing is stored: the counts are made at request time from the current index.
 * Its callers check the caller's list access (FORBIDDEN) and the locality (BAD_USER_INPUT) first;
 * then the index must be built (INDEX_NOT_READY), all before anything is read.
 */
export async function localityProfileOf(ctx: FamilyIndexContext, locality: LocalityRef): Promise<LocalityProfileValue> {
  const localityId = locality.id;
  const index = requireIndex(ctx);
  const asOf = ctx.deps.referenceDate;
  const birthsFrom = yearStartingBefore(asOf);
  let rows: ChildrenAtPostcode[];
  try {
    rows = await ctx.deps.store.childrenByPostcode(index.buildId, {
      bornFrom: addDays(addMonths(asOf, -UNDER_FIVE_MONTHS), 1),
      bornTo: asOf,
      recentFrom: birthsFrom,
      knownTo: CENTRES,
      sectors: ctx.deps.localities.sectorsOf(localityId),
    });
  } catch (err) {
    ctx.deps.logger.error("link_store.failed", { requestId: ctx.requestId, what: "profile", ...errorFields(err) });
    throw agencyUnavailable("family-index");
  }
  // The store narrows by sector; the reference decides (a malformed postcode is in no reach area).
  const here = rows.filter((r) => ctx.deps.localities.reachAreaOf(r.postcode)?.locality.id === localityId);
  const underFives = reachOf(here, "children");
  const births = reachOf(here, "recent");
  return {
    id: localityId,
    locality,
    asOf,
    birthsFrom,
    underFives: underFives.children,
    births: births.children,
    // Without the centres' records every child would look unregistered: their fields say so instead.
    centres: index.missing.includes(CENTRES)
      ? null
      : {
          reach: underFives,
          reachMostDeprived: reachOf(
            here.filter((r) => ctx.deps.localities.inMostDeprived30Percent(r.postcode)),
            "children",
          ),
          birthsRegisteredWithCentre: births,
        },
  };
}

const CENTRES_UNREAD =
  " When the children's centres system has never been read into the index, null with AGENCY_UNAVAILABLE naming it (not 0%).";

@Resolver(() => LocalityProfile)
export class LocalityProfileResolver {
  @Query(() => LocalityProfile, {
    description:
      "A locality's 0-5 profile as of the reference date: under-5s known, births in the last 12 months, the share of under-5s registered with a children's centre (overall and in the 30% most deprived areas: IMD deciles 1-3), the births registered with a centre (children born in the 12 months who hold a centre's record), the births registered at a centre (registration's: registered by the registrar at a children's centre), and the mandated review rates (health visiting's). Counts only, no one named: open to more roles than the lists (the policy's locality lists); FORBIDDEN otherwise, before anything is read. An unknown locality is BAD_USER_INPUT.",
  })
  async localityProfile(
    @Arg("locality", () => ID, { description: "A locality's id (Query.localities)." }) locality: string,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<LocalityProfileValue> {
    requireListAccess(ctx.caller, "localityProfile");
    return localityProfileOf(ctx, requireListLocality(ctx, "localityProfile", locality));
  }

  @FieldResolver(() => CentreReach, {
    nullable: true,
    description: `The under-5s, and how many are registered with a children's centre: the centres' reach.${CENTRES_UNREAD}`,
  })
  reach(@Root() profile: LocalityProfileValue): CentreReach {
    return withRate(centresOf(profile).reach);
  }

  @FieldResolver(() => CentreReach, {
    nullable: true,
    description: `The same, of the under-5s living in the 30% most deprived areas of England (their postcode's small area in IMD deciles 1 to 3, by the locality reference): the reach centres target.${CENTRES_UNREAD}`,
  })
  reachMostDeprived(@Root() profile: LocalityProfileValue): CentreReach {
    return withRate(centresOf(profile).reachMostDeprived);
  }

  @FieldResolver(() => CentreReach, {
    nullable: true,
    description: `The births of the last 12 months, and how many of those children are registered with a children's centre (hold a centres record; not birthsRegisteredAtCentre, where the birth was registered).${CENTRES_UNREAD}`,
  })
  birthsRegisteredWithCentre(@Root() profile: LocalityProfileValue): CentreReach {
    return withRate(centresOf(profile).birthsRegisteredWithCentre);
  }
}

function centresOf(profile: LocalityProfileValue): NonNullable<LocalityProfileValue["centres"]> {
  if (!profile.centres) throw agencyUnavailable(CENTRES);
  return profile.centres;
}

function withRate(value: CentreReachValue): CentreReach {
  return { ...value, rate: value.children === 0 ? null : value.registered / value.children };
}
