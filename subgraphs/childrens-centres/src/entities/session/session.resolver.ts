import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ChildrensCentresContext } from "../../context";
import { ChildrensCentre } from "../centre/centre.type";
import { AttendedSession } from "./session.type";

@Resolver(() => AttendedSession)
export class AttendedSessionResolver {
  @FieldResolver(() => ChildrensCentre, {
    description: "The centre that ran the session (not always the household's own centre).",
  })
  async centre(@Root() session: AttendedSession, @Ctx() context: ChildrensCentresContext): Promise<ChildrensCentre> {
    const centre = await context.loaders.centre.load(session.centreCode);
    if (!centre) throw new Error("session's centre is missing from cc_centre");
    return centre;
  }
}
