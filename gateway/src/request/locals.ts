import type { Response } from "express";
import { traceContextOf } from "@ffd/shared";
import type { SignedInUser } from "../auth";
import type { GatewayContext } from "../context";

/**
 * What the /graphql middleware learn about a request, in the order they learn it, kept on
 * `res.locals` for the next one: each concern reads what the earlier ones set and nothing else.
 */
export interface GatewayLocals {
  /** Set by the request id middleware, first. */
  requestId: string;
  /** Set by authentication. */
  user: SignedInUser;
  /** Set by the purpose middleware: the user with the purpose they stated and whether they broke glass. */
  caller: GatewayContext["caller"];
  /** Set by the purpose middleware: the break-glass reason, null when none. */
  breakGlassReason: string | null;
}

export function localsOf(res: Response): Partial<GatewayLocals> {
  return res.locals as Partial<GatewayLocals>;
}

/** A value an earlier middleware must have set; missing means the pipeline is out of order (our bug). */
export function requireLocal<K extends keyof GatewayLocals>(res: Response, key: K): GatewayLocals[K] {
  const value = localsOf(res)[key];
  if (value === undefined) throw new Error(`gateway pipeline out of order: ${key} is not set`);
  return value as GatewayLocals[K];
}

/** The Apollo context of a request that passed every middleware. */
export function gatewayContextOf(res: Response): GatewayContext {
  return {
    requestId: requireLocal(res, "requestId"),
    caller: requireLocal(res, "caller"),
    breakGlassReason: requireLocal(res, "breakGlassReason"),
    traceContext: traceContextOf(res),
  };
}
