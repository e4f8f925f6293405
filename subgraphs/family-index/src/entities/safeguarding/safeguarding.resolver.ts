import {
  addDays,
  AGENCY_SERVICES,
  agencyUnavailable,
  DateScalar,
  errorFields,
  grantFor,
  grants,
  requireListAccess,
  toDate,
  type Agency,
  type AgencyEvent,
  type AgencyEventKind,
  type Grant,
  type IsoDate,
} from "@ffd/shared";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { FeedError } from "../../feed/identity-feed.client";
import { requireIndex, type FamilyIndexContext } from "../../context";
import { recordKey, type LinkedPerson } from "../../linkage/types";
import { agencyName } from "../enums";
import { familyLocality } from "../family/family.resolver";
import { requireListInput } from "../../locality/list-input";
import {
  SafeguardingMeetingEntry,
  SafeguardingReasonKind,
  type SafeguardingEntryValue,
  type SafeguardingReasonValue,
} from "./safeguarding.type";

/** The agency whose knowing a family takes a new birth off the list (as on the outreach list). */
const CENTRES: Agency = "childrens-centres";

/**
 * The agencies with events of their own for the list (each serves the kit's event feed), and the
 * grant each kind of event needs to be shown: what the agency's own fields need for the same
 * fact. A flag's start, a review overdue and a late registration are what each agency's SUMMARY
 * shows (policy.ts, SUMMARY_CONTENTS); complex social factors at booking are not in maternity's
 * summary, so that reason needs maternity in full: FULL_WITH_RELATIONSHIP with a relationship to
 * the family (or break-glass), as `Pregnancy.complexSocialFactors` does.
 */
export const EVENT_AGENCIES: readonly Agency[] = [
  "childrens-social-care",
  "health-visiting",
  "maternity",
  "registration",
];
const EVENT_NEEDS: Readonly<Record<AgencyEventKind, Exclude<Grant, "NONE">>> = {
  SOCIAL_CARE_FLAG_STARTED: "SUMMARY",
  MANDATED_REVIEW_OVERDUE: "SUMMARY",
  COMPLEX_SOCIAL_FACTORS_AT_BOOKING: "FULL",
  BIRTH_REGISTERED_LATE: "SUMMARY",
};
const GROUP_OF: ReadonlyMap<Agency, (typeof AGENCY_SERVICES)[number]["fieldGroup"]> = new Map(
  AGENCY_SERVICES.map((a) => [a.name, a.fieldGroup]),
);
const AGENCY_ORDER = (a: SafeguardingReasonValue) => AGENCY_SERVICES.findIndex((s) => s.enumValue === a.agency);

/** The Monday of the week (Monday to Sunday) `day` is in. */
export function mondayOf(day: IsoDate): IsoDate {
  return addDays(day, -((toDate(day).getUTCDay() + 6) % 7));
}

/** An event found for a person of the index, before the policy and the locality are applied. */
interface Found {
  personId: string;
  agency: Agency;
  kind: SafeguardingReasonKind;
  what: string;
  on: IsoDate;
  needs: Exclude<Grant, "NONE">;
}

/**
 * THE WEEKLY MULTI-AGENCY SAFEGUARDING LIST (issue 11, item 5): the families of a locality with
 * something new in the week from any agency. Composed at request time, in a constant number of
 * calls whatever the number of families:
 *
 * 1. one call to each agency's event feed (POST /internal/events, the agency kit's) for the week,
 *    borough-wide, asking only the agencies whose data the caller's role and purpose show at
 *    least a summary of; an agency that does not answer is left out with AGENCY_UNAVAILABLE
 *    naming it, and the list is made from the others;
 * 2. the family index's own reason, births in the week into a family no children's centre knows:
 *    the outreach list's query (one SQL query, narrowed to the locality's sectors), named as the
 *    children's centres' (that no centre knows a family is what their records say, by absence);
 * 3. each event's record mapped to its person through the index (in memory), the persons read
 *    (one query), their families' members (one query) and those members (one query), and each
 *    family placed by the address rule (Family.locality): only the locality's are kept. A person
 *    with no family is not listed (the list is of families, as the outreach list);
 * 4. the policy applied per reason: a reason whose fact the caller's role and purpose may not see
 *    (EVENT_NEEDS, with the caller's relationship to the family where the level asks for one) is
 *    dropped, and a family left with no reason is not listed, so the list never reveals what the
 *    policy withholds (not even that the family is on it).
 */
@Resolver(() => SafeguardingMeetingEntry)
export class SafeguardingResolver {
  @Query(() => [SafeguardingMeetingEntry], {
    description:
      "The weekly multi-agency safeguarding list: the families of the locality (as Family.locality places them) with something new in the week (Monday to Sunday) containing `weekOf` (default today; not in the future, at most a year back), each with its reasons from the agencies' own systems: a social care flag that started, a mandated review that became overdue, complex social factors at a pregnancy booking, a birth registered late, a birth not known to a centre. Earliest reason first. For safeguarding and early help, to roles the access policy shows people and families in full for that purpose (FORBIDDEN otherwise, before anything is read). Each reason is shown only if the policy shows the caller that agency's fact (complex social factors need maternity in full), and a family with no reason left is not listed. An agency that does not answer is left out, with an AGENCY_UNAVAILABLE error naming it. An unknown locality or a `weekOf` out of range is BAD_USER_INPUT.",
  })
  async safeguardingMeetingList(
    @Arg("locality", () => ID, { description: "A locality's id (Query.localities)." }) locality: string,
    @Arg("weekOf", () => DateScalar, {
      nullable: true,
      description: "Any day of the week asked for; default today.",
    })
    weekOf: string | null | undefined,
    @Ctx() ctx: FamilyIndexContext,
  ): Promise<SafeguardingEntryValue[]> {
    requireListAccess(ctx.caller, "safeguardingMeetingList");
    const today = ctx.deps.referenceDate;
    const day = weekOf ?? today;
    requireListInput(ctx, "safeguardingMeetingList", locality, "weekOf", day);
    const index = requireIndex(ctx);
    const from = mondayOf(day);
    const sunday = addDays(from, 6);
    // Nothing has happened after today: the current week is read up to today.
    const to = sunday < today ? sunday : today;
    const path = ["safeguardingMeetingList"];
    const unavailable = (agency: Agency) => {
      const e = agencyUnavailable(agency);
      ctx.fieldErrors.push({ message: e.message, path, extensions: e.extensions });
    };

    const [fromAgencies, births] = await Promise.all([
      agencyEvents(ctx, from, to, unavailable),
      newBirthsUnknownToCentres(ctx, locality, from, to, unavailable),
    ]);
    const found: Found[] = [...births];
    for (const { agency, events } of fromAgencies) {
      for (const e of events) {
        const personId = index.personOf.get(recordKey(agency, e.localId));
        // A record the index has not linked yet (new since its last build) cannot be placed.
        if (!personId) continue;
        found.push({
          personId,
          agency,
          kind: SafeguardingReasonKind[e.kind],
          what: e.summary,
          on: e.on,
          needs: EVENT_NEEDS[e.kind],
        });
      }
    }
    if (found.length === 0) return [];

    const people = new Map<string, LinkedPerson>();
    for (const p of await ctx.loaders.person.loadMany([...new Set(found.map((f) => f.personId))])) {
      if (p instanceof Error) throw p;
      if (p) people.set(p.id, p);
    }
    const familyIds = [...new Set([...people.values()].map((p) => p.familyId).filter((f): f is string => !!f))];
    await ctx.loaders.membersByFamily.loadMany(familyIds);
    const localities = await Promise.all(familyIds.map((f) => familyLocality(ctx, f)));
    const inLocality = new Set(familyIds.filter((_, i) => localities[i]?.id === locality));

    const byFamily = new Map<string, SafeguardingReasonValue[]>();
    const seen = new Set<string>();
    for (const f of found) {
      const person = people.get(f.personId);
      if (!person?.familyId || !inLocality.has(person.familyId)) continue;
      if (!mayShow(ctx, f.agency, f.needs, person)) continue;
      const key = `${f.personId}\n${f.agency}\n${f.kind}\n${f.on}\n${f.what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const reasons = byFamily.get(person.familyId) ?? [];
      reasons.push({ person, agency: agencyName(f.agency), kind: f.kind, what: f.what, on: f.on });
      byFamily.set(person.familyId, reasons);
    }
    return [...byFamily]
      .map(([id, reasons]) => ({
        family: { id },
        reasons: reasons.sort(
          (a, b) =>
            a.on.localeCompare(b.on) || AGENCY_ORDER(a) - AGENCY_ORDER(b) || a.person.id.localeCompare(b.person.id),
        ),
      }))
      .sort((a, b) => a.reasons[0].on.localeCompare(b.reasons[0].on) || a.family.id.localeCompare(b.family.id));
  }
}

/** Whether the caller's grant on the agency's data about this person's family reaches what the fact needs. */
function mayShow(
  ctx: FamilyIndexContext,
  agency: Agency,
  needs: Exclude<Grant, "NONE">,
  person: LinkedPerson,
): boolean {
  const group = GROUP_OF.get(agency);
  if (!group) return false;
  const relationship = needs === "FULL" && requireIndex(ctx).careUnits.heldByAny(person, ctx.callerCareUnits);
  return grants(grantFor(ctx.caller, group, relationship), needs);
}

/**
 * One call to each event agency whose data the caller may see at least a summary of (with a
 * relationship, at best), in parallel. An agency that cannot be asked is logged once (reason and
 * HTTP status, never a value) and reported through `unavailable`.
 */
async function agencyEvents(
  ctx: FamilyIndexContext,
  from: IsoDate,
  to: IsoDate,
  unavailable: (agency: Agency) => void,
): Promise<{ agency: Agency; events: AgencyEvent[] }[]> {
  const asked = EVENT_AGENCIES.filter((a) => {
    const group = GROUP_OF.get(a);
    return group !== undefined && grantFor(ctx.caller, group, true) !== "NONE";
  });
  const answers = await Promise.all(
    asked.map(async (agency) => {
      try {
        if (!ctx.deps.events) throw new FeedError(agency, "unreachable");
        return { agency, events: await ctx.deps.events.events(agency, from, to) };
      } catch (err) {
        const reason = err instanceof FeedError ? { reason: err.reason, status: err.status } : errorFields(err);
        ctx.deps.logger.warn("safeguarding.agency_unavailable", { requestId: ctx.requestId, agency, ...reason });
        unavailable(agency);
        return null;
      }
    }),
  );
  return answers.filter((a): a is { agency: Agency; events: AgencyEvent[] } => a !== null);
}

/**
 * The family index's own reason: babies born in the week into a family no children's centre
 * knows, in the locality's sectors (the outreach list's query; the locality itself is decided
 * with the others'). Without the centres' records every baby would look unknown to them: the
 * reason is then left out, with AGENCY_UNAVAILABLE naming the centres.
 */
async function newBirthsUnknownToCentres(
  ctx: FamilyIndexContext,
  locality: string,
  from: IsoDate,
  to: IsoDate,
  unavailable: (agency: Agency) => void,
): Promise<Found[]> {
  const index = requireIndex(ctx);
  if (index.missing.includes(CENTRES)) {
    unavailable(CENTRES);
    return [];
  }
  try {
    const found = await ctx.deps.store.birthsUnknownTo(index.buildId, {
      bornFrom: from,
      bornTo: to,
      unknownTo: CENTRES,
      sectors: ctx.deps.localities.sectorsOf(locality),
    });
    return found.map(({ child, familyId, members }) => {
      // The family and its people are read: its locality and their Person fields need no query of their own.
      for (const m of members) ctx.loaders.person.prime(m.person.id, m.person);
      ctx.loaders.membersByFamily.prime(
        familyId,
        members.map((m) => ({ familyId, personId: m.person.id, relationship: m.relationship })),
      );
      return {
        personId: child.id,
        // Whether a centre knows the family is the centres' data (their summary says who they know).
        agency: CENTRES,
        kind: SafeguardingReasonKind.BIRTH_NOT_KNOWN_TO_CENTRE,
        what: "Born into a family no children's centre knows",
        on: child.dateOfBirth!,
        needs: "SUMMARY",
      };
    });
  } catch (err) {
    ctx.deps.logger.error("link_store.failed", { requestId: ctx.requestId, what: "safeguarding", ...errorFields(err) });
    throw agencyUnavailable("family-index");
  }
}
