import { DateTimeScalar } from "@ffd/shared";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { AuditEvent as StoredAuditEvent } from "../audit/event";
import type { BreakGlassReview as StoredReview } from "../audit/break-glass-review";
import { AuditEvent, BreakGlassReview } from "./audit-event.type";
import { MAX_QUEUE, MAX_TRAIL, requireAuditor, requireCount, requireId, requireOrder, utc } from "./arguments";
import { fromStore, type AuditContext } from "./context";

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => [AuditEvent], {
    description:
      "Who has seen this person's record: every read of it, newest first, with who read it, in what role, why, what came back and any break-glass reason. Information governance auditors (ig-auditor, purpose audit) only.",
  })
  async auditTrail(
    @Arg("personId", () => ID, { description: "The family index id of the person (Person.id)." }) personId: string,
    @Arg("first", () => Int, { defaultValue: 100, description: `How many events, newest first (1 to ${MAX_TRAIL}).` })
    first: number,
    @Arg("from", () => DateTimeScalar, { nullable: true, description: "Only reads at or after this time." })
    from: string | null | undefined,
    @Arg("to", () => DateTimeScalar, { nullable: true, description: "Only reads before this time." })
    to: string | null | undefined,
    @Ctx() ctx: AuditContext,
  ): Promise<StoredAuditEvent[]> {
    requireAuditor(ctx);
    const id = requireId(personId, "personId", "the id of the person whose audit trail you want");
    requireCount(first, "first", MAX_TRAIL);
    // An argument the client left out arrives as undefined.
    const since = from ?? null;
    const until = to ?? null;
    requireOrder(since, until);
    const options = {
      from: since === null ? undefined : utc(since),
      to: until === null ? undefined : utc(until),
      limit: first,
    };
    return fromStore(ctx, () => ctx.store.trailForPerson(id, options));
  }

  @Query(() => [AuditEvent], {
    description:
      "Break-glass accesses no auditor has reviewed yet, oldest first. Review each with reviewBreakGlass; it then leaves the queue. Information governance auditors only.",
  })
  async breakGlassQueue(
    @Arg("first", () => Int, { defaultValue: 50, description: `How many, oldest first (1 to ${MAX_QUEUE}).` })
    first: number,
    @Ctx() ctx: AuditContext,
  ): Promise<StoredAuditEvent[]> {
    requireAuditor(ctx);
    requireCount(first, "first", MAX_QUEUE);
    return fromStore(ctx, () => ctx.store.breakGlassQueue(first));
  }

  @FieldResolver(() => BreakGlassReview, {
    nullable: true,
    description: "The review of this break-glass access; null when it was not break-glass or is not reviewed yet.",
  })
  async breakGlassReview(@Root() event: StoredAuditEvent, @Ctx() ctx: AuditContext): Promise<StoredReview | null> {
    if (event.breakGlassReason === null) return null;
    return fromStore(ctx, () => ctx.loaders.reviewByEvent.load(event.eventId));
  }

  @FieldResolver(() => Boolean, {
    description: "Whether this is a break-glass access still waiting for an auditor's review.",
  })
  async awaitingReview(@Root() event: StoredAuditEvent, @Ctx() ctx: AuditContext): Promise<boolean> {
    if (event.breakGlassReason === null) return false;
    return (await fromStore(ctx, () => ctx.loaders.reviewByEvent.load(event.eventId))) === null;
  }
}
