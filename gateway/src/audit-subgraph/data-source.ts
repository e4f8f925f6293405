import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { ErrorCode, errorFields, isClientSafeCode, maskFormattedError, type Logger } from "@ffd/shared";
import { execute, GraphQLError, parse, validate, type GraphQLSchema } from "graphql";
import type { AuditStore } from "../audit/store";
import type { GatewayContext } from "../context";
import { auditTrailUnavailable, createAuditContext } from "./context";
import { AUDIT_SUBGRAPH } from "./name";

export interface LocalAuditDataSourceOptions {
  /** The audit subgraph's executable schema (buildAuditSchema). */
  schema: GraphQLSchema;
  /** The store this gateway writes: with the embedded PGlite it exists only in this process. */
  store: AuditStore;
  logger: Logger;
  /** Called once per request the query planner sends to the audit subgraph (tests). */
  onRequest?: (service: string) => void;
}

const NOT_SIGNED_IN = "Sign in first: the audit trail is read through the gateway by a signed-in user.";

/**
 * The audit subgraph served in the gateway's own process: the query planner's fetches for
 * `audit` are executed against its schema here, with no HTTP and no internal token, because the
 * caller in the gateway's context was authenticated by this very process a moment ago. What the
 * audit subgraph's own Apollo Server used to do is kept: errors not written for the client are
 * logged by request id and masked; a failure outside the resolvers is AUDIT_UNAVAILABLE.
 */
export class LocalAuditDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly options: LocalAuditDataSourceOptions) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { schema, store, logger } = this.options;
    // Health checks and schema loading carry no caller; this gateway does neither (static supergraph).
    const context = "incomingRequestContext" in options ? options.context : undefined;
    const requestId = context?.requestId;
    if (!context?.caller || !requestId)
      return { errors: [{ message: NOT_SIGNED_IN, extensions: { code: ErrorCode.Unauthenticated } }] };
    this.options.onRequest?.(AUDIT_SUBGRAPH);
    const { query, variables, operationName } = options.request;
    try {
      const document = parse(query ?? "");
      const invalid = validate(schema, document);
      // The query planner writes these documents from the supergraph: an invalid one is our bug.
      if (invalid.length) throw new Error(`the query planner sent the audit subgraph an invalid document`);
      const result = await execute({
        schema,
        document,
        variableValues: variables,
        operationName,
        contextValue: createAuditContext(store, logger, context.caller, requestId),
      });
      if (!result.errors?.length) return { data: result.data };
      for (const err of result.errors) this.logUnexpected(err, requestId, operationName);
      return { data: result.data, errors: result.errors.map((e) => maskFormattedError(e.toJSON())) };
    } catch (err) {
      logger.warn("subgraph.unavailable", {
        subgraph: AUDIT_SUBGRAPH,
        requestId,
        ...errorFields(err),
        stack: undefined,
      });
      throw auditTrailUnavailable();
    }
  }

  /** As errorLoggingPlugin: errors the client will not see in full, by request id, without personal data. */
  private logUnexpected(err: GraphQLError, requestId: string, operationName: string | undefined): void {
    if (isClientSafeCode(err.extensions?.code)) return;
    this.options.logger.error("graphql.error", {
      requestId,
      operationName,
      path: err.path?.join("."),
      ...errorFields(err.originalError ?? err),
    });
  }
}
