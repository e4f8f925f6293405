import express, { type RequestHandler } from "express";
import { answerHttpError } from "./http-errors";
import type { Logger } from "./log";

export interface JsonBodyOptions {
  /** The largest body accepted, in body-parser's notation ("256kb", "1mb"). */
  limit: string;
  logger: Logger;
}

/**
 * Reads a GraphQL request's JSON body. Every way it can fail is answered here, as a
 * GraphQL-shaped BAD_REQUEST error, before express's default handler could print the body:
 * - a POST that is not `Content-Type: application/json` (415): a GraphQL request is JSON, and
 *   refusing other types also keeps out the form posts a browser may send across sites;
 * - a body that is not valid JSON (400), too large (413), or in an unknown charset or
 *   encoding (415).
 * A GET (a query in the URL) has no body and passes through to Apollo Server.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const parse = express.json({ limit: options.limit });
  return (req, res, next) => {
    if (req.method === "POST" && !req.is("application/json")) {
      answerHttpError({ status: 415, type: "content-type.unsupported" }, req, res, options.logger);
      return;
    }
    parse(req, res, (err?: unknown) => {
      if (err) {
        answerHttpError(err, req, res, options.logger);
        return;
      }
      next();
    });
  };
}
