import type { BaseContext } from "@apollo/server";
import type { Express, Request, RequestHandler, Response } from "express";
import type { GraphQLSchema } from "graphql";
import type { Cache } from "../cache";
import { callerOf, type Caller } from "../caller";
import { bearerToken, TokenError, verifyServiceToken } from "../auth";
import type { Agency } from "../errors";
import type { AgencyContextInput } from "./guard";
import {
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_MAX_PAGE,
  IDENTITY_FEED_PATH,
  type IdentityFeedPage,
  type IdentityRecord,
} from "../identity";
import { decodeFeedCursor, encodeFeedCursor } from "./feed-cursor";
import type { ChangeLogPosition, IdentityChangeLog } from "./identity-changes";
import { DEFAULT_CACHE_INVALIDATE_MS, RecordCacheInvalidator } from "./cache-invalidation";
import { todayIso, type IsoDate } from "../dates";
import {
  INVOLVEMENT_FEED_MAX_IDS,
  INVOLVEMENT_FEED_PATH,
  type InvolvementFeedAnswer,
  type InvolvementSource,
} from "../involvement";
import {
  EVENT_FEED_PATH,
  parseEventPeriod,
  type AgencyEventFeedAnswer,
  type AgencyEventSource,
} from "../agency-events";
import { jsonBody } from "../json-body";
import { errorFields, type Logger } from "../log";
import type { MetricsAccess } from "../metrics";
import { startService, type RunningService, type ServiceOptions } from "../service";
import { tracedRequests, TRACING_OFF, type Tracing } from "../tracing";
import {
  cachedAgencySource,
  type AgencyRecordCacheSettings,
  type RecordCacheMethods,
  type RecordInvalidation,
} from "./record-cache";

/** What every agency port offers family-index: its records' identifiers and demographics, in pages. */
export interface IdentitySource {
  /** Records with local id greater than `after` (null: from the start), ordered by local id. */
  identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]>;
  /** The records of these local ids that the agency holds (any order; an id it does not hold is left out). */
  identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]>;
}

/** Only the service named here may read an agency's identity and involvement feeds. */
export const IDENTITY_FEED_READER = "family-index";

/**
 * What every agency port offers family-index: its identity feed and its involvements, and, for
 * an agency with events of its own for the safeguarding list, its events.
 */
export type AgencyFeedSource = IdentitySource & InvolvementSource & Partial<AgencyEventSource>;

/**
 * Answers (401/403) and resolves false unless the request carries a valid family-index service
 * token for the internal feeds (audience IDENTITY_FEED_AUDIENCE).
 */
async function familyIndexOnly(req: Request, res: Response, secret: string): Promise<boolean> {
  const token = bearerToken(req.header("authorization"));
  if (!token) {
    res.status(401).json({ error: "A service token is required." });
    return false;
  }
  try {
    const caller = await verifyServiceToken(secret, token, IDENTITY_FEED_AUDIENCE);
    if (caller.service !== IDENTITY_FEED_READER) {
      res.status(403).json({ error: "Only family-index may read the agency's internal feeds." });
      return false;
    }
  } catch (err) {
    res.status(401).json({ error: err instanceof TokenError ? err.message : "Service token is not valid." });
    return false;
  }
  return true;
}

/** familyIndexOnly as a route's middleware: the request goes on only with family-index's token. */
function familyIndexOnlyRoute(secret: string): RequestHandler {
  return async (req, res, next) => {
    if (await familyIndexOnly(req, res, secret)) next();
  };
}

/**
 * Whether a cursor's positions can be this change log's now: the same log, and since ≤ until ≤
 * the horizon (a log restored from a backup is behind the cursors it gave before).
 */
function possible(now: ChangeLogPosition, log: string | null, since: string, until: string): boolean {
  const whole = /^\d+$/;
  if (log !== now.log || !whole.test(since) || !whole.test(until) || !whole.test(now.horizon)) return false;
  return BigInt(since) <= BigInt(until) && BigInt(until) <= BigInt(now.horizon);
}

/**
 * Mounts GET /internal/identity-feed?after=&limit= : a page of identity records for
 * family-index, refused (401/403) to anyone without a valid family-index service token.
 *
 * `after` is an opaque cursor (feed-cursor.ts): none starts a whole read, a page cursor goes on
 * with it (keyset on the local id, at most `limit` records a page), and a change cursor reads the
 * records changed since (from the agency's change log, `changes`): those still held in
 * `records`, those gone in `deleted`. Each answer has `nextCursor` (more to read now, or null)
 * and, on the last page of a read, `changeCursor`: where to read the next changes from (null
 * when the agency keeps no change log). A cursor the agency can no longer answer is 410 (read the
 * whole feed again): its change log gone, or another log than the cursor's (the database generated
 * again, or restored from a backup), or positions this log cannot have (until before since, or
 * either past the horizon now). A cursor the kit did not write (an earlier version's among them) is 400.
 */
export function mountIdentityFeed(
  app: Express,
  agency: Agency,
  source: IdentitySource,
  secret: string,
  logger: Logger,
  changes?: IdentityChangeLog,
): void {
  app.get(IDENTITY_FEED_PATH, async (req, res) => {
    if (!(await familyIndexOnly(req, res, secret))) return;
    const afterRaw = typeof req.query.after === "string" && req.query.after !== "" ? req.query.after : null;
    const cursor = afterRaw === null ? null : decodeFeedCursor(afterRaw);
    if (afterRaw !== null && cursor === null) {
      res.status(400).json({ error: "after is not a cursor this feed gave." });
      return;
    }
    const limit = typeof req.query.limit === "string" ? Number(req.query.limit) : IDENTITY_FEED_MAX_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > IDENTITY_FEED_MAX_PAGE) {
      res.status(400).json({ error: `limit must be a whole number from 1 to ${IDENTITY_FEED_MAX_PAGE}.` });
      return;
    }
    const gone = (): void => {
      res.status(410).json({ error: "The cursor can no longer be answered: read the whole feed." });
    };
    try {
      // Where the change log stands now, and which log it is: a cursor of another log (the
      // database generated again, or restored) or with positions this log cannot have is gone.
      const now = cursor?.kind === "changes" || cursor?.since ? ((await changes?.position()) ?? null) : null;
      if (cursor?.kind === "changes") {
        const until = cursor.until ?? now?.horizon ?? null;
        if (!changes || now === null || until === null || !possible(now, cursor.log, cursor.since, until))
          return gone();
        let changed: { key: string; localId: string }[];
        try {
          changed = await changes.changes(cursor.since, until, cursor.after, limit);
        } catch (err) {
          if (err instanceof RangeError) return gone();
          throw err;
        }
        const ids = [...new Set(changed.map((c) => c.localId))];
        const records = ids.length === 0 ? [] : await source.identityRecords(ids);
        const held = new Set(records.map((r) => r.localId));
        const more = changed.length === limit;
        const log = cursor.log;
        const page: IdentityFeedPage = {
          agency,
          records,
          deleted: ids.filter((id) => !held.has(id)),
          nextCursor: more
            ? encodeFeedCursor({
                kind: "changes",
                log,
                since: cursor.since,
                until,
                after: changed[changed.length - 1].key,
              })
            : null,
          changeCursor: more
            ? null
            : encodeFeedCursor({ kind: "changes", log, since: until, until: null, after: null }),
        };
        res.json(page);
        return;
      }
      // A whole read: the change log's horizon is taken before the first page is read, so that
      // a change made while the read goes on is read again after it.
      if (cursor?.since && (now === null || !possible(now, cursor.log, cursor.since, cursor.since))) return gone();
      const start = cursor ? null : ((await changes?.position()) ?? null);
      const log = cursor ? cursor.log : (start?.log ?? null);
      const since = cursor ? cursor.since : (start?.horizon ?? null);
      const records = await source.identityFeed(cursor ? cursor.after : null, limit);
      const more = records.length === limit;
      const page: IdentityFeedPage = {
        agency,
        records,
        deleted: [],
        nextCursor: more
          ? encodeFeedCursor({ kind: "page", after: records[records.length - 1].localId, log, since })
          : null,
        changeCursor:
          !more && log !== null && since !== null
            ? encodeFeedCursor({ kind: "changes", log, since, until: null, after: null })
            : null,
      };
      res.json(page);
    } catch (err) {
      logger.error("identity_feed.failed", errorFields(err));
      res.status(503).json({ error: `The ${agency} system is unavailable.` });
    }
  });
}

/**
 * Mounts POST /internal/involvements with `{ "localIds": [...] }`: the agency's involvement with
 * each of those records as of `asOf()` (the date the agency's statuses are worked out on), in their order, for
 * family-index's `Person.involvements`; one port call (one query per table) however many ids.
 * Refused (401/403) to anyone without a valid family-index service token. The ids are never logged.
 */
export function mountInvolvementFeed(
  app: Express,
  agency: Agency,
  source: InvolvementSource,
  asOf: () => IsoDate,
  secret: string,
  logger: Logger,
  tracing: Tracing = TRACING_OFF,
): void {
  app.post(
    INVOLVEMENT_FEED_PATH,
    jsonBody({ limit: "256kb", logger }),
    familyIndexOnlyRoute(secret),
    // Called while family-index answers a request: its span continues that request's trace.
    tracedRequests(tracing, { route: INVOLVEMENT_FEED_PATH, trustIncoming: true }),
    async (req, res) => {
      const localIds = (req.body as { localIds?: unknown } | undefined)?.localIds;
      if (
        !Array.isArray(localIds) ||
        localIds.length > INVOLVEMENT_FEED_MAX_IDS ||
        !localIds.every((id): id is string => typeof id === "string" && id !== "" && id.length <= 64)
      ) {
        res.status(400).json({ error: `localIds must be a list of at most ${INVOLVEMENT_FEED_MAX_IDS} local ids.` });
        return;
      }
      try {
        const involvements = localIds.length === 0 ? [] : await source.involvements(localIds, asOf());
        const answer: InvolvementFeedAnswer = { agency, involvements };
        res.json(answer);
      } catch (err) {
        // The system down or a row breaking its contract: its name and code only, never a value.
        logger.error("involvement_feed.failed", { agency, ...errorFields(err) });
        res.status(503).json({ error: `The ${agency} system is unavailable.` });
      }
    },
  );
}

/**
 * Mounts POST /internal/events with `{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }` (at most
 * EVENT_FEED_MAX_DAYS days): the agency's events in that period borough-wide, as of `asOf()`, for
 * family-index's safeguarding list; one port call (one query per table) however many events.
 * Refused (401/403) to anyone without a valid family-index service token; a period out of shape
 * is 400. Nothing of the answer is logged.
 */
export function mountEventFeed(
  app: Express,
  agency: Agency,
  source: AgencyEventSource,
  asOf: () => IsoDate,
  secret: string,
  logger: Logger,
  tracing: Tracing = TRACING_OFF,
): void {
  app.post(
    EVENT_FEED_PATH,
    jsonBody({ limit: "1kb", logger }),
    familyIndexOnlyRoute(secret),
    // Called while family-index answers a request (the safeguarding list): its span continues that trace.
    tracedRequests(tracing, { route: EVENT_FEED_PATH, trustIncoming: true }),
    async (req, res) => {
      const period = parseEventPeriod(req.body);
      if (!period) {
        res
          .status(400)
          .json({ error: "from and to must be dates (YYYY-MM-DD), from not after to, a month apart at most." });
        return;
      }
      try {
        const answer: AgencyEventFeedAnswer = { agency, events: await source.events(period.from, period.to, asOf()) };
        res.json(answer);
      } catch (err) {
        // The system down or a row breaking its contract: its name and code only, never a value.
        logger.error("event_feed.failed", { agency, ...errorFields(err) });
        res.status(503).json({ error: `The ${agency} system is unavailable.` });
      }
    },
  );
}

export interface AgencyServiceOptions<Ctx extends BaseContext & { requestId: string }> extends Omit<
  ServiceOptions<Ctx>,
  "routes" | "name"
> {
  agency: Agency;
  source: AgencyFeedSource;
  /** The agency's identity change log, for reading only what changed (none: whole reads only). */
  changes?: IdentityChangeLog;
  internalSecret: string;
  /** The date involvements are current or historic on (the agency's reference date or today). */
  asOf: () => IsoDate;
}

/** Starts an agency subgraph: GraphQL at /graphql, /health, /ready and the identity, involvement and (if it has events) event feeds. */
export function startAgencyService<Ctx extends BaseContext & { requestId: string }>(
  options: AgencyServiceOptions<Ctx>,
  port: number,
  host?: string,
): Promise<RunningService> {
  return startService(
    {
      ...options,
      name: options.agency,
      routes: (app) => {
        mountIdentityFeed(app, options.agency, options.source, options.internalSecret, options.logger, options.changes);
        mountInvolvementFeed(
          app,
          options.agency,
          options.source,
          options.asOf,
          options.internalSecret,
          options.logger,
          options.tracing,
        );
        const { events } = options.source;
        if (events)
          mountEventFeed(
            app,
            options.agency,
            { events: events.bind(options.source) },
            options.asOf,
            options.internalSecret,
            options.logger,
            options.tracing,
          );
      },
    },
    port,
    host,
  );
}

/** An agency subgraph built but not listening: the same shape for every agency. */
export interface AgencyServer<Ctx, Src extends AgencyFeedSource> {
  readonly schema: GraphQLSchema;
  /** The port requests read (with the record cache in front of it when one is set). */
  readonly source: Src & RecordInvalidation;
  /** A fresh per-request context for `caller` (what a request gets; in-process tests use it directly). */
  context(caller: Caller | null, requestId?: string): Ctx;
  /**
   * Listens on `port` (0: any free port): GraphQL at /graphql, /health, /ready and the identity
   * feed; with records cached (a TTL above 0) and a change log, it also drops changed records
   * from the cache as the log names them (RecordCacheInvalidator) until stopped.
   */
  start(port: number, host?: string): Promise<RunningService>;
}

export interface AgencyServerOptions<Ctx, Src extends AgencyFeedSource> {
  agency: Agency;
  schema: GraphQLSchema;
  source: Src;
  /** The agency's identity change log (PostgresIdentityChangeLog over its database). */
  changes?: IdentityChangeLog;
  /** The service's settings: its INTERNAL_TOKEN_SECRET guards the internal feeds; REFERENCE_DATE dates the involvements. */
  config: { readonly INTERNAL_TOKEN_SECRET: string; readonly REFERENCE_DATE?: IsoDate };
  /** The date the agency works its statuses out on, when not REFERENCE_DATE (children's social care: the clock's). */
  today?: () => IsoDate;
  logger: Logger;
  /** The agency's context for one request (its createContext), given the source, logger, request id and caller. */
  context(input: AgencyContextInput<Src>): Ctx;
  /** The port's batch methods the record cache keeps (`record-cache.ts`), when `runtime.recordCache` is set. */
  cachedMethods?: RecordCacheMethods<Src>;
  /** What the entry point gives every agency server (runAgency): the record cache and metrics access. */
  runtime?: AgencyRuntime;
}

/** What runAgency makes once per process for the agency's server: its record cache, who may read /metrics, its traces. */
export interface AgencyRuntime {
  /** The cross-request cache of the port's records; unset: every read goes to the agency system. */
  recordCache?: AgencyRecordCacheSettings;
  /** Who may read the service's `/metrics`; unset: no `/metrics`. */
  metrics?: MetricsAccess;
  /**
   * The service's traces (OTEL_EXPORTER_OTLP_ENDPOINT); unset: off. runAgency also times the
   * agency system's statements with it (tracedDb).
   */
  tracing?: Tracing;
}

/** No cache: what the record cache is given when the runtime has none (its TTL is then 0, so it is never asked). */
const NO_CACHE: Cache = {
  kind: "memory",
  getMany: async (keys) => keys.map(() => undefined),
  setMany: async () => undefined,
  delete: async () => undefined,
  clear: async () => undefined,
  close: async () => undefined,
};

/** Builds an agency's server from its schema, port and context: each request's caller is the one the gateway vouched for. */
export function agencyServer<Ctx extends BaseContext & { requestId: string }, Src extends AgencyFeedSource>(
  options: AgencyServerOptions<Ctx, Src>,
): AgencyServer<Ctx, Src> {
  const { agency, schema, config, logger, runtime } = options;
  const source = cachedAgencySource(options.source, {
    agency,
    logger,
    methods: options.cachedMethods ?? {},
    cache: runtime?.recordCache?.cache ?? NO_CACHE,
    ttlSeconds: runtime?.recordCache ? runtime.recordCache.ttlSeconds : 0,
  });
  const context = (caller: Caller | null, requestId: string) => options.context({ source, logger, requestId, caller });
  return {
    schema,
    source,
    context: (caller, requestId = "in-process") => context(caller, requestId),
    async start(port, host) {
      // With records cached, the agency's own change log drops the changed ones: its horizon is
      // taken before the service listens, so nothing cached from then on is missed.
      const recordCache = runtime?.recordCache;
      const invalidator =
        options.changes && recordCache && recordCache.ttlSeconds > 0
          ? new RecordCacheInvalidator({
              agency,
              changes: options.changes,
              cache: source,
              intervalMs: recordCache.invalidateMs ?? DEFAULT_CACHE_INVALIDATE_MS,
              logger,
            })
          : null;
      await invalidator?.start();
      let running: RunningService;
      try {
        running = await startAgencyService<Ctx>(
          {
            agency,
            source,
            changes: options.changes,
            internalSecret: config.INTERNAL_TOKEN_SECRET,
            asOf: options.today ?? (() => config.REFERENCE_DATE ?? todayIso()),
            schema,
            logger,
            context: async (req, requestId) => context(callerOf(req), requestId),
            metrics: runtime?.metrics,
            tracing: runtime?.tracing,
          },
          port,
          host,
        );
      } catch (err) {
        await invalidator?.close();
        throw err;
      }
      return {
        url: running.url,
        port: running.port,
        async stop() {
          await invalidator?.close();
          await running.stop();
        },
      };
    },
  };
}
