import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import type { AddressInfo } from "node:net";
import http from "node:http";
import { bearerToken, TokenError } from "./auth";
import { setCaller, verifyCallerToken } from "./caller";
import { ErrorCode, isClientSafeCode } from "./errors";
import { httpErrorHandler, notFound } from "./http-errors";
import { jsonBody } from "./json-body";
import { errorFields, type Logger } from "./log";
import { metricsHandler, type MetricsAccess } from "./metrics";
import { securityHeaders } from "./security-headers";
import { enterTraceContext, tracedRequests, TRACING_OFF, type Tracing } from "./tracing";

export const REQUEST_ID_HEADER = "x-request-id";

/** Reads the caller's request id (set by the gateway) or makes one. */
export function requestIdOf(req: Request): string {
  const given = req.header(REQUEST_ID_HEADER);
  return given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Extension keys a client may see; everything else (stack traces, URLs, SQL) is dropped. */
const SAFE_EXTENSIONS = ["code", "agency", "field", "requestId", "serviceName"];

/**
 * Masks every error whose code was not written for the client: its message and extensions
 * are replaced, so no stack trace, SQL or internal URL leaves the service.
 */
export function maskFormattedError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isClientSafeCode(code)) {
    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(([k]) => SAFE_EXTENSIONS.includes(k)),
    );
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return {
    message: "Something went wrong on our side. The error has been logged; quote the request id if you report it.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.InternalServerError },
  };
}

/** Logs errors the client will not see in full, by request id, without personal data. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<BaseContext & { requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const err of errors) {
            const code = err.extensions?.code;
            if (isClientSafeCode(code)) continue;
            logger.error("graphql.error", {
              requestId: contextValue.requestId,
              operationName: operationName ?? undefined,
              path: err.path?.join("."),
              ...errorFields(err.originalError ?? err),
            });
          }
        },
      };
    },
  };
}

export interface ServiceOptions<Ctx extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  /** Builds the per-request context: loaders are made here, never at module level. */
  context: (req: Request, requestId: string) => Promise<Ctx>;
  /** Extra routes mounted before /graphql (health, identity feed). */
  routes?: (app: Express) => void;
  plugins?: ApolloServerPlugin<Ctx>[];
  introspection?: boolean;
  /** Whether the service is ready to answer (for /ready); default always. */
  ready?: () => boolean;
  /**
   * The secret the gateway signs its internal caller tokens with (INTERNAL_TOKEN_SECRET).
   * /graphql answers only requests carrying such a token; the caller is then callerOf(req).
   */
  internalSecret: string;
  /** Who may read `/metrics` (METRICS_TOKEN); unset: no `/metrics`. */
  metrics?: MetricsAccess;
  /**
   * The service's traces (tracing.ts); unset: off. A request the gateway vouched for continues
   * the gateway's trace (its traceparent); one refused at the token makes no span.
   */
  tracing?: Tracing;
}

/** Said to anyone calling /graphql without a valid gateway token. */
export const ONLY_THE_GATEWAY =
  "Only the Family Front Door gateway may call this service: send your request to the gateway.";

/**
 * Express middleware for a subgraph's /graphql: refuses (401, GraphQL-shaped, UNAUTHENTICATED)
 * any request without a valid internal token signed by the gateway, and records the caller
 * on the request for callerOf(req).
 */
export function requireGatewayToken(secret: string, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = bearerToken(req.header("authorization"));
    if (token) {
      try {
        setCaller(req, await verifyCallerToken(secret, token));
        next();
        return;
      } catch (err) {
        logger.info("graphql.refused", {
          requestId: requestIdOf(req),
          reason: err instanceof TokenError ? err.message : "verification failed",
        });
      }
    } else {
      logger.info("graphql.refused", { requestId: requestIdOf(req), reason: "no token" });
    }
    res
      .status(401)
      .setHeader("WWW-Authenticate", 'Bearer realm="family-front-door-internal"')
      .json({ errors: [{ message: ONLY_THE_GATEWAY, extensions: { code: ErrorCode.Unauthenticated } }] });
  };
}

export interface RunningService {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Builds and listens. Port 0 picks a free port (tests). */
export async function startService<Ctx extends BaseContext & { requestId: string }>(
  options: ServiceOptions<Ctx>,
  port: number,
  host = "127.0.0.1",
): Promise<RunningService> {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders());
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // The entry point handles SIGINT/SIGTERM and calls stop(); Apollo's own handler would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted) => maskFormattedError(formatted),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Federated traces are for Apollo's hosted usage reporting, which this project does not use.
      ApolloServerPluginInlineTraceDisabled(),
      errorLoggingPlugin(options.logger) as ApolloServerPlugin<Ctx>,
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: options.name });
  });
  app.get("/ready", (_req, res) => {
    const ready = options.ready ? options.ready() : true;
    res.status(ready ? 200 : 503).json({ ready, service: options.name });
  });
  if (options.metrics) app.get("/metrics", metricsHandler(options.metrics));
  options.routes?.(app);
  const tracing = options.tracing ?? TRACING_OFF;
  app.use(
    "/graphql",
    requireGatewayToken(options.internalSecret, options.logger),
    // After the token: only the gateway's requests join its traces.
    tracedRequests(tracing, { route: "/graphql", trustIncoming: true }),
    (req: Request, res: Response, next: NextFunction) => {
      // Set before the body is read, so a refused body is logged under the gateway's request id.
      const requestId = requestIdOf(req);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      res.locals.requestId = requestId;
      next();
    },
    jsonBody({ limit: "1mb", logger: options.logger }),
    enterTraceContext(tracing),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => options.context(req, res.locals.requestId as string),
    }),
  );
  app.use(notFound);
  app.use(httpErrorHandler(options.logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const actual = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${actual}/graphql`;
  options.logger.info("service.listening", { port: actual });
  let stopped = false;
  return {
    url,
    port: actual,
    async stop() {
      if (stopped) return;
      stopped = true;
      httpServer.closeAllConnections();
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
