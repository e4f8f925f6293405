import { registeredMetric, type Agency } from "@ffd/shared";
import type { FeedError } from "./feed/identity-feed.client";
import client from "prom-client";

/**
 * family-index's own Prometheus metrics, beside the process metrics every service serves at
 * `/metrics`: what the index holds (so a dashboard, or the benchmark, can tell a complete index
 * from one still missing an agency), how long builds and updates take, and the feed requests that
 * failed, by agency and reason (a timeout among them). Labels are bounded names only: an agency, a
 * feed, a reason, a kind of update.
 */

const agencies = registeredMetric(
  "ffd_index_agencies",
  () =>
    new client.Gauge({
      name: "ffd_index_agencies",
      help: "Agencies in the current index (state=indexed) and not in it because their feed has not been read (state=missing).",
      labelNames: ["state"] as const,
    }),
);

const size = registeredMetric(
  "ffd_index_size",
  () =>
    new client.Gauge({
      name: "ffd_index_size",
      help: "What the current index holds: agency records, people and families (none before the first build).",
      labelNames: ["kind"] as const,
    }),
);

const updates = registeredMetric(
  "ffd_index_update_duration_seconds",
  () =>
    new client.Histogram({
      name: "ffd_index_update_duration_seconds",
      help: "Index builds (kind=full), incremental updates (kind=incremental) that changed the index, and resumes from the stored index at a start (kind=resume): link or load, write and swap.",
      labelNames: ["kind"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    }),
);

const feedFailures = registeredMetric(
  "ffd_index_feed_failures_total",
  () =>
    new client.Counter({
      name: "ffd_index_feed_failures_total",
      help: "Requests to an agency's internal feeds that failed, by agency, feed (identity, involvements, events) and reason (timeout, unreachable, http, invalid; cursor_gone: a change cursor the agency no longer answers, read whole instead); a request a breaker held back is not one.",
      labelNames: ["agency", "feed", "reason"] as const,
    }),
);

/** The feeds family-index asks, named by the last part of their path. */
const FEEDS: Readonly<Record<string, string>> = {
  "identity-feed": "identity",
  involvements: "involvements",
  events: "events",
};

/** The feed a request's path names (`/internal/identity-feed` -> identity); `other` for any other path. */
export function feedOf(pathname: string): string {
  return FEEDS[pathname.slice(pathname.lastIndexOf("/") + 1)] ?? "other";
}

/** Counts a failed request to an agency's feed. */
export function countFeedFailure(agency: Agency, feed: string, reason: FeedError["reason"]): void {
  feedFailures.inc({ agency, feed, reason });
}

/** Records the index now served: its agencies and what it holds, and how long making it took. */
export function recordIndex(
  now: { indexed: number; missing: number; records: number; persons: number; families: number },
  kind: "full" | "incremental" | "resume",
  seconds: number,
): void {
  agencies.set({ state: "indexed" }, now.indexed);
  agencies.set({ state: "missing" }, now.missing);
  size.set({ kind: "records" }, now.records);
  size.set({ kind: "persons" }, now.persons);
  size.set({ kind: "families" }, now.families);
  updates.observe({ kind }, seconds);
}
