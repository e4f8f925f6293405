import { AGENCY_SERVICES, agencyUnavailable, type Agency, type AgencyInvolvement } from "@ffd/shared";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { responsePathAsArray, type GraphQLResolveInfo } from "graphql";
import type { FamilyIndexContext } from "../../context";
import type { LinkedPerson } from "../../linkage/types";
import { agencyName } from "../enums";
import { agenciesVisibleTo } from "../person/person.resolver";
import { Person } from "../person/person.type";
import { Involvement, InvolvementStatus } from "./involvement.type";

/**
 * One agency's involvement with a person from those of the person's records in it: CURRENT if
 * any record is; the lead practitioner of the record (among the current ones, if any) with the
 * latest contact; since, the earliest start among those records; the last contact, the latest
 * of all. Null when the agency holds none of the records.
 */
export function mergeInvolvements(agency: Agency, records: readonly (AgencyInvolvement | null)[]): Involvement | null {
  const held = records.filter((r): r is AgencyInvolvement => r !== null);
  if (held.length === 0) return null;
  const current = held.filter((r) => r.status === "CURRENT");
  const leading = current.length > 0 ? current : held;
  const latestFirst = [...leading].sort((a, b) => (b.lastContactOn ?? "").localeCompare(a.lastContactOn ?? ""));
  const starts = leading.map((r) => r.since).filter((d): d is string => d !== null);
  const contacts = held.map((r) => r.lastContactOn).filter((d): d is string => d !== null);
  return {
    agency: agencyName(agency),
    status: current.length > 0 ? InvolvementStatus.CURRENT : InvolvementStatus.HISTORIC,
    leadPractitioner: latestFirst.find((r) => r.leadPractitioner !== null)?.leadPractitioner ?? null,
    since: starts.length > 0 ? starts.sort()[0] : null,
    lastContactOn: contacts.length > 0 ? contacts.sort()[contacts.length - 1] : null,
  };
}

@Resolver(() => Person)
export class InvolvementResolver {
  @FieldResolver(() => [Involvement], {
    description:
      "Who is involved with the person: one entry per agency that knows them (in the registry's order), each read live from that agency's own system (its status, lead practitioner, since and last contact). Lists only agencies whose data the caller's role and purpose show at least a summary of; an agency that does not answer is left out, with an AGENCY_UNAVAILABLE error naming it.",
  })
  async involvements(
    @Root() person: LinkedPerson,
    @Ctx() ctx: FamilyIndexContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Involvement[]> {
    const records = await ctx.loaders.recordsByPerson.load(person.id);
    const visible = agenciesVisibleTo(ctx.caller);
    const answers = await Promise.all(
      AGENCY_SERVICES.filter((a) => visible.has(a.name)).map(async ({ name: agency }) => {
        const ids = records.filter((r) => r.agency === agency).map((r) => r.localId);
        if (ids.length === 0) return null;
        try {
          return mergeInvolvements(agency, await ctx.loaders.involvements[agency].loadMany(ids).then(settled));
        } catch {
          // Logged once per agency by the loader; the person's other agencies still answer.
          ctx.fieldErrors.push(withPath(agencyUnavailable(agency), info));
          return null;
        }
      }),
    );
    return answers.filter((a): a is Involvement => a !== null);
  }
}

/** loadMany gives errors in place: any one fails the agency's part. */
function settled(values: readonly (AgencyInvolvement | null | Error)[]): (AgencyInvolvement | null)[] {
  for (const v of values) if (v instanceof Error) throw v;
  return values as (AgencyInvolvement | null)[];
}

function withPath(error: ReturnType<typeof agencyUnavailable>, info: GraphQLResolveInfo) {
  return { message: error.message, path: responsePathAsArray(info.path), extensions: error.extensions };
}
