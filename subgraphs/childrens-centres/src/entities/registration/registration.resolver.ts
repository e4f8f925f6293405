import { badUserInput, DateScalar, needs, PAGE_SIZES } from "@ffd/shared";
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { ChildrensCentresContext } from "../../context";
import type { CentreHousehold } from "../../source/childrens-centres.port";
import { ChildrensCentre } from "../centre/centre.type";
import { Household } from "../household/household.type";
import { AttendedSession } from "../session/session.type";
import { CentreRegistration } from "./registration.type";

/** The bound the gateway enforces too (shared input bounds). */
export const MAX_RECENT_SESSIONS = PAGE_SIZES.recentSessions;

async function householdOf(
  registration: CentreRegistration,
  context: ChildrensCentresContext,
): Promise<CentreHousehold> {
  const household = await context.loaders.household.load(registration.householdRef);
  if (!household) throw new Error("member's household is missing from cc_household");
  return household;
}

@Resolver(() => CentreRegistration)
export class CentreRegistrationResolver {
  @FieldResolver(() => DateScalar, { description: "When the household registered at the centre." })
  async registeredOn(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
  ): Promise<string> {
    return (await householdOf(registration, context)).registeredOn;
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the household consented to its information being shared with partner agencies.",
  })
  async consentToShare(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
  ): Promise<boolean> {
    return (await householdOf(registration, context)).consentToShare;
  }

  @Authorized(needs("childrensCentres", "FULL"))
  @FieldResolver(() => Household, {
    nullable: true,
    description: "The household, with its address. Detail: null with FORBIDDEN for a summary.",
  })
  async household(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
  ): Promise<Household> {
    const { reference, addressLine1, town, postcode } = await householdOf(registration, context);
    return { reference, addressLine1, town, postcode };
  }

  @FieldResolver(() => ChildrensCentre, { description: "The centre the household is registered at." })
  async centre(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
  ): Promise<ChildrensCentre> {
    const { centreCode } = await householdOf(registration, context);
    const centre = await context.loaders.centre.load(centreCode);
    if (!centre) throw new Error("household's centre is missing from cc_centre");
    return centre;
  }

  @Authorized(needs("childrensCentres", "FULL"))
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Sessions attended as of the reference date (normally today). Detail: null with FORBIDDEN for a summary.",
  })
  async sessionsAttended(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
  ): Promise<number> {
    return (await context.loaders.attendance.load(registration.memberRef)).length;
  }

  @Authorized(needs("childrensCentres", "FULL"))
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      "The last session attended as of the reference date (normally today). Detail: null with FORBIDDEN for a summary.",
  })
  async lastAttendedOn(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
  ): Promise<string | null> {
    const [last] = await context.loaders.attendance.load(registration.memberRef);
    return last?.date ?? null;
  }

  @Authorized(needs("childrensCentres", "FULL"))
  @FieldResolver(() => [AttendedSession], {
    nullable: true,
    description:
      "The most recent sessions attended up to the reference date, latest first. Detail: null with FORBIDDEN for a summary.",
  })
  async recentSessions(
    @Root() registration: CentreRegistration,
    @Ctx() context: ChildrensCentresContext,
    @Arg("limit", () => Int, {
      nullable: true,
      defaultValue: 5,
      description: `How many sessions, from 1 to ${MAX_RECENT_SESSIONS}.`,
    })
    limit: number | null,
  ): Promise<AttendedSession[]> {
    if (limit === null || !Number.isInteger(limit) || limit < 1 || limit > MAX_RECENT_SESSIONS) {
      throw badUserInput(
        `limit must be a whole number from 1 to ${MAX_RECENT_SESSIONS}; you asked for ${limit}.`,
        "limit",
      );
    }
    const sessions = await context.loaders.attendance.load(registration.memberRef);
    return sessions.slice(0, limit).map(({ date, activity, centreCode }) => ({ date, activity, centreCode }));
  }
}
