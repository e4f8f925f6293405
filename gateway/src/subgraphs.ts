import type { GraphQLDataSource } from "@apollo/gateway";
import { SUBGRAPH_SERVICES, urlSetting, type Logger, type ServiceName, type Tracing } from "@ffd/shared";
import type { GatewayContext } from "./context";
import { SubgraphBreakers } from "./breakers";
import type { GatewayConfig } from "./config";
import { SubgraphDataSource } from "./data-source";
import { AUDIT_SUBGRAPH } from "./audit-subgraph/name";
import { InflightRequests } from "./inflight";
import { InternalTokens } from "./internal-tokens";
import { SubgraphAgents } from "./subgraph-agents";

/** Each subgraph's GraphQL endpoint, from its `<PREFIX>_URL` setting (one per row of the service registry). */
export function subgraphUrls(config: GatewayConfig): Record<ServiceName, string> {
  const settings = config as unknown as Readonly<Record<string, string>>;
  return Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, `${settings[urlSetting(s)]}/graphql`])) as Record<
    ServiceName,
    string
  >;
}

/**
 * The query planner's `buildService`: each agency subgraph over HTTP through its circuit breaker
 * (SubgraphDataSource), and the audit subgraph in this process (`audit`, no HTTP to itself).
 * All agency subgraphs share the caller tokens and the requests in flight; each has its own
 * kept-alive connections (`agents`, destroyed when the gateway stops).
 */
export function subgraphServices(options: {
  config: GatewayConfig;
  logger: Logger;
  breakers: SubgraphBreakers;
  agents: SubgraphAgents;
  audit: GraphQLDataSource<GatewayContext>;
  onSubgraphRequest?: (service: string) => void;
  /** The gateway's traces (each fetch a span, its context sent on); unset: off. */
  tracing?: Tracing;
}): (service: { name: string }) => GraphQLDataSource<GatewayContext> {
  const { config, logger, breakers, agents } = options;
  const urls = subgraphUrls(config);
  const tokens = new InternalTokens({
    secret: config.INTERNAL_TOKEN_SECRET,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  });
  const inflight = new InflightRequests();
  return ({ name }) => {
    if (name === AUDIT_SUBGRAPH) return options.audit;
    const url = urls[name as ServiceName];
    if (!url) throw new Error(`the supergraph names a subgraph the gateway has no URL for: ${name}`);
    return new SubgraphDataSource({
      name,
      url,
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      logger,
      tokens,
      agent: agents.for(url),
      inflight,
      onRequest: options.onSubgraphRequest,
      breaker: breakers.for(name),
      tracing: options.tracing,
    });
  };
}
