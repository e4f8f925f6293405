import { ErrorCode, errorFields, loaderFor, type Caller, type CallerContext, type Logger } from "@ffd/shared";
import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import { BreakGlassReviewRefused, type BreakGlassReview } from "../audit/break-glass-review";
import type { AuditStore } from "../audit/store";

export interface AuditContext extends CallerContext {
  requestId: string;
  /** Who is asking, as the gateway's internal token vouched for them; null when no caller was verified. */
  caller: Caller | null;
  store: AuditStore;
  logger: Logger;
  loaders: {
    /** Each event's break-glass review (null when none), one query per request. */
    reviewByEvent: DataLoader<string, BreakGlassReview | null>;
  };
}

/** A new context, with new loaders, for every request. */
export function createAuditContext(
  store: AuditStore,
  logger: Logger,
  caller: Caller | null,
  requestId: string,
): AuditContext {
  return {
    requestId,
    caller,
    store,
    logger,
    loaders: { reviewByEvent: loaderFor((ids) => store.reviewsFor(ids)) },
  };
}

export const AUDIT_TRAIL_UNAVAILABLE_MESSAGE =
  "The audit trail cannot be read just now. Try again later; quote the request id if it persists.";

export function auditTrailUnavailable(): GraphQLError {
  return new GraphQLError(AUDIT_TRAIL_UNAVAILABLE_MESSAGE, { extensions: { code: ErrorCode.AuditUnavailable } });
}

/**
 * Runs a store call, turning a failure of the audit database into AUDIT_UNAVAILABLE (logged by
 * request id, without the query's arguments), so the auditor learns the trail is unreachable
 * rather than meeting a masked internal error. Errors meant for the client pass through.
 */
export async function fromStore<T>(ctx: AuditContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof GraphQLError || err instanceof BreakGlassReviewRefused) throw err;
    ctx.logger.error("audit.read_failed", { requestId: ctx.requestId, ...errorFields(err), stack: undefined });
    throw auditTrailUnavailable();
  }
}
