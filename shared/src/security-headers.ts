import type { RequestHandler } from "express";
import helmet, { contentSecurityPolicy } from "helmet";

/*
 * Security headers on every response of every service, set by helmet before any route runs,
 * so error answers carry them too. What the services serve is JSON for programs (the GraphQL
 * endpoints, health, the identity feeds), so the default policy lets a browser load nothing
 * and frame nothing. The one HTML page, the gateway's GraphQL IDE, sets its own policy on top
 * (pageSecurityPolicy) naming exactly what it runs.
 */

/** A Content-Security-Policy in helmet's notation: directive name to its sources. */
export type CspDirectives = Record<string, string[]>;

/** For JSON answers: nothing may load, run, be framed or be posted from them. */
const API_POLICY: CspDirectives = {
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/**
 * Helmet's headers: this Content-Security-Policy, X-Frame-Options DENY, X-Content-Type-Options
 * nosniff, Referrer-Policy no-referrer, Cross-Origin-Opener/Resource-Policy same-origin and the
 * rest of helmet's defaults. Strict-Transport-Security is sent but only counts when a TLS
 * proxy in front serves the service over HTTPS.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
  });
}

/**
 * Replaces the Content-Security-Policy for one HTML page. The page's policy must still forbid
 * framing, plugins and foreign bases, so those are added here whatever the page asks for.
 */
export function pageSecurityPolicy(directives: CspDirectives): RequestHandler {
  return contentSecurityPolicy({
    useDefaults: false,
    directives: {
      ...directives,
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "frame-ancestors": ["'none'"],
    },
  });
}
