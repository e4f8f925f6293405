import { Breaker, type BreakerSettings, type BreakerState, type Logger } from "@ffd/shared";

/** Whether a subgraph call failed by running out of time (its request was aborted). */
export function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "AbortError" || name === "TimeoutError";
}

/**
 * Whether a failed subgraph call says the subgraph is unhealthy: no connection, a timeout, a
 * 5xx or an answer that is not GraphQL. A 4xx is the subgraph up and refusing (as are GraphQL
 * errors such as FORBIDDEN, which come back as an answer and never reach here): it does not count.
 */
export function countsAgainstSubgraph(err: unknown): boolean {
  // RemoteGraphQLDataSource's error for a non-2xx answer carries its status here.
  const status = (err as { extensions?: { response?: { status?: unknown } } } | null)?.extensions?.response?.status;
  return typeof status === "number" ? status >= 500 : true;
}

/**
 * One circuit breaker per agency subgraph, created as the gateway builds its data sources, so
 * that a stalled or dead agency costs one request a timeout rather than every request. The
 * audit subgraph, served by this process, has none: it fails closed on its own.
 */
export class SubgraphBreakers {
  private readonly byName = new Map<string, Breaker>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly logger: Logger,
  ) {}

  /** The subgraph's breaker, created on first use. */
  for(subgraph: string): Breaker {
    let breaker = this.byName.get(subgraph);
    if (!breaker) {
      breaker = new Breaker({
        ...this.settings,
        fields: { subgraph },
        event: "subgraph.breaker",
        logger: this.logger,
        counts: countsAgainstSubgraph,
        opensAtOnce: isTimeout,
      });
      this.byName.set(subgraph, breaker);
    }
    return breaker;
  }

  /** Every breaker's state by subgraph name, in name order. */
  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.byName].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, b]) => [n, b.state()]));
  }

  shutdown(): void {
    for (const breaker of this.byName.values()) breaker.shutdown();
  }
}

/** GET /health: 200 while the process serves; "degraded" while any agency's breaker is not closed. */
export function gatewayHealth(breakers: SubgraphBreakers): {
  status: "ok" | "degraded";
  service: "gateway";
  subgraphs: Record<string, BreakerState>;
} {
  const subgraphs = breakers.states();
  const degraded = Object.values(subgraphs).some((s) => s !== "closed");
  return { status: degraded ? "degraded" : "ok", service: "gateway", subgraphs };
}
