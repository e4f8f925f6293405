import { callerScopeKey, signCallerToken, type Caller } from "@ffd/shared";

/** How long an internal caller token is valid: long enough for a request's subgraph calls, no longer. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

/** Callers whose tokens are kept at once; the least recently signed is dropped beyond it. */
export const MAX_CALLERS_WITH_TOKENS = 10_000;

export interface InternalTokensOptions {
  /** INTERNAL_TOKEN_SECRET. */
  secret: string;
  /** The subgraph timeout: a token is only handed out while it outlives a whole subgraph call by a margin. */
  subgraphTimeoutMs: number;
  ttlSeconds?: number;
  maxCallers?: number;
  /** The clock (tests). */
  now?: () => number;
  /** Signs one token (tests count the signatures). */
  sign?: typeof signCallerToken;
}

interface Signed {
  token: Promise<string>;
  /** When the token expires, ms since the epoch (never later than the token's own `exp`). */
  expiresAt: number;
}

/**
 * The internal caller tokens the gateway sends subgraphs, signed once per caller scope rather
 * than once per subgraph request. A request's subgraph fetches all carry the same token, and so
 * do concurrent requests of the same caller with the same role, purpose, organisation, centre,
 * caseload and break-glass: what makes identical subgraph requests in flight shareable
 * (inflight.ts) without any crossing between callers, since a token names exactly one scope.
 *
 * A token is reused only while it still has at least half its life and a whole subgraph call
 * (plus a margin for clocks) to run; after that the next request signs a fresh one. Its claims
 * and lifetime are those signCallerToken always gave: a subgraph cannot tell a reused token from
 * a fresh one, except that it may be up to half a lifetime older.
 */
export class InternalTokens {
  private readonly byScope = new Map<string, Signed>();
  private readonly ttlMs: number;
  /** The least life a token may have left when it is handed out. */
  readonly minRemainingMs: number;
  private readonly now: () => number;
  private readonly sign: typeof signCallerToken;
  private readonly maxCallers: number;

  constructor(private readonly options: InternalTokensOptions) {
    this.ttlMs = (options.ttlSeconds ?? INTERNAL_TOKEN_TTL_SECONDS) * 1000;
    this.minRemainingMs = Math.max(this.ttlMs / 2, options.subgraphTimeoutMs + 5_000);
    this.now = options.now ?? Date.now;
    this.sign = options.sign ?? signCallerToken;
    this.maxCallers = options.maxCallers ?? MAX_CALLERS_WITH_TOKENS;
  }

  /** The token for this caller: the one already signed for its scope while it is fresh enough, else a new one. */
  forCaller(caller: Caller): Promise<string> {
    const key = callerScopeKey(caller);
    const now = this.now();
    const held = this.byScope.get(key);
    if (held && held.expiresAt - now >= this.minRemainingMs) return held.token;
    if (held) this.byScope.delete(key);
    // A token that cannot outlive one subgraph call at all (a timeout close to its lifetime) is never kept.
    const keep = this.ttlMs >= this.minRemainingMs;
    // jose counts `iat` in whole seconds down from its own clock: the token expires no earlier than this.
    const expiresAt = Math.floor(now / 1000) * 1000 + this.ttlMs;
    const token = this.sign(this.options.secret, caller, this.ttlMs / 1000);
    if (!keep) return token;
    const signed: Signed = { token, expiresAt };
    this.byScope.set(key, signed);
    // A failed signature is not kept: the next request tries again.
    token.catch(() => {
      if (this.byScope.get(key) === signed) this.byScope.delete(key);
    });
    while (this.byScope.size > this.maxCallers) {
      const oldest = this.byScope.keys().next().value as string;
      this.byScope.delete(oldest);
    }
    return token;
  }

  /** Callers holding a token now (tests). */
  get size(): number {
    return this.byScope.size;
  }
}
