import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Request, type Response } from "express";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  bearerToken,
  dataDirOf,
  dbTimeoutsOf,
  ErrorCode,
  errorFields,
  PURPOSE_OF_ACCESS_HEADER,
  errorLoggingPlugin,
  httpErrorHandler,
  jsonBody,
  inputCheckPlugin,
  maskFormattedError,
  notFound,
  REQUEST_ID_HEADER,
  securityHeaders,
  TokenError,
  type Logger,
  type RunningService,
  type ServiceName,
} from "@ffd/shared";
import { auditPlugin } from "./audit/plugin";
import { AUDIT_SUBGRAPH, AUDIT_SUBGRAPH_PATH, mountAuditSubgraph } from "./audit-subgraph/server";
import { openAuditStore, type AuditStore } from "./audit/store";
import { createAuthenticator, signDevToken, type Authenticator } from "./auth";
import { gatewayHealth, SubgraphBreakers } from "./breakers";
import { queryLimitsOf, subgraphBreakerSettingsOf, type GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { SubgraphDataSource } from "./data-source";
import { mountDevTokenRoute } from "./dev-token";
import { IDE_PATH, mountIde } from "./ide";
import { queryLimits } from "./limits";
import { BREAK_GLASS_HEADER, breakGlassOf, DEFAULT_PURPOSE, purposeOf, roleRefusal } from "./purpose";
import { CORRELATION_ID_HEADER, requestIdsOf } from "./request-id";
import { SAMPLE_QUERY } from "./sample";
import { loadTrustedDocuments, trustedDocumentsMiddleware } from "./trusted-documents";
import { DEFAULT_WEB_APP_DIR, mountWebApp } from "./web-app";
import { issuerOriginOf, mountAuthConfigRoute } from "./auth-config";

/** The committed supergraph, composed by `npm run compose`. */
export const SUPERGRAPH_PATH = path.join(__dirname, "..", "supergraph.graphql");

export function readSupergraph(file = SUPERGRAPH_PATH): string {
  return readFileSync(file, "utf8");
}

export function subgraphUrls(config: GatewayConfig): Record<ServiceName, string> {
  return {
    "family-index": `${config.FAMILY_INDEX_URL}/graphql`,
    maternity: `${config.MATERNITY_URL}/graphql`,
    "health-visiting": `${config.HEALTH_VISITING_URL}/graphql`,
    "childrens-centres": `${config.CHILDRENS_CENTRES_URL}/graphql`,
    registration: `${config.REGISTRATION_URL}/graphql`,
  };
}

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  supergraphSdl?: string;
  /** The audit trail; by default opened from AUDIT_DATABASE_URL (embedded PGlite without one). */
  auditStore?: AuditStore;
  /** Observes each subgraph request (tests). */
  onSubgraphRequest?: (service: string) => void;
}

function refuse(res: Response, message: string): void {
  res
    .status(401)
    .setHeader("WWW-Authenticate", 'Bearer realm="family-front-door"')
    .json({ errors: [{ message, extensions: { code: ErrorCode.Unauthenticated } }] });
}

/** How this process reaches itself: a wildcard listening address becomes the loopback one. */
function loopbackHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** Builds the gateway without listening; `start(0)` picks a free port. */
export async function startGateway(
  options: GatewayOptions,
  port: number = options.config.PORT,
  host: string = options.config.HOST,
): Promise<RunningService> {
  const { config, logger } = options;
  const production = config.NODE_ENV === "production";
  const urls = subgraphUrls(config);
  // The audit subgraph is this process: its URL is known once the server listens (below).
  let auditSubgraphUrl: string | null = config.AUDIT_SUBGRAPH_URL ?? null;
  const breakers = new SubgraphBreakers(subgraphBreakerSettingsOf(config), logger);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name }) => {
      const url =
        name === AUDIT_SUBGRAPH
          ? () => {
              if (!auditSubgraphUrl) throw new Error("the gateway is not listening yet");
              return auditSubgraphUrl;
            }
          : urls[name as ServiceName];
      if (!url) throw new Error(`the supergraph names a subgraph the gateway has no URL for: ${name}`);
      return new SubgraphDataSource({
        name,
        url,
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        logger,
        internalSecret: config.INTERNAL_TOKEN_SECRET,
        onRequest: options.onSubgraphRequest,
        breaker: name === AUDIT_SUBGRAPH ? undefined : breakers.for(name),
      });
    },
  });
  const limits = queryLimits(queryLimitsOf(config), production);
  const ownsAuditStore = !options.auditStore;
  const auditStore =
    options.auditStore ??
    (await openAuditStore(config.AUDIT_DATABASE_URL, {
      dataDir: dataDirOf(config),
      timeouts: dbTimeoutsOf(config),
      logger,
    }));
  // Create the audit schema now if the database is there; if not, every read is refused until it is.
  void auditStore
    .ready()
    .catch((err) => logger.warn("audit.store.unreachable", { ...errorFields(err), stack: undefined }));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
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
      ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin(logger),
      ...limits.plugins,
      // Every argument and input field within its bound, every Date and DateTime parsed: before planning.
      inputCheckPlugin(),
      // Last, so it sees the response as it will leave: one audit event per person read, or no data.
      auditPlugin(auditStore, logger),
    ],
  });
  await apollo.start();

  const webAppDir = config.WEB_APP_DIR ?? DEFAULT_WEB_APP_DIR;
  // The staff app's operations by id, from its build (read once, at start).
  const trustedDocuments = loadTrustedDocuments(webAppDir, logger);
  const authenticate: Authenticator = createAuthenticator(config);
  const app = express();
  app.disable("x-powered-by");
  // First, so every answer carries them: pages, JSON, redirects and errors alike.
  app.use(securityHeaders());
  app.get("/health", (_req, res) => {
    res.json(gatewayHealth(breakers));
  });
  // How the staff app signs in: the development page, or OpenID Connect in production.
  mountAuthConfigRoute(app, config);
  if (!production) {
    const ideToken = await signDevToken(config.DEV_JWT_SECRET, { role: "front-door", subject: "dev-ide" });
    mountIde(app, { token: ideToken, purpose: DEFAULT_PURPOSE, query: SAMPLE_QUERY });
    // The staff app's development sign-in (production signs in through OpenID Connect).
    mountDevTokenRoute(app, { secret: config.DEV_JWT_SECRET, logger });
  }
  // The audit trail for IG auditors and the break-glass queue: a subgraph of its own, reading this process's store.
  const auditSubgraph = await mountAuditSubgraph(app, {
    store: auditStore,
    logger,
    internalSecret: config.INTERNAL_TOKEN_SECRET,
    production,
  });
  app.use(
    "/graphql",
    async (req: Request, res: Response, next) => {
      // The gateway's own id; a client's X-Request-Id is only a correlation id beside it.
      const { requestId, correlationId } = requestIdsOf(req);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      res.locals.requestId = requestId;
      if (correlationId) {
        res.setHeader(CORRELATION_ID_HEADER, correlationId);
        logger.info("request.correlated", { requestId, correlationId });
      }
      if (req.method === "GET" && !production && req.accepts(["json", "html"]) === "html") {
        res.redirect(IDE_PATH);
        return;
      }
      const token = bearerToken(req.header("authorization"));
      if (!token) {
        refuse(res, "Sign in first: every request needs an Authorization: Bearer <token> header.");
        return;
      }
      let user;
      try {
        user = await authenticate(token);
      } catch (err) {
        logger.info("auth.refused", {
          requestId,
          reason: err instanceof TokenError ? err.message : "verification failed",
        });
        refuse(res, err instanceof TokenError ? err.message : "The token is not valid or has expired.");
        return;
      }
      // Every request states why: refused before any parsing, planning or subgraph call.
      const purpose = purposeOf(req.header(PURPOSE_OF_ACCESS_HEADER));
      if (typeof purpose !== "string") {
        logger.info("purpose.refused", { requestId, role: user.role });
        res.status(purpose.status).json(purpose.body);
        return;
      }
      // The access policy: may this role state this purpose at all? Refused before any subgraph call.
      const forbidden = roleRefusal(user.role, purpose);
      if (forbidden) {
        logger.info("purpose.forbidden", { requestId, role: user.role, purpose });
        res.status(forbidden.status).json(forbidden.body);
        return;
      }
      // Break-glass: a written reason opens full detail where the policy asks for a relationship.
      const breakGlass = breakGlassOf(req.header(BREAK_GLASS_HEADER), user.role, purpose);
      if (breakGlass !== null && typeof breakGlass !== "string") {
        logger.info("break_glass.refused", { requestId, role: user.role, purpose, status: breakGlass.status });
        res.status(breakGlass.status).json(breakGlass.body);
        return;
      }
      const caller: GatewayContext["caller"] = { ...user, purpose, breakGlass: breakGlass !== null };
      res.locals.caller = caller;
      res.locals.breakGlassReason = breakGlass;
      next();
    },
    jsonBody({ limit: "256kb", logger }),
    // A document id becomes the app's document before Apollo Server parses it: limits, input check and audit apply alike.
    trustedDocumentsMiddleware(trustedDocuments, logger),
    expressMiddleware(apollo, {
      context: async ({ res }) => ({
        requestId: res.locals.requestId as string,
        caller: res.locals.caller,
        breakGlassReason: res.locals.breakGlassReason as string | null,
      }),
    }),
  );
  // The staff app at / and its pages (deep links), after every API route.
  mountWebApp(app, { dir: webAppDir, issuerOrigin: issuerOriginOf(config) });
  // Last: JSON for unknown routes and for any error a route let through, never express's HTML page.
  app.use(notFound);
  app.use(httpErrorHandler(logger));

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  auditSubgraphUrl ??= `http://${loopbackHost(host)}:${actual}${AUDIT_SUBGRAPH_PATH}`;
  logger.info("gateway.listening", { port: actual });
  let stopped = false;
  return {
    url: `http://${host}:${actual}/graphql`,
    port: actual,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await apollo.stop();
      await auditSubgraph.stop();
      breakers.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsAuditStore) await auditStore.close();
    },
  };
}
