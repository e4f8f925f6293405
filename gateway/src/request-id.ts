import type { Request } from "express";
import { randomUUID } from "node:crypto";
import { REQUEST_ID_HEADER } from "@ffd/shared";

/** Where the gateway echoes a client's own request id back, kept apart from its own. */
export const CORRELATION_ID_HEADER = "x-correlation-id";

/** What a client's id may look like to be kept: short, and nothing a log or header could misread. */
const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;

export interface RequestIds {
  /**
   * The gateway's own id for the request, always fresh: the audit event's requestId, the id
   * sent to every subgraph and returned to the client as X-Request-Id. A client cannot choose
   * it, so no two requests (and no two actors) share one in the audit trail.
   */
  requestId: string;
  /**
   * The id the client sent as X-Request-Id, if it is well formed: returned as X-Correlation-Id
   * and logged beside the gateway's id, so a client can find its request, but never audited.
   */
  correlationId: string | null;
}

export function requestIdsOf(req: Request): RequestIds {
  const given = req.header(REQUEST_ID_HEADER);
  return { requestId: randomUUID(), correlationId: given && CLIENT_ID.test(given) ? given : null };
}
