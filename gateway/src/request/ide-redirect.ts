import type { RequestHandler } from "express";
import { IDE_PATH } from "../ide";

/** Development: a browser opening /graphql is sent to the IDE rather than refused for want of a token. */
export function ideRedirect(): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" && req.accepts(["json", "html"]) === "html") {
      res.redirect(IDE_PATH);
      return;
    }
    next();
  };
}
