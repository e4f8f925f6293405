import { ApolloGateway } from "@apollo/gateway";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  httpErrorHandler,
  jsonBody,
  metricsAccessOf,
  metricsHandler,
  notFound,
  enterTraceContext,
  securityHeaders,
  tracedRequests,
  TRACING_OFF,
  type Logger,
  type RunningService,
  type Tracing,
} from "@ffd/shared";
import { createApolloServer } from "./apollo";
import type { AuditStore } from "./audit/store";
import { openAuditTrail } from "./audit-trail";
import { createAuthenticator, signDevToken } from "./auth";
import { issuerOriginOf, mountAuthConfigRoute } from "./auth-config";
import { gatewayHealth, SubgraphBreakers } from "./breakers";
import { subgraphBreakerSettingsOf, type GatewayConfig } from "./config";
import { mountDevTokenRoute } from "./dev-token";
import { mountIde } from "./ide";
import { operationMetricsPlugin, reportBreakers, timedSubgraphs } from "./metrics";
import { DEFAULT_PURPOSE } from "./purpose";
import { authenticationMiddleware } from "./request/authentication";
import { ideRedirect } from "./request/ide-redirect";
import { gatewayContextOf } from "./request/locals";
import { purposeMiddleware } from "./request/purpose";
import { requestIdMiddleware } from "./request/request-id";
import { SAMPLE_QUERY } from "./sample";
import { SubgraphAgents } from "./subgraph-agents";
import { subgraphServices } from "./subgraphs";
import { operationTracingPlugin, trustedOperationNames } from "./tracing";
import { loadTrustedDocuments, trustedDocumentsMiddleware } from "./trusted-documents";
import { DEFAULT_WEB_APP_DIR, mountWebApp } from "./web-app";

export { subgraphUrls } from "./subgraphs";

/** The committed supergraph, composed by `npm run compose`. */
export const SUPERGRAPH_PATH = path.join(__dirname, "..", "supergraph.graphql");

export function readSupergraph(file = SUPERGRAPH_PATH): string {
  return readFileSync(file, "utf8");
}

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  supergraphSdl?: string;
  /** The audit trail; by default opened from AUDIT_DATABASE_URL (embedded PGlite without one). */
  auditStore?: AuditStore;
  /** Observes each subgraph request (tests). */
  onSubgraphRequest?: (service: string) => void;
  /** The gateway's traces (index.ts starts them from OTEL_EXPORTER_OTLP_ENDPOINT); unset: off. */
  tracing?: Tracing;
}

/** A gateway ready to listen: its express app, and how to release what it holds. */
export interface BuiltGateway {
  app: Express;
  logger: Logger;
  /** Stops Apollo, the breakers' timers and the audit store it opened (not the HTTP server). */
  stop(): Promise<void>;
}

/**
 * Builds the gateway without listening. /graphql runs one middleware per concern, in order:
 * request id, (development) the IDE redirect, authentication, purpose with role and
 * break-glass, the body, trusted documents, then Apollo Server with the query limits, the input
 * check and the audit.
 */
export async function buildGateway(options: GatewayOptions): Promise<BuiltGateway> {
  const { config, logger } = options;
  const tracing = options.tracing ?? TRACING_OFF;
  // The staff app's operations by id, from its build (read once, at start).
  const webAppDir = config.WEB_APP_DIR ?? DEFAULT_WEB_APP_DIR;
  const trustedDocuments = loadTrustedDocuments(webAppDir, logger);
  const production = config.NODE_ENV === "production";
  const breakers = new SubgraphBreakers(subgraphBreakerSettingsOf(config), logger);
  reportBreakers(breakers);
  const agents = new SubgraphAgents();
  const audit = await openAuditTrail({
    config,
    logger,
    store: options.auditStore,
    onSubgraphRequest: options.onSubgraphRequest,
    tracing,
  });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: timedSubgraphs(
      subgraphServices({
        config,
        logger,
        breakers,
        agents,
        audit: audit.subgraph,
        onSubgraphRequest: options.onSubgraphRequest,
        tracing,
      }),
    ),
  });
  const apollo = createApolloServer({
    gateway,
    config,
    logger,
    audit: audit.plugin,
    metrics: operationMetricsPlugin(),
    tracing: tracing.on ? operationTracingPlugin(trustedOperationNames(trustedDocuments)) : undefined,
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // First, so every answer carries them: pages, JSON, redirects and errors alike.
  app.use(securityHeaders());
  app.get("/health", (_req, res) => {
    res.json(gatewayHealth(breakers));
  });
  // Prometheus: behind METRICS_TOKEN, or open outside production only (metrics.ts in shared).
  app.get("/metrics", metricsHandler(metricsAccessOf(config)));
  // How the staff app signs in: the development page, or OpenID Connect in production.
  mountAuthConfigRoute(app, config);
  if (!production) {
    const ideToken = await signDevToken(config.DEV_JWT_SECRET, { role: "front-door", subject: "dev-ide" });
    mountIde(app, { token: ideToken, purpose: DEFAULT_PURPOSE, query: SAMPLE_QUERY });
    // The staff app's development sign-in (production signs in through OpenID Connect).
    mountDevTokenRoute(app, { secret: config.DEV_JWT_SECRET, logger });
  }
  app.use(
    "/graphql",
    // A trace of the gateway's own for every request: a browser's traceparent is only a link.
    tracedRequests(tracing, { route: "/graphql", trustIncoming: false }),
    requestIdMiddleware(logger),
    ...(production ? [] : [ideRedirect()]),
    authenticationMiddleware(createAuthenticator(config), logger),
    // Every request states why: refused before any parsing, planning or subgraph call.
    purposeMiddleware(logger),
    jsonBody({ limit: "256kb", logger }),
    // A document id becomes the app's document before Apollo Server parses it: limits, input check and audit apply alike.
    trustedDocumentsMiddleware(trustedDocuments, logger),
    enterTraceContext(tracing),
    expressMiddleware(apollo, { context: async ({ res }) => gatewayContextOf(res) }),
  );
  // The staff app at / and its pages (deep links), after every API route.
  mountWebApp(app, { dir: webAppDir, issuerOrigin: issuerOriginOf(config) });
  // Last: JSON for unknown routes and for any error a route let through, never express's HTML page.
  app.use(notFound);
  app.use(httpErrorHandler(logger));

  let stopped = false;
  return {
    app,
    logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      await apollo.stop();
      breakers.shutdown();
      agents.destroy();
      await audit.close();
    },
  };
}

/** Serves a built gateway on `port` (0 picks a free one); stopping it stops the gateway too. */
export async function listen(built: BuiltGateway, port: number, host: string): Promise<RunningService> {
  const server = http.createServer(built.app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
  } catch (err) {
    await built.stop();
    throw err;
  }
  const actual = (server.address() as AddressInfo).port;
  built.logger.info("gateway.listening", { port: actual });
  let stopped = false;
  return {
    url: `http://${host}:${actual}/graphql`,
    port: actual,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.stop();
    },
  };
}

/** Builds the gateway and listens (`startGateway(options, 0)` picks a free port). */
export async function startGateway(
  options: GatewayOptions,
  port: number = options.config.PORT,
  host: string = options.config.HOST,
): Promise<RunningService> {
  return listen(await buildGateway(options), port, host);
}
