import type { Agency } from "../errors";
import { errorFields, type Logger } from "../log";
import type { IdentityChangeLog } from "./identity-changes";
import type { RecordInvalidation } from "./record-cache";

/** How often an agency reads its own change log to drop changed records (AGENCY_CACHE_INVALIDATE_MS). */
export const DEFAULT_CACHE_INVALIDATE_MS = 1000;

/** Changes read per query, and at most so many queries per poll: a burst of changes is spread over polls. */
const PAGE = 1000;
const PAGES_PER_POLL = 20;

export interface RecordCacheInvalidatorOptions {
  agency: Agency;
  /** The agency's change log (the same one its identity feed answers change cursors from). */
  changes: IdentityChangeLog;
  /** The record cache in front of the agency's port. */
  cache: RecordInvalidation;
  /** How long from the end of one poll to the start of the next. */
  intervalMs: number;
  logger: Logger;
}

/** The cache could not be reached (the record cache has logged it): the same changes are read again next poll. */
class CacheNotReached extends Error {
  constructor() {
    super("the record cache could not be reached");
    this.name = "CacheNotReached";
  }
}

/**
 * THE RECORD CACHE'S INVALIDATION: an agency process reads its own change log (the table the
 * identity feed's change cursors read, whose triggers also cover every table a cached record
 * reads) and drops the cached records of the local ids it names, so that a change shows within
 * one interval rather than after the record cache's TTL.
 *
 * - The first poll (at start, before the service listens) takes the log's horizon; each later one
 *   reads the changes from there to the horizon now (none when the horizon has not moved: an idle
 *   poll is one query), a page at a time (at most PAGES_PER_POLL
 *   pages, the rest next time), and calls `invalidate` for their ids. Only when the cache took the
 *   drop does the position move on: a cache that could not be reached is asked again next poll.
 * - Each poll's ids are dropped once more by the next: a request that read a record just before
 *   its change committed, and wrote that old answer to the cache after the first drop, is dropped
 *   too (unless it took longer than an interval).
 * - Polls never overlap: the next is timed from the end of the last, so a slow database costs
 *   one waiting poll, never a pile of them; every wait is the database's and the cache's own
 *   bounded one.
 * - Another log than the one it read (the database generated again, or another restored in its
 *   place), or a horizon behind its position (restored from a backup): every record the agency
 *   cached is dropped (`clear`) and it starts again from the new horizon.
 * - A failure is logged once per outage (`cache.invalidation_failed`, its name and code, never
 *   an id) and `cache.invalidation_resumed` when a poll succeeds again; a database without a
 *   change log once (`cache.invalidation_off`): its records then live for the TTL.
 */
export class RecordCacheInvalidator {
  private position: { log: string; since: string; until: string | null; after: string | null } | null = null;
  /** The ids the last poll dropped, dropped once more by the next. */
  private lastIds: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failing = false;
  private noLog = false;

  constructor(private readonly options: RecordCacheInvalidatorOptions) {
    if (!Number.isInteger(options.intervalMs) || options.intervalMs < 1)
      throw new RangeError("the invalidation interval must be a whole number of milliseconds, at least 1");
  }

  /** Takes the log's horizon now (the first poll), then polls every interval until `close`. */
  async start(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  /** One poll now (or the one under way): what `start`'s timer runs; tests call it directly. */
  poll(): Promise<void> {
    this.running ??= this.pollOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops polling and waits for a poll under way. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll().then(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    const { agency, logger } = this.options;
    try {
      await this.read();
      if (this.failing) logger.info("cache.invalidation_resumed", { agency });
      this.failing = false;
    } catch (err) {
      if (!this.failing) logger.warn("cache.invalidation_failed", { agency, ...errorFields(err) });
      this.failing = true;
    }
  }

  private async read(): Promise<void> {
    const { agency, changes, cache, logger } = this.options;
    const now = await changes.position();
    if (now === null) {
      if (!this.noLog) logger.warn("cache.invalidation_off", { agency, reason: "no_change_log" });
      this.noLog = true;
      this.position = null;
      return;
    }
    if (this.noLog) logger.info("cache.invalidation_on", { agency });
    this.noLog = false;
    const from = this.position;
    if (from === null) {
      this.position = { log: now.log, since: now.horizon, until: null, after: null };
      return;
    }
    if (from.log !== now.log || BigInt(now.horizon) < BigInt(from.until ?? from.since)) {
      if (!(await cache.clear())) throw new CacheNotReached();
      logger.info("cache.cleared", { agency, reason: from.log !== now.log ? "another_change_log" : "log_behind" });
      this.position = { log: now.log, since: now.horizon, until: null, after: null };
      this.lastIds = [];
      return;
    }
    const until = from.until ?? now.horizon;
    // No transaction has ended since the last poll (the horizon has not moved): nothing to read.
    if (until === from.since && this.lastIds.length === 0) return;
    let after = from.after;
    const ids = new Set<string>();
    let done = false;
    for (let page = 0; page < PAGES_PER_POLL && !done; page++) {
      const changed = await changes.changes(from.since, until, after, PAGE);
      for (const c of changed) ids.add(c.localId);
      if (changed.length > 0) after = changed[changed.length - 1].key;
      done = changed.length < PAGE;
    }
    const drop = [...new Set([...this.lastIds, ...ids])];
    if (drop.length > 0 && !(await cache.invalidate(drop))) throw new CacheNotReached();
    this.lastIds = [...ids];
    this.position = done
      ? { log: from.log, since: until, until: null, after: null }
      : { log: from.log, since: from.since, until, after };
  }
}
