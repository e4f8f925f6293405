import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import {
  agencyUnavailable,
  httpFetch,
  BreakerOpenError,
  type Breaker,
  errorFields,
  REQUEST_ID_HEADER,
  SERVICES,
  signCallerToken,
  type Logger,
  type ServiceName,
} from "@ffd/shared";
import type { GatewayContext } from "./context";

/** How long an internal caller token is valid: long enough for one subgraph call, no longer. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

export interface SubgraphDataSourceOptions {
  name: string;
  /** The subgraph's /graphql URL. */
  url: string;
  timeoutMs: number;
  logger: Logger;
  /** Signs the internal caller token every subgraph request carries (INTERNAL_TOKEN_SECRET). */
  internalSecret: string;
  /** Called once per request sent to this subgraph (tests assert which subgraphs were asked). */
  onRequest?: (service: string) => void;
  /** The agency's circuit breaker. */
  breaker: Breaker;
}

/** Subgraph calls through the shared HTTP client (any port), each bounded by the subgraph timeout. */
export function subgraphFetcher(timeoutMs: number): RemoteGraphQLDataSource["fetcher"] {
  return ((url: string, init?: Parameters<typeof httpFetch>[1]) =>
    httpFetch(url, init ?? {}, timeoutMs)) as unknown as RemoteGraphQLDataSource["fetcher"];
}

/**
 * Calls one agency subgraph over HTTP (the audit subgraph runs in this process:
 * audit-subgraph/data-source.ts). Passes the request id on, and turns any failure to reach the subgraph
 * (refused, timed out, 5xx, garbage) into AGENCY_UNAVAILABLE naming the agency, so the rest
 * of the answer still comes back and no URL or stack trace reaches the client. Each agency call goes through that
 * agency's circuit breaker: while it is open the call is not made and the agency is reported
 * unavailable at once.
 *
 * Every request carries the caller (the signed-in user and their purpose of access) in a
 * short-lived internal token signed for the subgraphs, in its Authorization header; the
 * subgraphs refuse /graphql without one. A fresh token is signed per subgraph request (HS256,
 * microseconds), so a long query plan never outlives its token.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly service: ServiceName;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: subgraphFetcher(options.timeoutMs) });
    if (!(SERVICES as readonly string[]).includes(options.name)) {
      throw new Error(`unknown subgraph in the supergraph: ${options.name}`);
    }
    this.service = options.name as ServiceName;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading carry no caller (this gateway does neither: static supergraph).
    // (The request-kind enum is not exported at run time, so test for what only a client's request has.)
    if (!("incomingRequestContext" in options)) return;
    const headers = options.request.http?.headers;
    const { requestId, caller } = options.context ?? {};
    if (requestId) headers?.set(REQUEST_ID_HEADER, requestId);
    // The user's own token never goes further than the gateway.
    headers?.delete("authorization");
    if (caller) {
      headers?.set(
        "authorization",
        `Bearer ${await signCallerToken(this.options.internalSecret, caller, INTERNAL_TOKEN_TTL_SECONDS)}`,
      );
    }
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const send = () => {
      this.options.onRequest?.(this.service);
      return super.process(options);
    };
    try {
      return await this.options.breaker.run(send);
    } catch (err) {
      const requestId = "incomingRequestContext" in options ? options.context?.requestId : undefined;
      if (err instanceof BreakerOpenError) {
        // Not called at all: the breaker's opening was logged once, each skipped call only at debug.
        this.options.logger.debug("subgraph.skipped", { subgraph: this.service, requestId, reason: "breaker_open" });
      } else {
        this.options.logger.warn("subgraph.unavailable", {
          subgraph: this.service,
          requestId,
          ...errorFields(err),
          stack: undefined,
        });
      }
      throw agencyUnavailable(this.service);
    }
  }
}
