import {
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_MAX_PAGE,
  IDENTITY_FEED_PATH,
  signServiceToken,
  type Agency,
} from "@ffd/shared";
import type { SourceRecord } from "../linkage/types";
import { parseIdentityFeedPage } from "./identity-feed.schema";

/** Why an agency's feed could not be read; the message names no person and no URL. */
export class FeedError extends Error {
  constructor(
    readonly agency: Agency,
    readonly reason: "unreachable" | "timeout" | "http" | "invalid",
    readonly status?: number,
  ) {
    super(`identity feed of ${agency}: ${reason}${status ? ` (HTTP ${status})` : ""}`);
    this.name = "FeedError";
  }
}

/** Reads one agency's whole identity feed. */
export interface FeedReader {
  read(agency: Agency): Promise<SourceRecord[]>;
}

export interface HttpFeedReaderOptions {
  /** Agency subgraph base URLs (no trailing slash). */
  baseUrls: Readonly<Record<Agency, string>>;
  /** INTERNAL_TOKEN_SECRET: family-index signs its service token with it. */
  secret: string;
  /** Per page request. */
  timeoutMs: number;
  pageSize?: number;
  /** Guard against a feed whose cursor never ends. */
  maxPages?: number;
}

/**
 * Reads identity feeds over HTTP: GET <base>/internal/identity-feed?after=&limit= with a
 * family-index service token, page after page until nextCursor is null. Each page is
 * validated; a page that fails, times out or does not validate fails the whole read (a
 * half-read agency would be worse than a missing one).
 */
export class HttpFeedReader implements FeedReader {
  private readonly pageSize: number;
  private readonly maxPages: number;
  /**
   * One copy of each care unit for every record that names it: a borough has a few hundred
   * units at most but a million records, each of which would otherwise keep its own string.
   */
  private readonly careUnits = new Map<string, string>();

  constructor(private readonly options: HttpFeedReaderOptions) {
    this.pageSize = Math.min(options.pageSize ?? IDENTITY_FEED_MAX_PAGE, IDENTITY_FEED_MAX_PAGE);
    this.maxPages = options.maxPages ?? 10_000;
  }

  async read(agency: Agency): Promise<SourceRecord[]> {
    const records: SourceRecord[] = [];
    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < this.maxPages; page++) {
      const body = await this.fetchPage(agency, after);
      for (const r of body.records) {
        if (seen.has(r.localId)) continue;
        seen.add(r.localId);
        records.push({ ...r, careUnit: this.careUnit(r.careUnit), agency });
      }
      if (body.nextCursor === null) return records;
      if (body.nextCursor === after) throw new FeedError(agency, "invalid");
      after = body.nextCursor;
    }
    throw new FeedError(agency, "invalid");
  }

  /** The shared copy of a care unit (null when the record names none). */
  private careUnit(unit: string | null | undefined): string | null {
    if (!unit) return null;
    const shared = this.careUnits.get(unit);
    if (shared !== undefined) return shared;
    this.careUnits.set(unit, unit);
    return unit;
  }

  private async fetchPage(agency: Agency, after: string | null) {
    const url = new URL(this.options.baseUrls[agency] + IDENTITY_FEED_PATH);
    url.searchParams.set("limit", String(this.pageSize));
    if (after !== null) url.searchParams.set("after", after);
    // A fresh short-lived token per page: a long read never outlives its token.
    const token = await signServiceToken(this.options.secret, "family-index", IDENTITY_FEED_AUDIENCE);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      throw new FeedError(agency, name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError(agency, "http", response.status);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (err) {
      const name = (err as { name?: string }).name;
      throw new FeedError(agency, name === "TimeoutError" || name === "AbortError" ? "timeout" : "invalid");
    }
    try {
      return parseIdentityFeedPage(json);
    } catch {
      throw new FeedError(agency, "invalid");
    }
  }
}
