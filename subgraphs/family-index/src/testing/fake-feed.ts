import {
  AgencySystemUnavailable,
  createLogger,
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
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedCall {
  after: string | null;
  limit: number;
  /** The service named by a valid token, or null when the token was missing or invalid. */
  service: string | null;
}

/**
 * A stand-in agency identity feed: a tiny express app on a free port that serves
 * IdentityFeedPage JSON in local id order with exact paging, and refuses callers without a
 * valid family-index service token, as the real agency subgraphs do. It serves the involvement
 * feed too, through the agency kit's own endpoint, over `involvements` (by local id), and the
 * event feed, over `events`.
 */
export class FakeFeed {
  readonly calls: FeedCall[] = [];
  /** When false the feed answers 503, like an agency subgraph whose database is down. */
  available = true;
  /** When true the feed takes each request and never answers, like a stopped (SIGSTOP) process. */
  stalled = false;
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
    app.get(IDENTITY_FEED_PATH, async (req, res) => {
      const after = typeof req.query.after === "string" && req.query.after !== "" ? req.query.after : null;
      const limit = Number(req.query.limit ?? 5000);
      const token = bearerToken(req.header("authorization"));
      let service: string | null = null;
      try {
        service = token ? (await verifyServiceToken(this.secret, token, IDENTITY_FEED_AUDIENCE)).service : null;
      } catch {
        service = null;
      }
      this.calls.push({ after, limit, service });
      if (this.stalled) return;
      if (service !== "family-index") {
        res.status(401).json({ error: "A family-index service token is required." });
        return;
      }
      if (!this.available) {
        res.status(503).json({ error: `The ${this.agency} system is unavailable.` });
        return;
      }
      const sorted = [...this.records].sort((a, b) => (a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0));
      const page = sorted.filter((r) => after === null || r.localId > after).slice(0, limit);
      res.json({
        agency: this.agency,
        records: page,
        nextCursor: page.length === limit ? page[page.length - 1].localId : null,
      });
    });
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
