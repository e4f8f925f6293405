import http from "node:http";
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { getOperationAST, OperationTypeNode, parse } from "graphql";
import {
  agencyUnavailable,
  httpFetch,
  BreakerOpenError,
  type Breaker,
  errorFields,
  REQUEST_ID_HEADER,
  SERVICES,
  type Logger,
  type ServiceName,
} from "@ffd/shared";
import type { GatewayContext } from "./context";
import { SHAREABLE_MARK, type InflightRequests } from "./inflight";
import type { InternalTokens } from "./internal-tokens";

export { INTERNAL_TOKEN_TTL_SECONDS } from "./internal-tokens";

export interface SubgraphDataSourceOptions {
  name: string;
  /** The subgraph's /graphql URL. */
  url: string;
  timeoutMs: number;
  logger: Logger;
  /** The internal caller token every subgraph request carries, one per caller scope (INTERNAL_TOKEN_SECRET). */
  tokens: InternalTokens;
  /** The kept-alive connections to this subgraph (subgraph-agents.ts). */
  agent: http.Agent;
  /** Identical queries in flight made once (inflight.ts); without it every request is sent. */
  inflight?: InflightRequests;
  /** Called once per request sent to this subgraph (tests assert which subgraphs were asked). */
  onRequest?: (service: string) => void;
  /** The agency's circuit breaker. */
  breaker: Breaker;
}

/**
 * Subgraph calls through the shared HTTP client (any port) over the subgraph's kept-alive
 * connections, each bounded by the subgraph timeout; identical queries in flight made once when
 * `inflight` is given.
 */
export function subgraphFetcher(
  timeoutMs: number,
  agent?: http.Agent,
  inflight?: InflightRequests,
): RemoteGraphQLDataSource["fetcher"] {
  const send = (url: string, init: Parameters<typeof httpFetch>[1]) =>
    httpFetch(url, agent ? { ...init, agent } : init, timeoutMs);
  const fetch = inflight ? inflight.wrap(send) : send;
  return ((url: string, init?: Parameters<typeof httpFetch>[1]) =>
    fetch(url, init ?? {})) as unknown as RemoteGraphQLDataSource["fetcher"];
}

/** Subgraph operations known to be queries or not, by their text: the query plans' fetches, a bounded set. */
const isQueryByText = new Map<string, boolean>();
const MAX_KNOWN_OPERATIONS = 5_000;

/**
 * Whether a subgraph request may share another's answer: a query, never a mutation. The plan's
 * fetch gives its operation as text (its document only when the planner is told to keep it), so
 * each distinct text is parsed once.
 */
export function isQueryOperation(query: string, operationName?: string): boolean {
  const key = `${operationName ?? ""}\n${query}`;
  let known = isQueryByText.get(key);
  if (known === undefined) {
    try {
      known = getOperationAST(parse(query), operationName)?.operation === OperationTypeNode.QUERY;
    } catch {
      known = false;
    }
    if (isQueryByText.size >= MAX_KNOWN_OPERATIONS) isQueryByText.clear();
    isQueryByText.set(key, known);
  }
  return known;
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
 * subgraphs refuse /graphql without one. The token is signed once per caller scope and reused
 * while it has life enough for another subgraph call (internal-tokens.ts), so all of a request's
 * fetches carry the same one, and an identical query of the same caller already in flight is
 * answered from that one fetch (inflight.ts).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly service: ServiceName;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: subgraphFetcher(options.timeoutMs, options.agent, options.inflight) });
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
      headers?.set("authorization", `Bearer ${await this.options.tokens.forCaller(caller)}`);
      const { query, operationName } = options.request;
      if (this.options.inflight && query && isQueryOperation(query, operationName)) headers?.set(SHAREABLE_MARK, "1");
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
