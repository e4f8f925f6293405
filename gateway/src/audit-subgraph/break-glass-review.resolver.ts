import { badUserInput, ErrorCode, GROUP_SERVICE } from "@ffd/shared";
import { GraphQLError } from "graphql";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import {
  BreakGlassReviewRefused,
  type BreakGlassReview as StoredReview,
  type BreakGlassReviewRefusal,
} from "../audit/break-glass-review";
import { requireAuditor, requireId } from "./arguments";
import { BreakGlassReview, BreakGlassVerdict } from "./audit-event.type";
import { fromStore, type AuditContext } from "./context";

export const MAX_NOTE_LENGTH = 2000;

function refused(reason: BreakGlassReviewRefusal): GraphQLError {
  switch (reason) {
    case "unknown-event":
      return badUserInput("No audit event has this id: take it from breakGlassQueue or auditTrail.", "eventId");
    case "not-break-glass":
      return badUserInput("This audit event is not a break-glass access, so there is nothing to review.", "eventId");
    case "already-reviewed":
      return badUserInput(
        "This break-glass access has already been reviewed, and a review cannot be changed: see the event's breakGlassReview.",
        "eventId",
      );
    case "own-access":
      return new GraphQLError("You made this break-glass access yourself: another auditor must review it.", {
        extensions: { code: ErrorCode.Forbidden, agency: GROUP_SERVICE.auditTrail },
      });
  }
}

@Resolver(() => BreakGlassReview)
export class BreakGlassReviewResolver {
  @Mutation(() => BreakGlassReview, {
    description:
      "Records your verdict on a break-glass access (from breakGlassQueue), once: a review cannot be changed or withdrawn. Information governance auditors only.",
  })
  async reviewBreakGlass(
    @Arg("eventId", () => ID, { description: "The break-glass audit event (AuditEvent.eventId)." }) eventId: string,
    @Arg("verdict", () => BreakGlassVerdict) verdict: BreakGlassVerdict,
    @Arg("note", () => String, {
      nullable: true,
      description: `Why, for the record (at most ${MAX_NOTE_LENGTH} characters).`,
    })
    note: string | null | undefined,
    @Ctx() ctx: AuditContext,
  ): Promise<StoredReview> {
    requireAuditor(ctx);
    // requireAuditor passed, so there is a caller.
    const reviewer = ctx.caller!;
    const id = requireId(eventId, "eventId", "the id of the break-glass audit event you are reviewing");
    const text = note?.trim() || null;
    if (text !== null && text.length > MAX_NOTE_LENGTH) {
      throw badUserInput(`The note may be at most ${MAX_NOTE_LENGTH} characters.`, "note");
    }
    try {
      const review = await fromStore(ctx, () =>
        ctx.store.reviewBreakGlass({
          eventId: id,
          verdict,
          note: text,
          reviewer: reviewer.subject,
          reviewerRole: reviewer.role,
        }),
      );
      ctx.logger.info("audit.break_glass.reviewed", { requestId: ctx.requestId, eventId: id, verdict });
      return review;
    } catch (err) {
      if (err instanceof BreakGlassReviewRefused) throw refused(err.reason);
      throw err;
    }
  }
}
