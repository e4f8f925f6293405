import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { ErrorCode } from "./errors";
import { errorFields, type Logger } from "./log";

/*
 * Errors of the HTTP layer, below GraphQL: a body that is not JSON, too large, in a charset
 * nobody reads, a route that does not exist, a fault in a route. Express's own last-resort
 * handler answers these with an HTML page carrying the stack trace (outside production) and
 * prints the error, whose message quotes the raw body, to stderr. These answer instead, in
 * every mode, with a GraphQL-shaped JSON error a client can read and nothing of the request
 * or of the code: no message from the parser, no stack, no file path.
 */

/** The shape every service answers errors in: `{ errors: [{ message, extensions: { code } }] }`. */
export function sendHttpError(res: Response, status: number, message: string, code: ErrorCode): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** What a client is told for each kind of body-parser failure (body-parser's `type`), by status. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  "content-type.unsupported": {
    status: 415,
    message: "Send the request as JSON, with Content-Type: application/json.",
  },
  "entity.parse.failed": { status: 400, message: "The request body is not valid JSON." },
  "entity.too.large": { status: 413, message: "The request body is too large." },
  "request.size.invalid": { status: 400, message: "The request body is shorter or longer than its Content-Length." },
  "request.aborted": { status: 400, message: "The request was aborted before its body arrived." },
  "encoding.unsupported": { status: 415, message: "The request body's Content-Encoding is not supported." },
  "charset.unsupported": { status: 415, message: "The request body's charset is not supported: send UTF-8." },
};

/** The status an error carries (body-parser's and http-errors' `status`), if it is an HTTP error. */
function statusOf(err: unknown): number | undefined {
  const { status, statusCode } = (err ?? {}) as { status?: unknown; statusCode?: unknown };
  const given = status ?? statusCode;
  return typeof given === "number" && given >= 400 && given < 600 ? given : undefined;
}

/** body-parser's name for what went wrong; a fixed vocabulary, never the body. */
function typeOf(err: unknown): string | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === "string" && /^[a-z.-]{1,40}$/.test(type) ? type : undefined;
}

/** The request id of the request, if the route set one (res.locals.requestId). */
function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === "string" ? id : undefined;
}

/**
 * Answers an error from the HTTP layer. A client error (4xx) is BAD_REQUEST with a fixed
 * message; anything else is a masked INTERNAL_SERVER_ERROR. The log line names the kind of
 * failure and the request, never the error's message (JSON.parse quotes the body in it).
 */
export function answerHttpError(err: unknown, req: Request, res: Response, logger: Logger): void {
  const type = typeOf(err);
  const known = type ? BODY_ERRORS[type] : undefined;
  const status = known?.status ?? statusOf(err) ?? 500;
  const fields = { requestId: requestIdOf(res), method: req.method, route: req.baseUrl || undefined, status, type };
  if (status < 500) {
    logger.info("http.bad_request", fields);
    if (res.headersSent) return;
    sendHttpError(res, status, known?.message ?? "The request could not be read.", ErrorCode.BadRequest);
    return;
  }
  // The stack's frames name the code that failed; its first line, the message, is left out.
  logger.error("http.error", { ...fields, ...errorFields(err) });
  if (res.headersSent) return;
  sendHttpError(
    res,
    500,
    "Something went wrong on our side. The error has been logged; quote the request id if you report it.",
    ErrorCode.InternalServerError,
  );
}

/**
 * Express's last error handler for a service: mounted after every route, it replaces
 * express's default (HTML, stack trace, body printed to stderr).
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  // Express knows an error handler by its four parameters, so `_next` stays though unused.
  return (err, req, res, _next) => {
    answerHttpError(err, req, res, logger);
    // Too late to answer in JSON: end the half-sent response rather than leave it hanging.
    if (!res.writableEnded && res.headersSent) req.socket.destroy();
  };
}

/** The answer for a route no service has: JSON like every other error, not express's HTML page. */
export const notFound: RequestHandler = (_req, res) => {
  sendHttpError(res, 404, "There is nothing at this address.", ErrorCode.NotFound);
};
