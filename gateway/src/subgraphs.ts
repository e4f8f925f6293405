import type { GraphQLDataSource } from "@apollo/gateway";
import type { Logger, ServiceName } from "@ffd/shared";
import type { GatewayContext } from "./context";
import { SubgraphBreakers } from "./breakers";
import type { GatewayConfig } from "./config";
import { SubgraphDataSource } from "./data-source";
import { AUDIT_SUBGRAPH } from "./audit-subgraph/name";

export function subgraphUrls(config: GatewayConfig): Record<ServiceName, string> {
  return {
    "family-index": `${config.FAMILY_INDEX_URL}/graphql`,
    maternity: `${config.MATERNITY_URL}/graphql`,
    "health-visiting": `${config.HEALTH_VISITING_URL}/graphql`,
    "childrens-centres": `${config.CHILDRENS_CENTRES_URL}/graphql`,
    registration: `${config.REGISTRATION_URL}/graphql`,
  };
}

/**
 * The query planner's `buildService`: each agency subgraph over HTTP through its circuit breaker
 * (SubgraphDataSource), and the audit subgraph in this process (`audit`, no HTTP to itself).
 */
export function subgraphServices(options: {
  config: GatewayConfig;
  logger: Logger;
  breakers: SubgraphBreakers;
  audit: GraphQLDataSource<GatewayContext>;
  onSubgraphRequest?: (service: string) => void;
}): (service: { name: string }) => GraphQLDataSource<GatewayContext> {
  const { config, logger, breakers } = options;
  const urls = subgraphUrls(config);
  return ({ name }) => {
    if (name === AUDIT_SUBGRAPH) return options.audit;
    const url = urls[name as ServiceName];
    if (!url) throw new Error(`the supergraph names a subgraph the gateway has no URL for: ${name}`);
    return new SubgraphDataSource({
      name,
      url,
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      logger,
      internalSecret: config.INTERNAL_TOKEN_SECRET,
      onRequest: options.onSubgraphRequest,
      breaker: breakers.for(name),
    });
  };
}
