import { AGENCIES, errorFields, type Agency, type IsoDate, type Logger } from "@ffd/shared";
import { FeedError, type FeedReader } from "../feed/identity-feed.client";
import { buildLinkedIndex } from "../linkage/build";
import type { LinkageRule } from "../linkage/rules";
import type { SourceRecord } from "../linkage/types";
import { SearchIndex } from "../search/search-index";
import type { LinkStore } from "../store/link-store.port";

/** The index readers use: one build (generation) of the store plus its search indexes. */
export interface IndexSnapshot {
  readonly buildId: number;
  readonly builtAt: Date;
  /** Agencies whose records are in this build. */
  readonly agencies: readonly Agency[];
  /** Agencies that could not be read: their records are not linked yet. */
  readonly missing: readonly Agency[];
  readonly search: SearchIndex;
  readonly counts: { readonly records: number; readonly persons: number; readonly families: number };
}

export interface IndexerOptions {
  store: LinkStore;
  reader: FeedReader;
  logger: Logger;
  referenceDate: IsoDate;
  /** How long start() waits for every agency before building with those that answered. */
  agencyWaitMs: number;
  /** How often an agency still missing after the wait is tried again. */
  refreshIntervalMs: number;
  agencies?: readonly Agency[];
  rules?: readonly LinkageRule[];
}

/** Backoff while waiting at startup: 250 ms doubling, at most 2 s between tries. */
const FIRST_RETRY_MS = 250;
const MAX_STARTUP_RETRY_MS = 2_000;

/**
 * Builds and keeps the family index: reads every agency's identity feed, links, writes a new
 * store generation, then swaps the in-memory snapshot, so readers see the old index or the
 * new one, never half of one. Builds run one at a time.
 *
 * Startup (start()): agencies start at the same time as family-index, so each feed is tried
 * with backoff; the first index is built once every agency has been read, or after
 * agencyWaitMs with those that answered (each missing agency is logged). Missing agencies keep
 * being tried every refreshIntervalMs, and the index is rebuilt when one answers. Nothing here
 * throws out of the background: failures are logged and retried.
 */
export class Indexer {
  private snapshot: IndexSnapshot | null = null;
  private readonly latest = new Map<Agency, SourceRecord[]>();
  private readonly agencies: readonly Agency[];
  private readonly retrying = new Set<Agency>();
  private readonly sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private started = false;
  private startupOver = false;
  private stopped = false;
  private deadline = 0;

  constructor(private readonly options: IndexerOptions) {
    this.agencies = options.agencies ?? AGENCIES;
  }

  /** The current index, or null before the first build. */
  current(): IndexSnapshot | null {
    return this.snapshot;
  }

  isReady(): boolean {
    return this.snapshot !== null;
  }

  /** Agencies never read successfully so far. */
  missing(): Agency[] {
    return this.agencies.filter((a) => !this.latest.has(a));
  }

  /**
   * Reads the feeds (retrying) and builds the first index. Resolves once it is built, or once
   * the wait is over with no agency answering (then not ready; retries go on in the background).
   */
  async start(): Promise<void> {
    if (this.started) throw new Error("indexer already started");
    this.started = true;
    const { logger, agencyWaitMs } = this.options;
    const startedAt = Date.now();
    this.deadline = startedAt + agencyWaitMs;
    logger.info("index.starting", { agencies: this.agencies, waitMs: agencyWaitMs });
    const allRead = Promise.all(this.agencies.map((a) => this.keepTrying(a)));
    await Promise.race([allRead, this.sleep(agencyWaitMs)]);
    if (this.stopped) return;
    this.startupOver = true;
    for (const agency of this.missing()) {
      logger.warn("index.agency_missing", {
        agency,
        waitedMs: Date.now() - startedAt,
        retryEveryMs: this.options.refreshIntervalMs,
      });
    }
    await this.rebuild("startup");
  }

  /**
   * Reads every agency once now and rebuilds. An agency that fails keeps its last records
   * (if it was ever read). Resolves with the new snapshot (or the old one if the build failed).
   */
  async refresh(): Promise<IndexSnapshot | null> {
    await Promise.all(
      this.agencies.map(async (agency) => {
        try {
          await this.readAgency(agency);
        } catch (err) {
          this.logReadFailure(agency, err, this.latest.has(agency) ? "keeping_last_read" : "missing");
          if (this.started && !this.latest.has(agency)) void this.keepTrying(agency);
        }
      }),
    );
    return this.rebuild("refresh");
  }

  /** Stops background retries; waits for a build in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.sleeps) {
      clearTimeout(s.timer);
      s.resolve();
    }
    this.sleeps.clear();
    await this.queue.catch(() => undefined);
  }

  private async readAgency(agency: Agency): Promise<void> {
    const started = Date.now();
    const records = await this.options.reader.read(agency);
    this.latest.set(agency, records);
    this.options.logger.info("index.agency_read", { agency, records: records.length, ms: Date.now() - started });
  }

  /** Tries an agency until it has been read (or the indexer stops); rebuilds if that is after startup. */
  private async keepTrying(agency: Agency): Promise<void> {
    if (this.retrying.has(agency)) return;
    this.retrying.add(agency);
    try {
      for (let attempt = 0; !this.stopped && !this.latest.has(agency); attempt++) {
        try {
          await this.readAgency(agency);
          if (this.startupOver && !this.stopped) {
            this.options.logger.info("index.agency_returned", { agency });
            void this.rebuild("agency_returned");
          }
          return;
        } catch (err) {
          const waiting = Date.now() < this.deadline;
          if (attempt === 0 || !waiting)
            this.logReadFailure(agency, err, waiting ? "retrying" : "retrying_in_background");
          await this.sleep(
            waiting ? Math.min(FIRST_RETRY_MS * 2 ** attempt, MAX_STARTUP_RETRY_MS) : this.options.refreshIntervalMs,
          );
        }
      }
    } finally {
      this.retrying.delete(agency);
    }
  }

  private logReadFailure(agency: Agency, err: unknown, then: string): void {
    if (err instanceof FeedError) {
      this.options.logger.warn("index.agency_unavailable", { agency, reason: err.reason, status: err.status, then });
    } else {
      this.options.logger.warn("index.agency_unavailable", { agency, then, ...errorFields(err) });
    }
  }

  /** Queues a build; builds never overlap. */
  private rebuild(reason: string): Promise<IndexSnapshot | null> {
    const next = this.queue.then(() => this.build(reason));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async build(reason: string): Promise<IndexSnapshot | null> {
    const { logger, store } = this.options;
    if (this.stopped) return this.snapshot;
    const agencies = this.agencies.filter((a) => this.latest.has(a));
    const missing = this.missing();
    if (!agencies.length) {
      logger.warn("index.no_agency_read", { reason, missing });
      return this.snapshot;
    }
    const startedAt = new Date();
    try {
      const decisions = await store.reviewDecisions();
      const sources = agencies.flatMap((a) => this.latest.get(a)!);
      const { index, refusedLinks } = buildLinkedIndex(sources, {
        referenceDate: this.options.referenceDate,
        rules: this.options.rules,
        decisions,
      });
      const buildId = await store.writeBuild(index, { agencies, missing, startedAt });
      const search = new SearchIndex(index);
      const wasReady = this.snapshot !== null;
      this.snapshot = Object.freeze({
        buildId,
        builtAt: new Date(),
        agencies,
        missing,
        search,
        counts: { records: index.records.length, persons: index.persons.length, families: index.families.length },
      });
      const fields = {
        reason,
        buildId,
        agencies,
        missing,
        records: index.records.length,
        persons: index.persons.length,
        families: index.families.length,
        reviewDecisions: decisions.length,
        refusedLinks,
        ms: Date.now() - startedAt.getTime(),
      };
      logger.info("index.built", fields);
      if (!wasReady) logger.info("index.ready", { buildId, agencies, missing, complete: missing.length === 0 });
      if (missing.length) logger.warn("index.incomplete", { buildId, missing });
      return this.snapshot;
    } catch (err) {
      logger.error("index.build_failed", { reason, ...errorFields(err) });
      if (!this.snapshot && this.started && !this.stopped) {
        void this.sleep(this.options.refreshIntervalMs).then(() =>
          this.stopped ? null : this.rebuild("retry_after_failure"),
        );
      }
      return this.snapshot;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.sleeps.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      entry.timer.unref();
      this.sleeps.add(entry);
    });
  }
}
