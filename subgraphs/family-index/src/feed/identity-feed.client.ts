import {
  httpFetch,
  type HttpResponse,
  AGENCIES,
  Breaker,
  BreakerOpenError,
  createLogger,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_MAX_PAGE,
  IDENTITY_FEED_PATH,
  INVOLVEMENT_FEED_PATH,
  EVENT_FEED_PATH,
  signServiceToken,
  SPAN_ATTRIBUTES,
  tracedCall,
  TRACING_OFF,
  type Agency,
  type AgencyEvent,
  type IdentityFeedPage,
  type IdentityRecord,
  type IsoDate,
  type AgencyInvolvement,
  type BreakerState,
  type Logger,
  type Span,
  type Tracing,
} from "@ffd/shared";
import type { SourceRecord } from "../linkage/types";
import { countFeedFailure, feedOf } from "../metrics";
import { parseEventFeedAnswer, parseIdentityFeedPage, parseInvolvementFeedAnswer } from "./identity-feed.schema";

/** Why an agency's feed could not be read; the message names no person and no URL. */
export class FeedError extends Error {
  constructor(
    readonly agency: Agency,
    /**
     * breaker_open: not asked at all, the agency's feed timed out lately (see HttpFeedReader);
     * cursor_gone: the agency can no longer answer that change cursor (410), or refuses it (400:
     * a cursor of an earlier form): read the whole feed.
     */
    readonly reason: "unreachable" | "timeout" | "http" | "invalid" | "breaker_open" | "cursor_gone",
    readonly status?: number,
  ) {
    super(`identity feed of ${agency}: ${reason}${status ? ` (HTTP ${status})` : ""}`);
    this.name = "FeedError";
  }
}

/** One agency's whole identity feed, and where to read its changes from next. */
export interface FeedSnapshot {
  records: SourceRecord[];
  /** Opaque; null when the agency keeps no change log (then only whole reads see changes). */
  changeCursor: string | null;
}

/** What changed in one agency's feed since a change cursor. */
export interface FeedChanges {
  /** Records new or changed (their whole current values). */
  records: SourceRecord[];
  /** Local ids of records the agency no longer holds. */
  deleted: string[];
  /** Where to read the next changes from. */
  changeCursor: string;
}

/** Reads agencies' identity feeds: whole, or what changed since a change cursor. */
export interface FeedReader {
  /** The agency's whole feed (a read interrupted mid-way goes on from its last page next time). */
  readWhole(agency: Agency): Promise<FeedSnapshot>;
  /** What changed since `changeCursor`; FeedError "cursor_gone" when the agency cannot answer it or refuses it. */
  readChanges(agency: Agency, changeCursor: string): Promise<FeedChanges>;
}

/** Asks one agency's involvement feed about some of its local ids, live, for `Person.involvements`. */
export interface InvolvementReader {
  /** In the order of `localIds`, null for an id the agency does not hold; a FeedError when it cannot be asked. */
  involvements(agency: Agency, localIds: readonly string[]): Promise<(AgencyInvolvement | null)[]>;
}

/** Asks one agency's event feed for its events in a period, live, for the safeguarding list. */
export interface EventReader {
  /** The agency's events from `from` to `to` (both included), borough-wide; a FeedError when it cannot be asked. */
  events(agency: Agency, from: IsoDate, to: IsoDate): Promise<AgencyEvent[]>;
}

export interface HttpFeedReaderOptions {
  /** Agency subgraph base URLs (no trailing slash). */
  baseUrls: Readonly<Record<Agency, string>>;
  /** INTERNAL_TOKEN_SECRET: family-index signs its service token with it. */
  secret: string;
  /** Per page request. */
  timeoutMs: number;
  /** Per involvement feed call (during a request, so shorter); default `timeoutMs`. */
  involvementTimeoutMs?: number;
  pageSize?: number;
  /** Guard against a feed whose cursor never ends. */
  maxPages?: number;
  /**
   * How many times a page that failed (refused, 5xx, invalid) is asked again at once, from the
   * same cursor, before the read fails (default 2). A timeout is not asked again at once: the
   * breaker opens, and the next read goes on from that page.
   */
  pageRetries?: number;
  /** Pause before asking a failed page again (default 200 ms, doubling). */
  pageRetryMs?: number;
  /** How long an agency's feed breaker stays open after a timeout before one page request probes it. */
  breakerResetMs?: number;
  /** How long an agency's involvement breaker stays open after a timeout before one call probes it. */
  involvementBreakerResetMs?: number;
  /** Logs the feed breakers' state changes (default: silent). */
  logger?: Logger;
  /**
   * family-index's traces: an involvement or event feed call made for a traced request is a span
   * under it, its context sent on (the identity feed is read in the background: no span).
   */
  tracing?: Tracing;
}

/** Default INDEX_FEED_BREAKER_RESET_MS: two refresh intervals, so a stalled agency costs at most every other poll a timeout. */
export const DEFAULT_FEED_BREAKER_RESET_MS = 60_000;

/**
 * Default INVOLVEMENT_BREAKER_RESET_MS: short, as the gateway's subgraph breakers, because a
 * person's page asks again within seconds and an agency back from a stall should be shown soon.
 */
export const DEFAULT_INVOLVEMENT_BREAKER_RESET_MS = 10_000;

/** A failed feed request's error, counted (ffd_index_feed_failures_total) by agency, feed and reason. */
function failure(agency: Agency, url: URL, reason: FeedError["reason"], status?: number): FeedError {
  countFeedFailure(agency, feedOf(url.pathname), reason);
  return new FeedError(agency, reason, status);
}

/** Only a timeout counts against a feed: it is the failure that costs time. */
const isTimeoutError = (err: unknown) => err instanceof FeedError && err.reason === "timeout";

/**
 * Reads identity feeds over HTTP: GET <base>/internal/identity-feed?after=&limit= with a
 * family-index service token, page after page until nextCursor is null. Cursors are the
 * agency's, opaque here. Each page is validated and has its own timeout (a large agency is many
 * short waits, never one long one). A page that fails is asked again from the same cursor
 * (`pageRetries`); if it still fails the read fails (a half-read agency would be worse than a
 * missing one) but what was read is kept with its cursor, and the agency's next whole read goes
 * on from there instead of from the first page. A change read (readChanges) reads the records
 * changed since a change cursor the last read gave, and those deleted.
 *
 * Each agency's page requests go through a circuit breaker of its own, so that a stalled agency
 * (accepting connections, never answering) costs one timeout and not one per poll: after a page
 * times out, reads of that agency fail at once (FeedError "breaker_open") and the indexer keeps
 * its last records of it, until `breakerResetMs` has passed and one page request probes it
 * again. Refused connections, 5xx and invalid pages do not count: they come back at once, so
 * they cost nothing, and the indexer's own retries pace them; counting them would keep an agency
 * that is still starting out of the first index for a whole reset period.
 *
 * The same reader asks each agency's involvement feed (POST /internal/involvements) for
 * `Person.involvements`, with its own, shorter timeout (it is asked during a request) and a
 * breaker of its own per agency: an agency whose involvement feed has just timed out is not waited
 * on by the next person's page, and a slow answer to a person's page never stops the index
 * refresh reading that agency's identity feed (nor a stalled refresh the pages).
 */
export class HttpFeedReader implements FeedReader, InvolvementReader, EventReader {
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly pageRetries: number;
  private readonly pageRetryMs: number;
  /** Per agency: a whole read interrupted mid-way, to go on with from its cursor. */
  private readonly partial = new Map<
    Agency,
    { after: string | null; pages: number; records: SourceRecord[]; seen: Set<string> }
  >();
  /**
   * One copy of each care unit for every record that names it: a borough has a few hundred
   * units at most but a million records, each of which would otherwise keep its own string.
   */
  private readonly careUnits = new Map<string, string>();
  /** Per agency: the identity feed's breaker (the index refresh). */
  private readonly feedBreakers: ReadonlyMap<Agency, Breaker>;
  /** Per agency: the involvement feed's breaker (asked during requests). */
  private readonly involvementBreakers: ReadonlyMap<Agency, Breaker>;

  constructor(private readonly options: HttpFeedReaderOptions) {
    this.pageSize = Math.min(options.pageSize ?? IDENTITY_FEED_MAX_PAGE, IDENTITY_FEED_MAX_PAGE);
    this.maxPages = options.maxPages ?? 10_000;
    this.pageRetries = options.pageRetries ?? 2;
    this.pageRetryMs = options.pageRetryMs ?? 200;
    const logger = options.logger ?? createLogger("family-index", "silent");
    const breakers = (resetMs: number, event: string) =>
      new Map(
        AGENCIES.map((agency) => [
          agency,
          new Breaker({
            failuresToOpen: 1,
            resetMs,
            fields: { agency },
            event,
            logger,
            counts: isTimeoutError,
            opensAtOnce: isTimeoutError,
          }),
        ]),
      );
    this.feedBreakers = breakers(options.breakerResetMs ?? DEFAULT_FEED_BREAKER_RESET_MS, "index.feed_breaker");
    this.involvementBreakers = breakers(
      options.involvementBreakerResetMs ?? DEFAULT_INVOLVEMENT_BREAKER_RESET_MS,
      "index.involvement_breaker",
    );
  }

  /** Each agency identity feed's breaker state. */
  breakerStates(): Record<Agency, BreakerState> {
    return statesOf(this.feedBreakers);
  }

  /** Each agency involvement feed's breaker state. */
  involvementBreakerStates(): Record<Agency, BreakerState> {
    return statesOf(this.involvementBreakers);
  }

  /** Stops the breakers' timers. */
  close(): void {
    for (const breaker of [...this.feedBreakers.values(), ...this.involvementBreakers.values()]) breaker.shutdown();
  }

  async readWhole(agency: Agency): Promise<FeedSnapshot> {
    const fresh = () => ({ after: null, pages: 0, records: [], seen: new Set<string>() });
    let progress = this.partial.get(agency) ?? fresh();
    this.partial.set(agency, progress);
    let restarted = false;
    while (progress.pages < this.maxPages) {
      let body: IdentityFeedPage;
      try {
        body = await this.pageWithRetries(agency, progress.after);
      } catch (err) {
        const gone = err instanceof FeedError && err.reason === "cursor_gone";
        // A refused cursor or token is not worth going on from: the next read starts afresh.
        if (gone || (err instanceof FeedError && err.reason === "http" && (err.status ?? 500) < 500))
          this.partial.delete(agency);
        // The page cursor of a read interrupted earlier is gone (the agency's database generated
        // again meanwhile): read again from the first page, once.
        if (gone && progress.after !== null && !restarted) {
          restarted = true;
          progress = fresh();
          this.partial.set(agency, progress);
          continue;
        }
        throw err;
      }
      for (const r of body.records) {
        if (progress.seen.has(r.localId)) continue;
        progress.seen.add(r.localId);
        progress.records.push(this.sourceRecord(agency, r));
      }
      progress.pages++;
      if (body.nextCursor === null) {
        this.partial.delete(agency);
        return { records: progress.records, changeCursor: body.changeCursor ?? null };
      }
      if (body.nextCursor === progress.after) break;
      progress.after = body.nextCursor;
    }
    this.partial.delete(agency);
    throw new FeedError(agency, "invalid");
  }

  /** The agency's whole feed, records only. */
  async read(agency: Agency): Promise<SourceRecord[]> {
    return (await this.readWhole(agency)).records;
  }

  async readChanges(agency: Agency, changeCursor: string): Promise<FeedChanges> {
    const records = new Map<string, SourceRecord>();
    const deleted = new Set<string>();
    let after = changeCursor;
    for (let page = 0; page < this.maxPages; page++) {
      let body: IdentityFeedPage;
      try {
        body = await this.pageWithRetries(agency, after);
      } catch (err) {
        // A change cursor the agency refuses (400: one it no longer reads, as after an upgrade
        // changed their form) is as good as gone: read the agency whole, rather than fail every poll.
        if (err instanceof FeedError && err.reason === "http" && err.status === 400)
          throw new FeedError(agency, "cursor_gone", 400);
        throw err;
      }
      // Later pages are later changes: the last word on a record wins.
      for (const r of body.records) {
        deleted.delete(r.localId);
        records.set(r.localId, this.sourceRecord(agency, r));
      }
      for (const id of body.deleted ?? []) {
        records.delete(id);
        deleted.add(id);
      }
      if (body.nextCursor === null) {
        if (!body.changeCursor) throw new FeedError(agency, "invalid");
        return { records: [...records.values()], deleted: [...deleted], changeCursor: body.changeCursor };
      }
      if (body.nextCursor === after) throw new FeedError(agency, "invalid");
      after = body.nextCursor;
    }
    throw new FeedError(agency, "invalid");
  }

  /** Where an agency's interrupted whole read goes on from (null: from the start), for tests and logs. */
  resumesFrom(agency: Agency): { pages: number; records: number } | null {
    const p = this.partial.get(agency);
    return p ? { pages: p.pages, records: p.records.length } : null;
  }

  private sourceRecord(agency: Agency, r: IdentityRecord): SourceRecord {
    return { ...r, careUnit: this.careUnit(r.careUnit), agency };
  }

  /** One page, asked again from the same cursor after a failure that came back at once. */
  private async pageWithRetries(agency: Agency, after: string | null): Promise<IdentityFeedPage> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pageThroughBreaker(agency, after);
      } catch (err) {
        const again =
          err instanceof FeedError &&
          (err.reason === "unreachable" ||
            err.reason === "invalid" ||
            (err.reason === "http" && (err.status ?? 0) >= 500));
        if (!again || attempt >= this.pageRetries) throw err;
        await new Promise((resolve) => setTimeout(resolve, this.pageRetryMs * 2 ** attempt));
      }
    }
  }

  /** The shared copy of a care unit (null when the record names none). */
  private careUnit(unit: string | null | undefined): string | null {
    if (!unit) return null;
    const shared = this.careUnits.get(unit);
    if (shared !== undefined) return shared;
    this.careUnits.set(unit, unit);
    return unit;
  }

  async involvements(agency: Agency, localIds: readonly string[]): Promise<(AgencyInvolvement | null)[]> {
    if (localIds.length === 0) return [];
    const url = new URL(this.options.baseUrls[agency] + INVOLVEMENT_FEED_PATH);
    const answer = await this.tracedFeedCall(agency, "involvements", (headers, span) =>
      this.throughBreaker(this.involvementBreakers, agency, () =>
        this.request(
          agency,
          url,
          { method: "POST", body: JSON.stringify({ localIds }), headers },
          parseInvolvementFeedAnswer,
          this.options.involvementTimeoutMs ?? this.options.timeoutMs,
          span,
        ),
      ),
    );
    if (answer.involvements.length !== localIds.length) throw new FeedError(agency, "invalid");
    return answer.involvements;
  }

  /**
   * One call to the agency's event feed (during a request, like the involvement feed): its
   * timeout, through the agency's involvement breaker.
   */
  async events(agency: Agency, from: IsoDate, to: IsoDate): Promise<AgencyEvent[]> {
    const url = new URL(this.options.baseUrls[agency] + EVENT_FEED_PATH);
    const answer = await this.tracedFeedCall(agency, "events", (headers, span) =>
      this.throughBreaker(this.involvementBreakers, agency, () =>
        this.request(
          agency,
          url,
          { method: "POST", body: JSON.stringify({ from, to }), headers },
          parseEventFeedAnswer,
          this.options.involvementTimeoutMs ?? this.options.timeoutMs,
          span,
        ),
      ),
    );
    return answer.events;
  }

  /** A feed call made for a request, as a span named after the feed and the agency (nothing of what is asked). */
  private tracedFeedCall<T>(
    agency: Agency,
    feed: "involvements" | "events",
    call: (headers: Record<string, string>, span: Span | undefined) => Promise<T>,
  ): Promise<T> {
    return tracedCall(
      this.options.tracing ?? TRACING_OFF,
      `${feed} ${agency}`,
      { [SPAN_ATTRIBUTES.agency]: agency, [SPAN_ATTRIBUTES.feed]: feed },
      call,
    );
  }

  private pageThroughBreaker(agency: Agency, after: string | null) {
    const url = new URL(this.options.baseUrls[agency] + IDENTITY_FEED_PATH);
    url.searchParams.set("limit", String(this.pageSize));
    if (after !== null) url.searchParams.set("after", after);
    return this.throughBreaker(this.feedBreakers, agency, () =>
      this.request(agency, url, { method: "GET" }, parseIdentityFeedPage, this.options.timeoutMs),
    );
  }

  private async throughBreaker<T>(
    breakers: ReadonlyMap<Agency, Breaker>,
    agency: Agency,
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return (await breakers.get(agency)!.run(call)) as T;
    } catch (err) {
      if (err instanceof BreakerOpenError) throw new FeedError(agency, "breaker_open");
      throw err;
    }
  }

  /**
   * One call to an agency's internal feed with a fresh family-index token, its answer parsed by
   * `parse`; a failure is counted (ffd_index_feed_failures_total) and thrown as a FeedError.
   */
  private async request<T>(
    agency: Agency,
    url: URL,
    init: { method: "GET" | "POST"; body?: string; headers?: Record<string, string> },
    parse: (json: unknown) => T,
    timeoutMs: number,
    span?: Span,
  ): Promise<T> {
    // A fresh short-lived token per call: a long read never outlives its token.
    const token = await signServiceToken(this.options.secret, "family-index", IDENTITY_FEED_AUDIENCE);
    let response: HttpResponse;
    try {
      response = await httpFetch(
        url,
        {
          method: init.method,
          body: init.body,
          headers: {
            ...init.headers,
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          },
        },
        timeoutMs,
      );
    } catch (err) {
      const name = (err as { name?: string }).name;
      throw failure(agency, url, name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    }
    span?.setAttribute(SPAN_ATTRIBUTES.httpStatus, response.status);
    if (!response.ok) {
      response.body.resume();
      if (response.status === 410) throw failure(agency, url, "cursor_gone", 410);
      throw failure(agency, url, "http", response.status);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (err) {
      const name = (err as { name?: string }).name;
      throw failure(agency, url, name === "TimeoutError" || name === "AbortError" ? "timeout" : "invalid");
    }
    try {
      return parse(json);
    } catch {
      throw failure(agency, url, "invalid");
    }
  }
}

function statesOf(breakers: ReadonlyMap<Agency, Breaker>): Record<Agency, BreakerState> {
  return Object.fromEntries([...breakers].map(([a, b]) => [a, b.state()])) as Record<Agency, BreakerState>;
}
