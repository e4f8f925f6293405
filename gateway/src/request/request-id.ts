import type { RequestHandler } from "express";
import { REQUEST_ID_HEADER, type Logger } from "@ffd/shared";
import { CORRELATION_ID_HEADER, requestIdsOf } from "../request-id";
import { localsOf } from "./locals";

/**
 * First on /graphql, so every answer (refusals included) and every log line carries it: the
 * gateway's own id; a client's X-Request-Id is only a correlation id beside it.
 */
export function requestIdMiddleware(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const { requestId, correlationId } = requestIdsOf(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    localsOf(res).requestId = requestId;
    if (correlationId) {
      res.setHeader(CORRELATION_ID_HEADER, correlationId);
      logger.info("request.correlated", { requestId, correlationId });
    }
    next();
  };
}
