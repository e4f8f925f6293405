import type { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { errorLoggingPlugin, inputCheckPlugin, maskFormattedError, type Logger } from "@ffd/shared";
import { queryLimitsOf, type GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { queryLimits } from "./limits";

/**
 * Apollo Server over the gateway, its plugins in the order they must run: the query limits
 * (before any planning, so a refused query reaches no subgraph), the input check (every argument
 * and input field within its bound, every Date and DateTime parsed), then the audit, last, so it
 * sees the response as it will leave. Every error is masked unless written for the client.
 */
export function createApolloServer(options: {
  gateway: ApolloGateway;
  config: GatewayConfig;
  logger: Logger;
  audit: ApolloServerPlugin<GatewayContext>;
  /** First, so it times the whole request (metrics.ts). */
  metrics?: ApolloServerPlugin<GatewayContext>;
  /** Names the request's span after its operation (tracing.ts); with tracing on only. */
  tracing?: ApolloServerPlugin<GatewayContext>;
}): ApolloServer<GatewayContext> {
  const production = options.config.NODE_ENV === "production";
  const limits = queryLimits(queryLimitsOf(options.config), production);
  return new ApolloServer<GatewayContext>({
    gateway: options.gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries: ids are answered only from the app's manifest (trusted-documents.ts).
    persistedQueries: false,
    stopOnTerminationSignals: false,
    formatError: (formatted) => maskFormattedError(formatted),
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ...(options.metrics ? [options.metrics] : []),
      ...(options.tracing ? [options.tracing] : []),
      ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin(options.logger),
      ...limits.plugins,
      inputCheckPlugin(),
      options.audit,
    ],
  });
}
