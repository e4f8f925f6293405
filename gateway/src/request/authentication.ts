import type { RequestHandler, Response } from "express";
import { bearerToken, ErrorCode, TokenError, type Logger } from "@ffd/shared";
import type { Authenticator } from "../auth";
import { localsOf, requireLocal } from "./locals";

function refuse(res: Response, message: string): void {
  res
    .status(401)
    .setHeader("WWW-Authenticate", 'Bearer realm="family-front-door"')
    .json({ errors: [{ message, extensions: { code: ErrorCode.Unauthenticated } }] });
}

/**
 * Who is calling: the bearer token verified (OpenID Connect in production, development tokens
 * otherwise), or 401 UNAUTHENTICATED before anything else is read. The token is never logged.
 */
export function authenticationMiddleware(authenticate: Authenticator, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.header("authorization"));
    if (!token) {
      refuse(res, "Sign in first: every request needs an Authorization: Bearer <token> header.");
      return;
    }
    try {
      localsOf(res).user = await authenticate(token);
    } catch (err) {
      logger.info("auth.refused", {
        requestId: requireLocal(res, "requestId"),
        reason: err instanceof TokenError ? err.message : "verification failed",
      });
      refuse(res, err instanceof TokenError ? err.message : "The token is not valid or has expired.");
      return;
    }
    next();
  };
}
