import express, { type Express, type Request, type Response } from "express";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pageSecurityPolicy, type CspDirectives } from "@ffd/shared";

/** Where `npm run build` writes the staff app (web/dist), from the compiled gateway (gateway/dist). */
export const DEFAULT_WEB_APP_DIR = path.join(__dirname, "..", "..", "web", "dist");

/**
 * The staff app's policy: its scripts, styles and fonts from this gateway only, no inline script
 * or style and no eval (the build emits none), images from here or inline (the design system's
 * icons), requests to this gateway only.
 */
export const APP_POLICY: CspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "form-action": ["'self'"],
};

/**
 * Paths the app never answers: the API, health, the internal subgraph, the IDE, sign-in; except
 * /auth/callback, the app's own page where the OpenID Connect issuer sends the browser back.
 */
const RESERVED = /^\/(graphql|health|internal|ide|graphiql|auth(?!\/callback\/?$)|assets)(\/|$)/;

/** Whether a GET is for one of the app's pages (a deep link such as /people/<id>), not a file or an API. */
function isPageRequest(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (RESERVED.test(req.path)) return false;
  // A last segment with a dot is a file (favicon.ico, robots.txt): not a page.
  return !/\.[^/]*$/.test(req.path);
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Family Front Door: the app is not built</title></head>
<body>
<h1>The staff app is not built</h1>
<p>This gateway serves the staff app from web/dist, which does not exist yet.
Build it with <code>npm run build</code> (or run <code>npm start</code>, which builds everything first),
then reload this page.</p>
<p>The GraphQL endpoint is at <a href="/graphql">/graphql</a>; outside production the GraphQL IDE is at
<a href="/graphiql">/graphiql</a>.</p>
</body>
</html>`;

/**
 * Serves the staff app at / from its build folder: the hashed assets under /assets (cached for
 * good: a new build has new names), and index.html for every page path, so a deep link or a
 * reload of /people/<id> works (the app reads the URL). The API and the IDE keep their own
 * paths. If the app is not built, its pages say so (HTTP 503) and how to build it.
 */
export function mountWebApp(app: Express, options: { dir: string; issuerOrigin?: string | null }): void {
  const index = path.join(options.dir, "index.html");
  app.use("/assets", express.static(path.join(options.dir, "assets"), { immutable: true, maxAge: "1y", index: false }));
  // In production the app fetches the issuer's discovery document and exchanges the code for
  // tokens there (the redirects are navigations, which connect-src does not restrict).
  const connect = options.issuerOrigin ? ["'self'", options.issuerOrigin] : ["'self'"];
  const policy = pageSecurityPolicy({ ...APP_POLICY, "connect-src": connect });
  app.use((req, res, next) => {
    if (!isPageRequest(req)) {
      next();
      return;
    }
    policy(req, res, (err?: unknown) => (err ? next(err) : void sendPage(res).catch(next)));
  });
  async function sendPage(res: Response): Promise<void> {
    let html: string;
    try {
      // Read for each page load: small, and a rebuild is served without a restart.
      html = await readFile(index, "utf8");
    } catch {
      res.status(503).setHeader("Cache-Control", "no-store").type("html").send(NOT_BUILT);
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(html);
  }
}
