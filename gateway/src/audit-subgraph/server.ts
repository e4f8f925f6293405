import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { Express, NextFunction, Request, Response } from "express";
import {
  callerOf,
  errorLoggingPlugin,
  jsonBody,
  maskFormattedError,
  REQUEST_ID_HEADER,
  requestIdOf,
  requireGatewayToken,
  type Logger,
} from "@ffd/shared";
import type { AuditStore } from "../audit/store";
import { createAuditContext, type AuditContext } from "./context";
import { AUDIT_SUBGRAPH_PATH } from "./name";
import { buildAuditSchema } from "./schema";

/*
 * The `audit` subgraph: the audit trail, readable by information governance auditors through
 * the federated graph, and the break-glass review queue. It is served by the gateway process
 * itself, on the gateway's own HTTP server, because it must read the very store the gateway
 * writes (with the embedded PGlite, that store exists only inside this process). The gateway's
 * query planner reaches it over HTTP like any subgraph, with the same short-lived internal
 * caller token; a request without one is refused (401) like at every subgraph.
 */

export { AUDIT_SUBGRAPH, AUDIT_SUBGRAPH_PATH } from "./name";

export interface AuditSubgraphOptions {
  store: AuditStore;
  logger: Logger;
  /** INTERNAL_TOKEN_SECRET: only requests carrying a token the gateway signed with it are answered. */
  internalSecret: string;
  production: boolean;
}

export interface MountedAuditSubgraph {
  stop(): Promise<void>;
}

/** Mounts the audit subgraph at AUDIT_SUBGRAPH_PATH on an express app (before it listens). */
export async function mountAuditSubgraph(app: Express, options: AuditSubgraphOptions): Promise<MountedAuditSubgraph> {
  const { store, logger } = options;
  const apollo = new ApolloServer<AuditContext>({
    schema: await buildAuditSchema(),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    formatError: (formatted) => maskFormattedError(formatted),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      errorLoggingPlugin(logger),
    ],
  });
  await apollo.start();
  app.use(
    AUDIT_SUBGRAPH_PATH,
    requireGatewayToken(options.internalSecret, logger),
    (req: Request, res: Response, next: NextFunction) => {
      // Set before the body is read, so a refused body is logged under the gateway's request id.
      const requestId = requestIdOf(req);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      res.locals.requestId = requestId;
      next();
    },
    jsonBody({ limit: "256kb", logger }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createAuditContext(store, logger, callerOf(req), res.locals.requestId as string),
    }),
  );
  return { stop: () => apollo.stop() };
}
