import type { RequestHandler } from "express";
import { PURPOSE_OF_ACCESS_HEADER, type Logger } from "@ffd/shared";
import { BREAK_GLASS_HEADER, breakGlassOf, purposeOf, roleRefusal } from "../purpose";
import { localsOf, requireLocal } from "./locals";

/**
 * Why the user is asking, after authentication and before the body is read: the stated purpose
 * (400 when missing or unknown), whether their role may state it (403, the access policy), and
 * break-glass (a written reason opens full detail where the policy asks for a relationship).
 * Logged by role and purpose only; the reason is audited, never logged.
 */
export function purposeMiddleware(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = requireLocal(res, "requestId");
    const user = requireLocal(res, "user");
    const purpose = purposeOf(req.header(PURPOSE_OF_ACCESS_HEADER));
    if (typeof purpose !== "string") {
      logger.info("purpose.refused", { requestId, role: user.role });
      res.status(purpose.status).json(purpose.body);
      return;
    }
    const forbidden = roleRefusal(user.role, purpose);
    if (forbidden) {
      logger.info("purpose.forbidden", { requestId, role: user.role, purpose });
      res.status(forbidden.status).json(forbidden.body);
      return;
    }
    const breakGlass = breakGlassOf(req.header(BREAK_GLASS_HEADER), user.role, purpose);
    if (breakGlass !== null && typeof breakGlass !== "string") {
      logger.info("break_glass.refused", { requestId, role: user.role, purpose, status: breakGlass.status });
      res.status(breakGlass.status).json(breakGlass.body);
      return;
    }
    const locals = localsOf(res);
    locals.caller = { ...user, purpose, breakGlass: breakGlass !== null };
    locals.breakGlassReason = breakGlass;
    next();
  };
}
