import { AGENCIES, errorFields, type Agency, type IsoDate, type Logger } from "@ffd/shared";
import { FeedError, type FeedReader } from "../feed/identity-feed.client";
import { buildLinkedIndex } from "../linkage/build";
import { buildFamilies } from "../linkage/families";
import type { MatchModel } from "../linkage/model";
import type { LinkageRule } from "../linkage/rules";
import {
  recordKey,
  type LinkedFamily,
  type LinkedIndex,
  type RecordKey,
  type ReviewDecision,
  type SourceRecord,
} from "../linkage/types";
import type { IndexChanges } from "../store/link-store.port";
import { recordIndex } from "../metrics";
import { SearchIndex } from "../search/search-index";
import type { LinkStore } from "../store/link-store.port";
import { candidateId } from "./candidates";
import { CareUnitIndex } from "./care-units";
import {
  advanceState,
  diffKeys,
  diffSources,
  relink,
  stateOf,
  type LinkState,
  type ReviewCandidate,
} from "./incremental";
import { linkageFingerprint, type ResumePoint, type StoredGeneration } from "./resume";

/** A candidate pair as readers see it: with its id, and only while no decision is in force for it. */
export interface IndexedCandidate extends ReviewCandidate {
  id: string;
}

/** How the indexer links: the whole index plus the pairs left for review. */
export type IndexLinker = (
  sources: readonly SourceRecord[],
  options: {
    referenceDate: IsoDate;
    rules?: readonly LinkageRule[];
    decisions: readonly ReviewDecision[];
    /** Fellegi-Sunter scoring after the rules (default on). */
    probabilistic?: boolean;
    /** Score with this model instead of estimating one (incremental updates reuse the last full build's). */
    model?: MatchModel | null;
  },
) => { index: LinkedIndex; refusedLinks: number; candidates: readonly ReviewCandidate[]; model: MatchModel | null };

type RawCandidate = { a: RecordKey; b: RecordKey; probability: number; evidence: readonly RawEvidence[] };
type RawEvidence = { field: string; level: string | null; weight?: number | null };

/** The linkage module's build, with its review candidates when it gives them. */
export const defaultLinker: IndexLinker = (sources, options) => {
  const probabilistic = options.probabilistic === false ? false : options.model ? { model: options.model } : true;
  const result = buildLinkedIndex(sources, { ...options, probabilistic }) as ReturnType<typeof buildLinkedIndex> & {
    candidates?: readonly RawCandidate[];
    linkage?: { candidates?: readonly RawCandidate[]; model?: MatchModel | null };
  };
  const raw = result.candidates ?? result.linkage?.candidates ?? [];
  const candidates = raw.map((c): ReviewCandidate => ({
    a: c.a,
    b: c.b,
    probability: c.probability,
    evidence: c.evidence.map((e) => ({ field: e.field, level: e.level ?? "missing", weight: e.weight ?? null })),
  }));
  return { index: result.index, refusedLinks: result.refusedLinks, candidates, model: result.linkage?.model ?? null };
};

/** Families (and people's family ids) that differ between a stored generation and `index`, as changes to write. */
function familiesChanged(stored: StoredGeneration, index: LinkedIndex): IndexChanges {
  const canonical = (f: LinkedFamily) =>
    JSON.stringify([f.anchorPersonId, [...f.members].sort((x, y) => (x.personId < y.personId ? -1 : 1))]);
  const before = new Map(stored.families.map((f) => [f.id, canonical(f)]));
  const families = new Set<string>();
  for (const f of index.families) if (before.get(f.id) !== canonical(f)) families.add(f.id);
  const now = new Set(index.families.map((f) => f.id));
  for (const id of before.keys()) if (!now.has(id)) families.add(id);
  const familyBefore = new Map(stored.persons.map((p) => [p.id, p.familyId]));
  const persons = new Set(index.persons.filter((p) => familyBefore.get(p.id) !== p.familyId).map((p) => p.id));
  return { records: new Set(), persons, families };
}

/** What an update did, for logs and tests. */
export interface UpdateStats {
  kind: "full" | "incremental" | "none";
  /** Records new, changed or gone since the last build (or named by a decision). */
  changedRecords: number;
  /** Records given to the linker. */
  relinkedRecords: number;
  totalRecords: number;
}

/** The index readers use: one build (generation) of the store plus its search indexes. */
export interface IndexSnapshot {
  readonly buildId: number;
  readonly builtAt: Date;
  /** Agencies whose records are in this build. */
  readonly agencies: readonly Agency[];
  /** Agencies that could not be read: their records are not linked yet. */
  readonly missing: readonly Agency[];
  readonly search: SearchIndex;
  /**
   * The match model search scores with: the last full build's (incremental updates reuse it),
   * or priorModel() when the linker gave none (deterministic linkage only).
   */
  readonly model: MatchModel;
  /** Undecided pairs for human review, most probable first. */
  readonly candidates: readonly IndexedCandidate[];
  /** The record key -> person id of this build (for review and search). */
  readonly personOf: ReadonlyMap<RecordKey, string>;
  /** The care units holding a record of each family, for legitimate relationships. */
  readonly careUnits: CareUnitIndex;
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
  /** How records are linked; default the linkage module's build (tests may wrap it). */
  linker?: IndexLinker;
  /** Poll every agency for changes every refreshIntervalMs once built (default true). */
  poll?: boolean;
  /**
   * Start from the link store's current generation when it can be (see resume.ts), reading only
   * what changed since it was written (default true); otherwise every agency is read whole and linked.
   */
  resume?: boolean;
}

/** Backoff for an agency not read yet: 250 ms doubling, at most 2 s between tries. */
const FIRST_RETRY_MS = 250;
const MAX_STARTUP_RETRY_MS = 2_000;
/**
 * How long after the start an agency never read is retried with that backoff (then every
 * refreshIntervalMs): agencies seeding a large borough take minutes, and each should be read as
 * soon as it answers, not up to a refresh interval later.
 */
const QUICK_RETRY_WINDOW_MS = 10 * 60_000;

/**
 * Builds and keeps the family index: reads every agency's identity feed, links, writes a new
 * store generation, then swaps the in-memory snapshot, so readers see the old index or the
 * new one, never half of one. Builds run one at a time.
 *
 * Startup (start()): agencies start at the same time as family-index, so each feed is tried
 * with backoff; the first index is built once every agency has been read, or after
 * agencyWaitMs with those that answered (each missing agency is logged). Missing agencies keep
 * being tried (every 2 s at most for the first ten minutes after the start, then every
 * refreshIntervalMs; a failure logged at most once a refresh interval), and the index is rebuilt
 * when one answers (agencies answering during a build share the next one). Nothing here throws
 * out of the background: failures are logged and retried.
 */
export class Indexer {
  private snapshot: IndexSnapshot | null = null;
  /** Per agency: its records as last read, by local id. */
  private readonly latest = new Map<Agency, Map<string, SourceRecord>>();
  /** Per agency keeping a change log: where to read its next changes from. */
  private readonly changeCursors = new Map<Agency, string>();
  /** Records a change read named since the last update (new, changed or gone). */
  private readonly dirty = new Set<RecordKey>();
  /** Agencies read whole since the last update: their records are compared with the last state. */
  private readonly readWhole = new Set<Agency>();
  private readonly agencies: readonly Agency[];
  private readonly retrying = new Set<Agency>();
  private readonly sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Identity feed reads in flight, and who waits for none to be. */
  private readsInFlight = 0;
  private readsSettledWaiters: (() => void)[] = [];
  /** A build queued and not started yet (shared by whoever asks for one meanwhile). */
  private queuedBuild: Promise<IndexSnapshot | null> | null = null;
  private started = false;
  private startupOver = false;
  private stopped = false;
  private deadline = 0;
  private startedAt = 0;
  private state: LinkState | null = null;
  /** The match model of the last full build: incremental updates and search score with it. */
  private model: MatchModel | null = null;
  /**
   * The last review decision the current index was linked with: an update links the records of any
   * decision recorded after it (applyDecisions names them too, but a generation written before that
   * update runs must not say they were linked).
   */
  private decisionsUpTo = 0;
  /** The build id and change cursors last written by rememberCursors (JSON), so the same are not written again. */
  private cursorsKept: string | null = null;
  /** What the last build or update did. */
  lastUpdate: UpdateStats | null = null;

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
    this.startedAt = startedAt;
    this.deadline = startedAt + agencyWaitMs;
    // On the queue: stop() waits for a resume in progress as for a build.
    const resuming = this.options.resume === false ? null : this.queue.then(() => this.resumeFromStore());
    if (resuming) this.queue = resuming.catch(() => undefined);
    const resumed = await resuming;
    if (this.stopped) return;
    if (resumed) {
      this.startupOver = true;
      for (const agency of this.missing()) void this.keepTrying(agency);
      await this.catchUp();
      if (this.options.poll !== false) void this.pollForever();
      return;
    }
    logger.info("index.starting", { agencies: this.agencies, waitMs: agencyWaitMs });
    const allRead = Promise.all(this.agencies.map((a) => this.keepTrying(a)));
    await Promise.race([allRead, this.sleep(agencyWaitMs)]);
    if (this.stopped) return;
    this.startupOver = true;
    for (const agency of this.missing()) {
      logger.warn("index.agency_missing", {
        agency,
        waitedMs: Date.now() - startedAt,
        retryEveryMs: MAX_STARTUP_RETRY_MS,
        thenEveryMs: this.options.refreshIntervalMs,
        afterMs: QUICK_RETRY_WINDOW_MS,
      });
    }
    await this.rebuild("startup");
    if (this.options.poll !== false) void this.pollForever();
  }

  /**
   * Takes the link store's current generation as the index, with the records, change cursors,
   * model and candidates kept with it: ready at once, without reading or linking. Null (and a log
   * line saying why) when there is none to resume from: nothing stored yet, a store from before
   * resume points, a generation linked another way (reference date, rules, linkage version) or
   * of an agency no longer configured, or one that cannot be read.
   */
  private async resumeFromStore(): Promise<boolean> {
    const { logger, store, referenceDate } = this.options;
    const startedAt = new Date();
    const skip = (reason: string, fields: Record<string, unknown> = {}) => {
      logger.info("index.resume_skipped", { reason, then: "read_and_link_all", ...fields });
      return false;
    };
    let stored;
    try {
      stored = await store.loadGeneration();
    } catch (err) {
      logger.warn("index.resume_failed", { then: "read_and_link_all", ...errorFields(err) });
      return false;
    }
    if (this.stopped) return false;
    if (!stored) return skip("nothing_to_resume");
    const loadMs = Date.now() - startedAt.getTime();
    if (stored.point.fingerprint !== this.fingerprint()) return skip("linked_differently", { buildId: stored.buildId });
    const unknown = stored.agencies.filter((a) => !this.agencies.includes(a));
    if (unknown.length || !stored.agencies.length)
      return skip("agencies_changed", { buildId: stored.buildId, unknown });

    try {
      for (const agency of stored.agencies) this.latest.set(agency, new Map());
      for (const s of stored.sources) this.latest.get(s.agency)?.set(s.localId, s);
      for (const agency of stored.agencies) {
        const cursor = stored.point.changeCursors[agency];
        if (cursor !== undefined) this.changeCursors.set(agency, cursor);
      }
      // Families are worked out again from the records (no scoring: cheap), as an update does.
      const personOf = new Map(stored.records.map((r) => [recordKey(r.agency, r.localId), r.personId]));
      const { families, familyOf } = buildFamilies(
        stored.sources,
        personOf,
        new Map(stored.persons.map((p) => [p.id, p.dateOfBirth])),
        referenceDate,
      );
      const persons = stored.persons
        .map((p) => ({ ...p, familyId: familyOf.get(p.id) ?? null }))
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const index: LinkedIndex = { records: stored.records, persons, families };
      const candidates = stored.point.candidates;
      const familiesMs = Date.now() - startedAt.getTime() - loadMs;
      const state = stateOf(stored.sources, index, candidates);
      const decisions = await store.reviewDecisions();
      // Families as worked out for today's reference date: a member come of age since the generation
      // was written is no longer a CHILD. Those that differ from the stored rows are written first.
      const changed = familiesChanged(stored, index);
      let buildId = stored.buildId;
      if (changed.families.size || changed.persons.size) {
        buildId = await store.writeChanges(stored.buildId, index, changed, {
          agencies: stored.agencies,
          missing: this.missing(),
          startedAt,
          resume: { point: stored.point, sourceOf: (k) => state.sources.get(k) },
        });
      }
      this.state = state;
      this.model = stored.point.model;
      // Decisions recorded after the generation was written (the process stopped before linking
      // them) are linked by the catch-up's update.
      this.decisionsUpTo = stored.point.decisionsUpTo;
      const missing = this.missing();
      const swapStarted = Date.now();
      this.swap(buildId, stored.agencies, missing, index, candidates, decisions, "resume", startedAt);
      logger.info("index.resumed", {
        buildId,
        fromBuildId: stored.buildId,
        familiesRewritten: changed.families.size,
        agencies: stored.agencies,
        missing,
        records: index.records.length,
        persons: index.persons.length,
        families: index.families.length,
        candidates: candidates.length,
        // Where the time went: reading the generation, working families out, the search indexes.
        loadMs,
        familiesMs,
        swapMs: Date.now() - swapStarted,
        ms: Date.now() - startedAt.getTime(),
      });
      logger.info("index.ready", {
        buildId,
        agencies: stored.agencies,
        missing,
        complete: !missing.length,
        resumed: true,
      });
      if (missing.length) logger.warn("index.incomplete", { buildId, missing });
      return true;
    } catch (err) {
      // Nothing half-resumed is kept: the start reads and links everything, as with no generation.
      logger.warn("index.resume_failed", { then: "read_and_link_all", ...errorFields(err) });
      this.latest.clear();
      this.changeCursors.clear();
      this.state = null;
      this.model = null;
      this.snapshot = null;
      this.decisionsUpTo = 0;
      return false;
    }
  }

  /**
   * After a resume: reads what changed at every resumed agency since the generation was written
   * (the whole feed of one keeping no change log, compared record by record) and links only that,
   * with the records of decisions recorded since.
   */
  private async catchUp(): Promise<void> {
    await this.readAll(
      this.agencies.filter((a) => this.latest.has(a)),
      true,
    );
    await this.update("resume", new Set()).catch((err) =>
      this.options.logger.error("index.catch_up_failed", errorFields(err)),
    );
  }

  /** Per agency of `agencies` keeping a change log: its change cursor now. */
  private cursorsOf(agencies: readonly Agency[]): ResumePoint["changeCursors"] {
    const cursors: ResumePoint["changeCursors"] = {};
    for (const agency of agencies) {
      const cursor = this.changeCursors.get(agency);
      if (cursor !== undefined) cursors[agency] = cursor;
    }
    return cursors;
  }

  /** Every refreshIntervalMs: read every agency and link only what changed. */
  private async pollForever(): Promise<void> {
    while (!this.stopped) {
      await this.sleep(this.options.refreshIntervalMs);
      if (this.stopped) return;
      await this.poll().catch((err) => this.options.logger.error("index.poll_failed", errorFields(err)));
    }
  }

  /**
   * Reads what changed at every agency now (from its change cursor; the whole feed for an agency
   * keeping no change log) and links only the records that changed (new, changed or gone, by a
   * digest of what each holds) against their blocking neighbours, writing a new generation with
   * only the changed rows. The first time (nothing built yet) it builds fully.
   */
  async poll(): Promise<IndexSnapshot | null> {
    // Agencies never read are left to their own retries (which rebuild fully when they answer).
    await this.readAll(this.started ? this.agencies.filter((a) => this.latest.has(a)) : this.agencies, true);
    return this.update("poll", new Set());
  }

  /**
   * Links again after review decisions about these records (the decisions are already in the
   * store): the records, their neighbours and their people are relinked, as in poll().
   */
  applyDecisions(keys: readonly RecordKey[]): Promise<IndexSnapshot | null> {
    return this.update("review_decision", new Set(keys));
  }

  private async readAll(agencies: readonly Agency[] = this.agencies, changesOnly = false): Promise<void> {
    await Promise.all(
      agencies.map(async (agency) => {
        try {
          const cursor = this.changeCursors.get(agency);
          if (changesOnly && cursor !== undefined && this.latest.has(agency)) await this.readChanges(agency, cursor);
          else await this.readAgency(agency);
        } catch (err) {
          this.logReadFailure(agency, err, this.latest.has(agency) ? "keeping_last_read" : "missing");
          if (this.started && !this.latest.has(agency)) void this.keepTrying(agency);
        }
      }),
    );
  }

  /**
   * Reads every agency once now and rebuilds. An agency that fails keeps its last records
   * (if it was ever read). Resolves with the new snapshot (or the old one if the build failed).
   */
  async refresh(): Promise<IndexSnapshot | null> {
    await this.readAll();
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

  /**
   * Runs an identity feed read, counted as in flight until what it read is kept: a build or update
   * waits for none to be (see readsSettled).
   */
  private async tracked<T>(read: () => Promise<T>): Promise<T> {
    this.readsInFlight++;
    try {
      return await read();
    } finally {
      if (--this.readsInFlight === 0) for (const settled of this.readsSettledWaiters.splice(0)) settled();
    }
  }

  /**
   * Resolves when no identity feed read is in flight. Linking holds the event loop for seconds to
   * minutes at a large borough: a read in flight meanwhile would have its pages time out unanswered
   * (and its breaker opened), and the agency it reads would need another build once it came. Each
   * page has its timeout, so the wait is bounded.
   */
  private readsSettled(): Promise<void> {
    if (this.readsInFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.readsSettledWaiters.push(resolve));
  }

  /** Reads an agency whole into its records (in flight until they are kept). */
  private readAgency(agency: Agency): Promise<void> {
    return this.tracked(() => this.readAgencyNow(agency));
  }

  private async readAgencyNow(agency: Agency): Promise<void> {
    const started = Date.now();
    const { records, changeCursor } = await this.options.reader.readWhole(agency);
    this.latest.set(agency, new Map(records.map((r) => [r.localId, r])));
    if (changeCursor === null) this.changeCursors.delete(agency);
    else this.changeCursors.set(agency, changeCursor);
    this.readWhole.add(agency);
    this.options.logger.info("index.agency_read", { agency, records: records.length, ms: Date.now() - started });
  }

  /** Reads what changed at the agency since `cursor` into its records (its whole feed if the cursor is gone). */
  private readChanges(agency: Agency, cursor: string): Promise<void> {
    return this.tracked(() => this.readChangesNow(agency, cursor));
  }

  private async readChangesNow(agency: Agency, cursor: string): Promise<void> {
    const started = Date.now();
    let changes;
    try {
      changes = await this.options.reader.readChanges(agency, cursor);
    } catch (err) {
      if (!(err instanceof FeedError && err.reason === "cursor_gone")) throw err;
      this.options.logger.warn("index.change_cursor_gone", { agency, then: "whole_read" });
      return this.readAgency(agency);
    }
    const held = this.latest.get(agency)!;
    for (const r of changes.records) {
      held.set(r.localId, r);
      this.dirty.add(recordKey(agency, r.localId));
    }
    for (const id of changes.deleted) {
      held.delete(id);
      this.dirty.add(recordKey(agency, id));
    }
    this.changeCursors.set(agency, changes.changeCursor);
    if (changes.records.length || changes.deleted.length)
      this.options.logger.info("index.agency_changes_read", {
        agency,
        changed: changes.records.length,
        deleted: changes.deleted.length,
        ms: Date.now() - started,
      });
  }

  /** A record as last read, by its key. */
  private recordOf(key: RecordKey): SourceRecord | undefined {
    const at = key.indexOf(":");
    return this.latest.get(key.slice(0, at) as Agency)?.get(key.slice(at + 1));
  }

  /** Every agency's records as last read, in agency order. */
  private sourcesOf(agencies: readonly Agency[]): SourceRecord[] {
    return agencies.flatMap((a) => [...this.latest.get(a)!.values()]);
  }

  /** Tries an agency until it has been read (or the indexer stops); rebuilds if that is after startup. */
  private async keepTrying(agency: Agency): Promise<void> {
    if (this.retrying.has(agency)) return;
    this.retrying.add(agency);
    try {
      let loggedAt = -Infinity;
      for (let attempt = 0; !this.stopped && !this.latest.has(agency); attempt++) {
        try {
          await this.readAgency(agency);
          if (this.startupOver && !this.stopped) {
            this.options.logger.info("index.agency_returned", { agency });
            void this.rebuild("agency_returned");
          }
          return;
        } catch (err) {
          const now = Date.now();
          const waiting = now < this.deadline;
          const quick = now < this.startedAt + QUICK_RETRY_WINDOW_MS;
          if (now - loggedAt >= this.options.refreshIntervalMs) {
            this.logReadFailure(agency, err, waiting ? "retrying" : "retrying_in_background");
            loggedAt = now;
          }
          await this.sleep(
            quick ? Math.min(FIRST_RETRY_MS * 2 ** attempt, MAX_STARTUP_RETRY_MS) : this.options.refreshIntervalMs,
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

  /**
   * Queues a build; builds never overlap. A build already queued and not yet started is shared:
   * it reads every agency as it is when it starts, so agencies coming back while a long build runs
   * (several, at a large borough's first start) cost one more build, not one each.
   */
  private rebuild(reason: string): Promise<IndexSnapshot | null> {
    if (this.queuedBuild) return this.queuedBuild;
    const next = this.queue.then(() => {
      this.queuedBuild = null;
      return this.build(reason);
    });
    this.queuedBuild = next;
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async build(reason: string): Promise<IndexSnapshot | null> {
    const { logger, store } = this.options;
    const askedAt = Date.now();
    await this.readsSettled();
    if (this.stopped) return this.snapshot;
    const waitedForReadsMs = Date.now() - askedAt;
    const agencies = this.agencies.filter((a) => this.latest.has(a));
    const missing = this.missing();
    // An agency whose read the last build already waited for, and took in: nothing to build.
    if (
      reason === "agency_returned" &&
      this.snapshot &&
      this.readWhole.size === 0 &&
      agencies.join() === this.snapshot.agencies.join()
    )
      return this.snapshot;
    if (!agencies.length) {
      logger.warn("index.no_agency_read", { reason, missing });
      return this.snapshot;
    }
    const startedAt = new Date();
    try {
      const decisionsUpTo = await store.lastDecisionId();
      const decisions = await store.reviewDecisions();
      const sources = this.sourcesOf(agencies);
      const changeCursors = this.cursorsOf(agencies);
      this.dirty.clear();
      this.readWhole.clear();
      const { index, refusedLinks, candidates, model } = (this.options.linker ?? defaultLinker)(sources, {
        referenceDate: this.options.referenceDate,
        rules: this.options.rules,
        decisions,
      });
      const state = stateOf(sources, index, candidates);
      const buildId = await store.writeBuild(index, {
        agencies,
        missing,
        startedAt,
        resume: {
          point: { fingerprint: this.fingerprint(), changeCursors, model, candidates, decisionsUpTo },
          sourceOf: (k) => state.sources.get(k),
        },
      });
      const wasReady = this.snapshot !== null;
      this.state = state;
      this.model = model;
      this.decisionsUpTo = decisionsUpTo;
      this.lastUpdate = {
        kind: "full",
        changedRecords: index.records.length,
        relinkedRecords: sources.length,
        totalRecords: index.records.length,
      };
      this.swap(buildId, agencies, missing, index, candidates, decisions, "full", startedAt);
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
        waitedForReadsMs,
        ms: Date.now() - startedAt.getTime(),
      };
      logger.info("index.built", fields);
      if (!wasReady) logger.info("index.ready", { buildId, agencies, missing, complete: missing.length === 0 });
      if (missing.length) logger.warn("index.incomplete", { buildId, missing });
      return this.snapshot;
    } catch (err) {
      logger.error("index.build_failed", { reason, ...errorFields(err) });
      // What was read since the last build was taken off the change marks: every agency's records
      // are compared whole with the last state by the next update, so none of it is lost.
      for (const agency of agencies) this.readWhole.add(agency);
      if (!this.snapshot && this.started && !this.stopped) {
        void this.sleep(this.options.refreshIntervalMs).then(() =>
          this.stopped ? null : this.rebuild("retry_after_failure"),
        );
      }
      return this.snapshot;
    }
  }

  private swap(
    buildId: number,
    agencies: readonly Agency[],
    missing: readonly Agency[],
    index: LinkedIndex,
    candidates: readonly ReviewCandidate[],
    decisions: readonly ReviewDecision[],
    kind: "full" | "incremental" | "resume",
    startedAt: Date,
  ): void {
    const decided = new Set(decisions.map((d) => candidateId(d.a, d.b)));
    const listed = new Set<string>();
    const open: IndexedCandidate[] = [];
    for (const c of candidates) {
      const id = candidateId(c.a, c.b);
      if (decided.has(id) || listed.has(id)) continue;
      listed.add(id);
      open.push({ ...c, id });
    }
    open.sort((x, y) => y.probability - x.probability || (x.id < y.id ? -1 : 1));
    const search = new SearchIndex(index, this.model);
    this.snapshot = Object.freeze({
      buildId,
      builtAt: new Date(),
      agencies,
      missing,
      search,
      model: search.model,
      candidates: open,
      personOf: new Map(index.records.map((r) => [`${r.agency}:${r.localId}`, r.personId])),
      careUnits: new CareUnitIndex(index),
      counts: { records: index.records.length, persons: index.persons.length, families: index.families.length },
    });
    recordIndex(
      { indexed: agencies.length, missing: missing.length, ...this.snapshot.counts },
      kind,
      (Date.now() - startedAt.getTime()) / 1000,
    );
  }

  /** Queues an incremental update; builds and updates never overlap. */
  private update(reason: string, touched: ReadonlySet<RecordKey>): Promise<IndexSnapshot | null> {
    const next = this.queue.then(() => this.updateNow(reason, touched));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async updateNow(reason: string, named: ReadonlySet<RecordKey>): Promise<IndexSnapshot | null> {
    const { logger, store } = this.options;
    // Decisions recorded since the index was last linked: their records are relinked here, so that
    // the generation this writes is linked with every decision up to the one it says.
    const decisionsUpTo = await store.lastDecisionId();
    const extra = new Set(named);
    if (decisionsUpTo > this.decisionsUpTo)
      for (const d of await store.reviewLog()) if (d.id > this.decisionsUpTo) extra.add(d.a).add(d.b);
    await this.readsSettled();
    if (this.stopped) return this.snapshot;
    const state = this.state;
    const snapshot = this.snapshot;
    const agencies = this.agencies.filter((a) => this.latest.has(a));
    if (!state || !snapshot || agencies.join() !== snapshot.agencies.join()) return this.build(reason);
    const startedAt = new Date();
    if (!this.dirty.size && !this.readWhole.size && !extra.size) {
      // Nothing read since the last update but change reads that named nothing.
      const totalRecords = state.sources.size;
      this.lastUpdate = { kind: "none", changedRecords: 0, relinkedRecords: 0, totalRecords };
      return snapshot;
    }
    try {
      const sources = this.sourcesOf(agencies);
      const changeCursors = this.cursorsOf(agencies);
      // Records a change read named, and every record of an agency read whole, compared with
      // what the last build linked: only those that differ are touched.
      const wholeAgencies = new Set<Agency>(this.readWhole);
      const touched = diffSources(
        state,
        sources.filter((s) => wholeAgencies.has(s.agency as Agency)),
        (k) => wholeAgencies.has(k.slice(0, k.indexOf(":")) as Agency),
      );
      for (const k of diffKeys(state, this.dirty, (key) => this.recordOf(key))) touched.add(k);
      this.dirty.clear();
      this.readWhole.clear();
      const changedRecords = touched.size;
      if (changedRecords > state.sources.size / 2) {
        // Most records new or changed (an agency's database made again, another borough): linked
        // whole, with a match model estimated on them, not the one estimated on the records before.
        logger.info("index.most_records_changed", { reason, changedRecords, then: "full_rebuild" });
        return this.build(`${reason}_most_changed`);
      }
      for (const k of extra) touched.add(k);
      if (!touched.size) {
        this.lastUpdate = { kind: "none", changedRecords: 0, relinkedRecords: 0, totalRecords: sources.length };
        // An agency read whole that changed nothing (its database made again, a cursor gone): the
        // generation's cursors are replaced, or every restart would read it whole again. Change
        // reads that named nothing leave them: a restart reads those few changes again.
        if (wholeAgencies.size > 0) await this.rememberCursors(snapshot.buildId, changeCursors);
        return snapshot;
      }
      // The touched records as linked now: an agency read landing while this update waits (reads
      // run outside the queue) changes this.latest, and must be compared, and relinked, by the
      // next update, not recorded here as linked.
      const linkedNow = new Map([...touched].map((k) => [k, this.recordOf(k)]));
      const decisions = await store.reviewDecisions();
      const linker = this.options.linker ?? defaultLinker;
      const linkSubset = (subset: readonly SourceRecord[]) => {
        const r = linker(subset, {
          referenceDate: this.options.referenceDate,
          rules: this.options.rules,
          decisions,
          model: this.model,
        });
        return { index: r.index, candidates: r.candidates };
      };
      const result = relink(state, sources, touched, linkSubset, this.options.referenceDate);
      const missing = this.missing();
      const buildId = await store.writeChanges(snapshot.buildId, result.index, result.changes, {
        agencies,
        missing,
        startedAt,
        resume: {
          point: {
            fingerprint: this.fingerprint(),
            changeCursors,
            model: this.model,
            candidates: result.candidates,
            decisionsUpTo,
          },
          sourceOf: (k) => (linkedNow.has(k) ? linkedNow.get(k) : state.sources.get(k)),
        },
      });
      this.state = advanceState(state, (k) => linkedNow.get(k), touched, result.index, result.candidates);
      this.decisionsUpTo = decisionsUpTo;
      this.lastUpdate = {
        kind: "incremental",
        changedRecords,
        relinkedRecords: result.relinked,
        totalRecords: sources.length,
      };
      this.swap(buildId, agencies, missing, result.index, result.candidates, decisions, "incremental", startedAt);
      logger.info("index.updated", {
        reason,
        buildId,
        changedRecords,
        relinkedRecords: result.relinked,
        records: result.index.records.length,
        writtenRecords: result.changes.records.size,
        writtenPersons: result.changes.persons.size,
        writtenFamilies: result.changes.families.size,
        ms: Date.now() - startedAt.getTime(),
      });
      return this.snapshot;
    } catch (err) {
      logger.error("index.update_failed", { reason, then: "full_rebuild", ...errorFields(err) });
      return this.build(`${reason}_after_failed_update`);
    }
  }

  /**
   * The generation's cursors replaced, unless they are the ones last kept (an agency without a
   * change log is read whole at every poll, with no cursor); a failure is logged, and the next
   * restart reads more.
   */
  private async rememberCursors(buildId: number, changeCursors: ResumePoint["changeCursors"]): Promise<void> {
    const text = `${buildId}:${JSON.stringify(changeCursors)}`;
    if (text === this.cursorsKept) return;
    try {
      const kept = await this.options.store.updateResumeCursors(buildId, changeCursors);
      if (kept) this.cursorsKept = text;
      this.options.logger.info("index.cursors_kept", { buildId, kept });
    } catch (err) {
      this.options.logger.warn("index.cursors_not_kept", { buildId, ...errorFields(err) });
    }
  }

  private fingerprint(): string {
    return linkageFingerprint(this.options.rules);
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
