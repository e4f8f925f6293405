import {
  AgencySystemUnavailable,
  createLogger,
  decodeFeedCursor,
  mountIdentityFeed,
  type ChangeLogPosition,
  type IdentityChangeLog,
  IDENTITY_FEED_AUDIENCE,
  mountEventFeed,
  mountInvolvementFeed,
  type AgencyEvent,
  type AgencyInvolvement,
  IDENTITY_FEED_PATH,
  bearerToken,
  verifyServiceToken,
  type Agency,
  type IdentityRecord,
} from "@ffd/shared";
import express from "express";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedCall {
  /** The local id a page cursor goes on after (null: the first page, or a change read). */
  after: string | null;
  /** The cursor as sent (opaque), null for none. */
  cursor: string | null;
  /** "whole" (a page of a whole read) or "changes". */
  kind: "whole" | "changes";
  limit: number;
  /** The service named by a valid token, or null when the token was missing or invalid. */
  service: string | null;
}

/**
 * A stand-in agency's change log in memory: each change a number, the horizon the next one.
 * `pending` changes are not yet committed: the horizon stays before the first of them.
 */
export class MemoryChangeLog implements IdentityChangeLog {
  entries: { seq: number; localId: string }[] = [];
  pending = 0;
  /** When false, the agency keeps no change log (position null). */
  enabled = true;
  /** The log's identity. */
  log = randomUUID();

  add(localId: string): void {
    this.entries.push({ seq: this.entries.length + 1, localId });
  }

  /** The log created anew, as when the agency's database is generated again: another identity, no changes. */
  recreate(): void {
    this.log = randomUUID();
    this.entries = [];
    this.pending = 0;
  }

  async position(): Promise<ChangeLogPosition | null> {
    return this.enabled ? { log: this.log, horizon: String(this.entries.length + 1 - this.pending) } : null;
  }

  async changes(since: string, until: string, after: string | null, limit: number) {
    return this.entries
      .filter((e) => e.seq >= Number(since) && e.seq < Number(until) && (after === null || e.seq > Number(after)))
      .slice(0, limit)
      .map((e) => ({ key: String(e.seq), localId: e.localId }));
  }
}

/**
 * A stand-in agency identity feed: a tiny express app on a free port that serves the agency
 * kit's own identity feed endpoint (opaque cursors, keyset paging, change reads from a change
 * log in memory) over `records`, and refuses callers without a valid family-index service
 * token, as the real agency subgraphs do. `upsert` and `remove` change a record and log it. It serves the involvement
 * feed too, through the agency kit's own endpoint, over `involvements` (by local id), and the
 * event feed, over `events`.
 */
export class FakeFeed {
  readonly calls: FeedCall[] = [];
  /** When false the feed answers 503, like an agency subgraph whose database is down. */
  available = true;
  /** When true the feed takes each request and never answers, like a stopped (SIGSTOP) process. */
  stalled = false;
  /** Identity feed requests to answer 503 before answering again (by call number, from 1). */
  failCalls = new Set<number>();
  /** Identity feed requests to refuse (400, as the kit refuses a cursor it did not write), by call number. */
  refuseCalls = new Set<number>();
  /** Milliseconds each identity feed page waits before it is answered (a large, slow agency). */
  pageDelayMs = 0;
  /** Called before each page of the identity feed is read from `records` (its call number, from 1). */
  beforePage: ((call: number) => void) | null = null;
  /** The agency's change log. */
  readonly changeLog = new MemoryChangeLog();
  /** What the agency's involvement feed answers, by local id (none: the system does not hold the id). */
  involvements = new Map<string, AgencyInvolvement>();
  /** The local ids of each call its involvement feed answered from the system. */
  readonly involvementCalls: string[][] = [];
  /** What the agency's event feed holds: each call answers those in the period asked. */
  events: AgencyEvent[] = [];
  /** The period of each call its event feed answered from the system. */
  readonly eventCalls: { from: string; to: string }[] = [];
  private server: http.Server | null = null;
  private port = 0;

  constructor(
    readonly agency: Agency,
    public records: IdentityRecord[],
    private readonly secret: string,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (default: any free one). */
  async start(port = 0): Promise<this> {
    const app = express();
    app.get(IDENTITY_FEED_PATH, async (req, res, next) => {
      const raw = typeof req.query.after === "string" && req.query.after !== "" ? req.query.after : null;
      const cursor = raw === null ? null : decodeFeedCursor(raw);
      const limit = Number(req.query.limit ?? 5000);
      const token = bearerToken(req.header("authorization"));
      let service: string | null = null;
      try {
        service = token ? (await verifyServiceToken(this.secret, token, IDENTITY_FEED_AUDIENCE)).service : null;
      } catch {
        service = null;
      }
      this.calls.push({
        after: cursor?.kind === "page" ? cursor.after : null,
        cursor: raw,
        kind: cursor?.kind === "changes" ? "changes" : "whole",
        limit,
        service,
      });
      if (this.stalled) return;
      if (this.failCalls.has(this.calls.length)) {
        res.status(503).json({ error: `The ${this.agency} system is unavailable.` });
        return;
      }
      if (this.refuseCalls.has(this.calls.length)) {
        res.status(400).json({ error: "after is not a cursor this feed gave." });
        return;
      }
      next();
    });
    const byId = (a: IdentityRecord, b: IdentityRecord) => (a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0);
    mountIdentityFeed(
      app,
      this.agency,
      {
        identityFeed: async (after, limit) => {
          if (!this.available) throw new AgencySystemUnavailable(this.agency);
          if (this.pageDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pageDelayMs));
          this.beforePage?.(this.calls.length);
          return [...this.records]
            .sort(byId)
            .filter((r) => after === null || r.localId > after)
            .slice(0, limit);
        },
        identityRecords: async (localIds) => {
          if (!this.available) throw new AgencySystemUnavailable(this.agency);
          const wanted = new Set(localIds);
          return this.records.filter((r) => wanted.has(r.localId));
        },
      },
      this.secret,
      createLogger(this.agency, "silent"),
      this.changeLog,
    );
    mountInvolvementFeed(
      app,
      this.agency,
      {
        involvements: async (localIds) => {
          if (this.stalled) return new Promise<never>(() => {});
          if (!this.available) throw new AgencySystemUnavailable(this.agency);
          this.involvementCalls.push([...localIds]);
          return localIds.map((id) => this.involvements.get(id) ?? null);
        },
      },
      () => "2025-06-01",
      this.secret,
      createLogger(this.agency, "silent"),
    );
    mountEventFeed(
      app,
      this.agency,
      {
        events: async (from, to) => {
          if (this.stalled) return new Promise<never>(() => {});
          if (!this.available) throw new AgencySystemUnavailable(this.agency);
          this.eventCalls.push({ from, to });
          return this.events.filter((e) => e.on >= from && e.on <= to);
        },
      },
      () => "2025-06-01",
      this.secret,
      createLogger(this.agency, "silent"),
    );
    this.server = http.createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Adds or changes a record, and logs the change. */
  upsert(record: IdentityRecord): void {
    this.records = [...this.records.filter((r) => r.localId !== record.localId), record];
    this.changeLog.add(record.localId);
  }

  /** Removes a record, and logs the change. */
  remove(localId: string): void {
    this.records = this.records.filter((r) => r.localId !== localId);
    this.changeLog.add(localId);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

/** A base URL where nothing listens (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
