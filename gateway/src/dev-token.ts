import type { Express } from "express";
import { z } from "zod";
import { ErrorCode, jsonBody, purposesFor, ROLES, sendHttpError, type Logger } from "@ffd/shared";
import { signDevToken } from "./auth";
import { isLocalBrowser } from "./ide";

/** Where the staff app's development sign-in asks for a token. */
export const DEV_TOKEN_PATH = "/auth/dev-token";

/** A claim as an identifier: the codes the agency systems use (CC01, CL-07, R1A), nothing else. */
const claim = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._:-]*$/,
    "must be a code of letters, digits, spaces, dots, colons, underscores and hyphens",
  );

/** What the sign-in page sends: a role from the access policy and, optionally, the claims a relationship is judged by. */
export const DevTokenRequest = z
  .object({
    role: z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` }),
    centre: claim.optional(),
    caseload: claim.optional(),
    organisation: claim.optional(),
  })
  .strict();

/**
 * POST /auth/dev-token: a development token for the role and claims asked for, as
 * `npm run token` signs them, for the staff app's development sign-in. Mounted only outside
 * production (in production users sign in through OpenID Connect and this address is 404), and
 * answered only to a browser on the gateway's own machine, as the IDE's preloaded token is. The
 * body is validated with zod and never logged: only the role issued, or why it was refused.
 */
export function mountDevTokenRoute(app: Express, options: { secret: string; logger: Logger }): void {
  const { secret, logger } = options;
  app.post(DEV_TOKEN_PATH, jsonBody({ limit: "4kb", logger }), async (req, res, next) => {
    try {
      res.setHeader("Cache-Control", "no-store");
      if (!isLocalBrowser(req)) {
        logger.info("dev_token.refused", { reason: "not loopback" });
        sendHttpError(
          res,
          403,
          "Development tokens are issued only to a browser on the gateway's own machine. Elsewhere, sign a token with `npm run token` on that machine.",
          ErrorCode.Forbidden,
        );
        return;
      }
      const parsed = DevTokenRequest.safeParse(req.body);
      if (!parsed.success) {
        logger.info("dev_token.refused", { reason: "invalid request" });
        const problems = parsed.error.issues.map((i) =>
          i.path.length > 0 ? `${i.path.join(".")} ${i.message}` : i.message,
        );
        sendHttpError(res, 400, `The sign-in request is not valid: ${problems.join("; ")}.`, ErrorCode.BadUserInput);
        return;
      }
      const { role, centre, caseload, organisation } = parsed.data;
      const token = await signDevToken(secret, { role, centre, caseload, organisation });
      logger.info("dev_token.issued", { role });
      res.json({ token, role, purposes: purposesFor(role) });
    } catch (err) {
      next(err);
    }
  });
}
