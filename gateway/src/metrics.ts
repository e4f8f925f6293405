import type { GraphQLDataSource } from "@apollo/gateway";
import type { ApolloServerPlugin } from "@apollo/server";
import { registeredMetric, type BreakerState } from "@ffd/shared";
import client from "prom-client";
import type { AuditStore } from "./audit/store";
import type { SubgraphBreakers } from "./breakers";

/**
 * The gateway's Prometheus metrics (served at /metrics with shared's process metrics): operations
 * by NAME (never the document, its variables or the caller), subgraph fetches by subgraph,
 * breaker states, and the audit write. Every label is a bounded name; see `OperationNames`.
 */

/** Seconds, from a millisecond to ten seconds: the family record's targets sit at 50 and 150 ms. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];

const operationDuration = registeredMetric(
  "ffd_gateway_operation_duration_seconds",
  () =>
    new client.Histogram({
      name: "ffd_gateway_operation_duration_seconds",
      help: "GraphQL operations the gateway answered, by operation name, type and outcome (ok, errors): from the request reaching Apollo Server to the response (audit written).",
      labelNames: ["operation", "type", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
    }),
);

const subgraphFetchDuration = registeredMetric(
  "ffd_gateway_subgraph_fetch_duration_seconds",
  () =>
    new client.Histogram({
      name: "ffd_gateway_subgraph_fetch_duration_seconds",
      help: "Fetches from the gateway to a subgraph, by subgraph and outcome (ok, errors: a GraphQL answer with errors, failed: no answer).",
      labelNames: ["subgraph", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
    }),
);

const auditWriteDuration = registeredMetric(
  "ffd_gateway_audit_write_duration_seconds",
  () =>
    new client.Histogram({
      name: "ffd_gateway_audit_write_duration_seconds",
      help: "Audit trail appends (written before the answer leaves), by outcome (ok, failed).",
      labelNames: ["outcome"] as const,
      buckets: LATENCY_BUCKETS,
    }),
);

const BREAKER_STATES: readonly BreakerState[] = ["closed", "half_open", "open"];

/**
 * Breaker states as a gauge per subgraph and state (1 for the state it is in), read from the
 * breakers when scraped. Registered once per process; the newest gateway's breakers are read.
 */
let breakersOfGauge: SubgraphBreakers | undefined;
registeredMetric(
  "ffd_gateway_subgraph_breaker_state",
  () =>
    new client.Gauge({
      name: "ffd_gateway_subgraph_breaker_state",
      help: "Each agency subgraph's circuit breaker: 1 for the state it is in (closed, half_open, open), 0 for the others.",
      labelNames: ["subgraph", "state"] as const,
      collect() {
        this.reset();
        for (const [subgraph, current] of Object.entries(breakersOfGauge?.states() ?? {}))
          for (const state of BREAKER_STATES) this.set({ subgraph, state }, current === state ? 1 : 0);
      },
    }),
);

/** The breakers /metrics reports (the gateway being built). */
export function reportBreakers(breakers: SubgraphBreakers): void {
  breakersOfGauge = breakers;
}

/** A name GraphQL allows, short enough for a label. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * Operation names as labels, bounded: the first `max` distinct names seen are their own label,
 * later ones `other`; an operation without a name is `anonymous`. Operation names are the
 * developers' (the staff app's are its trusted documents'), never a request's values.
 */
export class OperationNames {
  private readonly seen = new Set<string>();
  constructor(private readonly max = 200) {}

  label(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!NAME.test(name)) return "other";
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return "other";
    this.seen.add(name);
    return name;
  }
}

/** Times every operation Apollo Server handles, from its start to the response leaving (after the audit). */
export function operationMetricsPlugin(names = new OperationNames()): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = operationDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const errors = response.body.kind === "single" ? !!response.body.singleResult.errors?.length : false;
          end({
            operation: names.label(operationName),
            type: operation?.operation ?? "unknown",
            outcome: errors ? "errors" : "ok",
          });
        },
      };
    },
  };
}

/** The planner's buildService with each subgraph fetch timed (the data sources themselves unchanged). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function timedSubgraphs<C extends Record<string, any>>(
  build: (service: { name: string }) => GraphQLDataSource<C>,
): (service: { name: string }) => GraphQLDataSource<C> {
  return (service) => {
    const inner = build(service);
    const subgraph = service.name;
    const timed: GraphQLDataSource<C> = {
      async process(options) {
        const end = subgraphFetchDuration.startTimer({ subgraph });
        try {
          const response = await inner.process(options);
          end({ outcome: response.errors?.length ? "errors" : "ok" });
          return response;
        } catch (err) {
          end({ outcome: "failed" });
          throw err;
        }
      },
    };
    // Anything else the data source offers (its class's own methods) stays reachable.
    return Object.assign(Object.create(inner) as GraphQLDataSource<C>, timed);
  };
}

/** The audit store with its appends timed; every other method is the store's own. */
export function timedAuditStore(store: AuditStore): AuditStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "append")
        return async (events: Parameters<AuditStore["append"]>[0]) => {
          const end = auditWriteDuration.startTimer();
          try {
            const written = await target.append(events);
            end({ outcome: "ok" });
            return written;
          } catch (err) {
            end({ outcome: "failed" });
            throw err;
          }
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
