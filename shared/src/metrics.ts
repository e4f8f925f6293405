import { timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import client from "prom-client";
import { bearerToken } from "./auth";
import { notFound } from "./http-errors";

/**
 * Prometheus metrics, one registry per process (prom-client's default), served at `/metrics` by
 * the gateway and by every subgraph. Labels are bounded names only: a service, an agency, a port
 * method, an operation NAME (never its document or variables), a breaker state; never a request
 * id, a caller, a record id or any value of a request.
 */
export const metricsRegistry = client.register;

let processMetrics = false;
/** Node's process metrics (CPU, memory, event loop lag), registered once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  client.collectDefaultMetrics({ register: metricsRegistry });
}

/**
 * Finds a metric already registered under `name` (jest reloads modules; one registry), or makes it:
 * how every service declares its own metrics.
 */
export function registeredMetric<M extends client.Metric>(name: string, make: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? make();
}

/** The agency kit's record cache and the centre directory's cache: lookups by agency, port method and result. */
export const cacheLookups = registeredMetric(
  "ffd_cache_lookups_total",
  () =>
    new client.Counter({
      name: "ffd_cache_lookups_total",
      help: "Keys looked up in the cross-request cache, by agency, port method and result (hit, miss, error: the cache failed and the source answered).",
      labelNames: ["agency", "method", "result"] as const,
    }),
);

/** Counts a batch's cache lookups (cachedBatch's `counted`). */
export function countCacheLookups(
  agency: string,
  method: string,
): (hits: number, misses: number, failed: boolean) => void {
  return (hits, misses, failed) => {
    if (hits) cacheLookups.inc({ agency, method, result: "hit" }, hits);
    if (misses) cacheLookups.inc({ agency, method, result: failed ? "error" : "miss" }, misses);
  };
}

/**
 * Who may read `/metrics` (METRICS_TOKEN): with a token, only a request carrying it as a bearer
 * token; without one, anyone outside production, and no one in production (the route answers
 * 404), so metrics are never open on a public listener by accident.
 */
export interface MetricsAccess {
  token: string | undefined;
  production: boolean;
}

/** The settings' metrics access (METRICS_TOKEN, NODE_ENV). */
export function metricsAccessOf(config: { METRICS_TOKEN?: string | undefined; NODE_ENV: string }): MetricsAccess {
  return { token: config.METRICS_TOKEN, production: config.NODE_ENV === "production" };
}

/** Whether `/metrics` is served at all under this access. */
export function metricsServed(access: MetricsAccess): boolean {
  return access.token !== undefined || !access.production;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The `/metrics` route: Prometheus's text format, behind the token when one is set; where it is
 * not served, a 404 (mounted all the same, so the path never falls through to another route).
 */
export function metricsHandler(access: MetricsAccess) {
  if (!metricsServed(access)) return notFound;
  collectProcessMetrics();
  return async (req: Request, res: Response): Promise<void> => {
    if (access.token !== undefined) {
      const given = bearerToken(req.header("authorization"));
      if (!given || !sameToken(given, access.token)) {
        res
          .status(401)
          .setHeader("WWW-Authenticate", 'Bearer realm="metrics"')
          .json({ error: "A metrics token is required." });
        return;
      }
    }
    res.setHeader("Content-Type", metricsRegistry.contentType);
    res.setHeader("Cache-Control", "no-store");
    res.end(await metricsRegistry.metrics());
  };
}
