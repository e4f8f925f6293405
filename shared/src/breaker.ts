import CircuitBreaker from "opossum";
import type { Logger } from "./log";

/** What a breaker lets through: everything (closed), nothing (open), one probe (half-open). */
export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerSettings {
  /** Counted failures in a row that open the breaker (a failure that `opensAtOnce` opens it alone). */
  failuresToOpen: number;
  /** How long the breaker stays open before it lets one call through to see whether the other side is back. */
  resetMs: number;
}

export interface BreakerOptions extends BreakerSettings {
  /** Names the other side in logs, e.g. `{ subgraph: "maternity" }`: never a URL, never personal data. */
  fields: Readonly<Record<string, string>>;
  /** Log event prefix: `<prefix>.open`, `<prefix>.half_open`, `<prefix>.closed`. */
  event: string;
  logger: Logger;
  /**
   * Whether a failure says the other side is unhealthy. A failure that does not count (a refusal,
   * a bad request) passes through to the caller without moving the breaker, as a success would.
   */
  counts(err: unknown): boolean;
  /** Whether a counted failure opens the breaker on its own (a timeout: the failure that costs time). */
  opensAtOnce(err: unknown): boolean;
}

/** Thrown instead of calling while the breaker is open (or a half-open probe is already out). */
export class BreakerOpenError extends Error {
  constructor(readonly fields: Readonly<Record<string, string>>) {
    super("circuit breaker open");
    this.name = "BreakerOpenError";
  }
}

type Call = () => Promise<unknown>;

/**
 * A circuit breaker (opossum) in front of one remote dependency, so that once it has shown
 * itself stalled or down, callers fail at once instead of each waiting out a timeout.
 *
 * Opens after `failuresToOpen` counted failures in a row, or at once on a failure that
 * `opensAtOnce` (a timeout). While open, `run` throws BreakerOpenError without calling. After
 * `resetMs` it is half-open: the next call goes through as a probe (others still fail at once);
 * if the probe succeeds it closes, if it fails it opens for another `resetMs`. The timeout
 * itself belongs to the call (it aborts its own request): opossum's timer could only stop
 * waiting, not free the socket. Opossum's own error-percentage rule is switched off in favour
 * of the in-a-row rule, which is easier to state and to test.
 */
export class Breaker {
  private readonly breaker: CircuitBreaker<[Call], unknown>;
  private failuresInARow = 0;

  constructor(private readonly options: BreakerOptions) {
    this.breaker = new CircuitBreaker((call: Call) => call(), {
      timeout: false,
      resetTimeout: options.resetMs,
      // An error rate above 100% never happens: only the rule below opens the breaker.
      errorThresholdPercentage: 100,
      errorFilter: (err: unknown) => !options.counts(err),
    });
    const { logger, event, fields } = options;
    this.breaker.on("success", () => {
      this.failuresInARow = 0;
    });
    this.breaker.on("failure", (err: unknown) => {
      this.failuresInARow++;
      if (options.opensAtOnce(err) || this.failuresInARow >= options.failuresToOpen) this.breaker.open();
    });
    this.breaker.on("open", () => {
      logger.warn(`${event}.open`, { ...fields, failuresInARow: this.failuresInARow, retryInMs: options.resetMs });
      this.failuresInARow = 0;
    });
    this.breaker.on("halfOpen", () => logger.info(`${event}.half_open`, { ...fields }));
    this.breaker.on("close", () => logger.info(`${event}.closed`, { ...fields }));
  }

  state(): BreakerState {
    if (this.breaker.opened) return "open";
    if (this.breaker.halfOpen) return "half_open";
    return "closed";
  }

  /** Calls through the breaker; throws BreakerOpenError without calling while it is open. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (err) {
      if ((err as { code?: unknown }).code === "EOPENBREAKER") throw new BreakerOpenError(this.options.fields);
      throw err;
    }
  }

  /** Stops the breaker's timers; later calls are refused. */
  shutdown(): void {
    this.breaker.shutdown();
  }
}
