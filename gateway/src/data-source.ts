import http from "node:http";
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { context, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { getOperationAST, OperationTypeNode, parse } from "graphql";
import {
  agencyUnavailable,
  httpFetch,
  BreakerOpenError,
  type Breaker,
  errorFields,
  REQUEST_ID_HEADER,
  SERVICES,
  SPAN_ATTRIBUTES,
  TRACING_OFF,
  type Logger,
  type ServiceName,
  type Tracing,
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
  /** The gateway's traces: each fetch a span, its context sent in traceparent; unset: off. */
  tracing?: Tracing;
}

type FetchInit = Parameters<typeof httpFetch>[1];
type Fetch = (url: string, init: FetchInit) => ReturnType<typeof httpFetch>;

/**
 * With tracing on: the active fetch span's W3C trace context added to the request's headers
 * (traceparent, tracestate) and the answer's HTTP status recorded on the span. Outside the
 * in-flight merge, whose key leaves these headers out, so two fetches of different traces still
 * share one request (the subgraph's span is then under the first).
 */
function tracedFetch(fetch: Fetch, tracing: Tracing): Fetch {
  if (!tracing.on) return fetch;
  return async (url, init) => {
    const active = context.active();
    const span = trace.getSpan(active);
    if (!span?.isRecording()) return fetch(url, init);
    const headers = { ...(init.headers as Record<string, string> | undefined), ...tracing.headersOf(active) };
    const res = await fetch(url, { ...init, headers });
    span.setAttribute(SPAN_ATTRIBUTES.httpStatus, res.status);
    return res;
  };
}

/**
 * Subgraph calls through the shared HTTP client (any port) over the subgraph's kept-alive
 * connections, each bounded by the subgraph timeout; identical queries in flight made once when
 * `inflight` is given; the trace context sent when `tracing` is on.
 */
export function subgraphFetcher(
  timeoutMs: number,
  agent?: http.Agent,
  inflight?: InflightRequests,
  tracing: Tracing = TRACING_OFF,
): RemoteGraphQLDataSource["fetcher"] {
  const send = (url: string, init: FetchInit) => httpFetch(url, agent ? { ...init, agent } : init, timeoutMs);
  const fetch = tracedFetch(inflight ? inflight.wrap(send) : send, tracing);
  return ((url: string, init?: FetchInit) => fetch(url, init ?? {})) as unknown as RemoteGraphQLDataSource["fetcher"];
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
    super({
      url: options.url,
      fetcher: subgraphFetcher(options.timeoutMs, options.agent, options.inflight, options.tracing),
    });
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
    const tracing = this.options.tracing ?? TRACING_OFF;
    const parent = "incomingRequestContext" in options ? options.context?.traceContext : undefined;
    if (!tracing.on || !parent) return this.call(options);
    // A CLIENT span per fetch: the subgraph's name, the outcome and the HTTP status, nothing of the request.
    const span = tracing.tracer.startSpan(
      `subgraph ${this.service}`,
      { kind: SpanKind.CLIENT, attributes: { [SPAN_ATTRIBUTES.subgraph]: this.service } },
      parent,
    );
    try {
      const response = await context.with(trace.setSpan(parent, span), () => this.call(options, span));
      span.setAttribute(SPAN_ATTRIBUTES.outcome, response.errors?.length ? "errors" : "ok");
      return response;
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  }

  /** The call itself, through the agency's breaker. */
  private async call(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    span?: Span,
  ): Promise<GatewayGraphQLResponse> {
    const send = () => {
      this.options.onRequest?.(this.service);
      return super.process(options);
    };
    try {
      return await this.options.breaker.run(send);
    } catch (err) {
      const requestId = "incomingRequestContext" in options ? options.context?.requestId : undefined;
      // skipped: the breaker is open and nothing was sent; failed: no usable answer.
      span?.setAttribute(SPAN_ATTRIBUTES.outcome, err instanceof BreakerOpenError ? "skipped" : "failed");
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
