import {
  context,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from "@opentelemetry/api";
import type { IncomingHttpHeaders } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Db } from "./db";
import type { Logger } from "./log";

/*
 * OpenTelemetry traces across the gateway, the subgraphs and their databases (W3C trace
 * context), off unless an OTLP endpoint is set. Every span is made here or beside the code it
 * times, by hand, never by auto-instrumentation: instrumented http, pg or graphql would put URLs,
 * SQL with its values and GraphQL variables in the attributes. A span's attributes are bounded
 * names only (a route, a subgraph, a statement kind, an operation name the staff app ships, an
 * outcome, a status code), never a request's values, ids, tokens or anyone's details.
 *
 * With tracing off no SDK is loaded (tracing-sdk.ts is imported only when it is on) and every
 * helper here is a check of `tracing.on` and nothing more.
 */

/** A trace context (the API's), as the services pass it on. */
export type TraceContext = Context;
export type { Span };

/** What a service's settings say about traces (tracingEnv in config.ts), resolved. */
export interface TracingSettings {
  /** Where spans are sent (OTLP over HTTP); null: tracing is off. */
  tracesUrl: string | null;
  /** The service.name spans carry. */
  serviceName: string;
}

/** The settings of tracingEnv, parsed. */
export interface TracingConfig {
  OTEL_EXPORTER_OTLP_ENDPOINT: string | undefined;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string | undefined;
  OTEL_SDK_DISABLED: boolean;
  OTEL_SERVICE_NAME: string | undefined;
}

/**
 * The traces endpoint as the OTLP exporter specification reads the settings: the traces
 * endpoint as it is, else the general endpoint with /v1/traces; none, or OTEL_SDK_DISABLED=true:
 * off. `service` is the registry name, used unless OTEL_SERVICE_NAME names the service.
 */
export function tracingSettingsOf(config: TracingConfig, service: string): TracingSettings {
  const tracesUrl = config.OTEL_SDK_DISABLED
    ? null
    : (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (config.OTEL_EXPORTER_OTLP_ENDPOINT ? `${config.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces` : null));
  return { tracesUrl, serviceName: config.OTEL_SERVICE_NAME ?? service };
}

/** A service's tracing: on with a tracer and W3C trace context, or off (TRACING_OFF). */
export interface Tracing {
  readonly on: boolean;
  readonly tracer: Tracer;
  /** The W3C trace context headers (traceparent, tracestate) naming `ctx`'s span; none when off. */
  headersOf(ctx: Context): Record<string, string>;
  /** The trace context a request's traceparent and tracestate headers name (ROOT_CONTEXT when none or off). */
  contextOf(headers: IncomingHttpHeaders): Context;
  /** Sends what is still buffered and stops (at the service's shutdown). */
  shutdown(): Promise<void>;
}

/** No traces: no SDK, no spans, no headers. */
export const TRACING_OFF: Tracing = Object.freeze({
  on: false,
  // A provider nobody registers a delegate with: its tracers are the API's no-op tracer.
  tracer: new ProxyTracerProvider().getTracer("family-front-door"),
  headersOf: () => ({}),
  contextOf: () => ROOT_CONTEXT,
  shutdown: async () => undefined,
});

/**
 * The service's tracing from its settings: off without an endpoint (nothing loaded), else the
 * SDK sending spans to the collector in batches. Logs whether it is on, never the endpoint (it
 * may carry credentials).
 */
export async function startTracing(settings: TracingSettings, logger: Logger): Promise<Tracing> {
  if (!settings.tracesUrl) return TRACING_OFF;
  const sdk = await import("./tracing-sdk");
  const tracing = sdk.otlpTracing(settings.tracesUrl, settings.serviceName);
  logger.info("tracing.on", { exporter: "otlp-http", serviceName: settings.serviceName });
  return tracing;
}

/** The attribute names the project's spans use (OpenTelemetry's semantic conventions where one fits). */
export const SPAN_ATTRIBUTES = {
  httpMethod: "http.request.method",
  httpRoute: "http.route",
  httpStatus: "http.response.status_code",
  operationName: "graphql.operation.name",
  operationType: "graphql.operation.type",
  dbSystem: "db.system",
  dbSystemName: "db.system.name",
  dbOperation: "db.operation.name",
  dbEngine: "ffd.db.engine",
  requestId: "ffd.request_id",
  outcome: "ffd.outcome",
  subgraph: "ffd.subgraph.name",
  shared: "ffd.subgraph.shared",
  agency: "ffd.agency",
  feed: "ffd.feed",
} as const;

/** Where the /graphql middleware keep a request's trace context (res.locals). */
const TRACE_CONTEXT_LOCAL = "traceContext";

/** The trace context of a request, as `tracedRequests` set it (undefined: not traced). */
export function traceContextOf(res: Response): Context | undefined {
  return res.locals[TRACE_CONTEXT_LOCAL] as Context | undefined;
}

export interface TracedRequestsOptions {
  /** The route the span names (a fixed path, never the request's URL with its query string). */
  route: string;
  /**
   * Whether the request's traceparent is the span's parent: true only where the caller is one of
   * ours and has proved it (a subgraph after the gateway's token); false at the gateway, where
   * the caller is a browser: the span starts a trace of its own and links to the one given.
   */
  trustIncoming: boolean;
}

/**
 * Express middleware: a SERVER span for each request, ended when the answer is sent (its HTTP
 * status recorded, an error status from 500), kept on res.locals and made the active context
 * for the middleware after it. A pass-through when tracing is off.
 */
export function tracedRequests(tracing: Tracing, options: TracedRequestsOptions): RequestHandler {
  if (!tracing.on) return (_req, _res, next) => next();
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = tracing.contextOf(req.headers);
    const given = trace.getSpanContext(incoming);
    const parent = options.trustIncoming ? incoming : ROOT_CONTEXT;
    const links: Link[] = !options.trustIncoming && given ? [{ context: given }] : [];
    const span = tracing.tracer.startSpan(
      `${req.method} ${options.route}`,
      {
        kind: SpanKind.SERVER,
        links,
        attributes: { [SPAN_ATTRIBUTES.httpMethod]: req.method, [SPAN_ATTRIBUTES.httpRoute]: options.route },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    res.locals[TRACE_CONTEXT_LOCAL] = ctx;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute(SPAN_ATTRIBUTES.httpStatus, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once("finish", end);
    res.once("close", end);
    context.with(ctx, next);
  };
}

/**
 * Express middleware, just before Apollo Server: the request's trace context made active again
 * (reading the body may have left it), so what Apollo runs (resolvers, loaders, database
 * statements) is timed under the request's span.
 */
export function enterTraceContext(tracing: Tracing): RequestHandler {
  if (!tracing.on) return (_req, _res, next) => next();
  return (_req, res, next) => {
    const ctx = traceContextOf(res);
    if (ctx) context.with(ctx, next);
    else next();
  };
}

/**
 * An outgoing call made while a traced request is answered, as a CLIENT span under the active
 * span: `call` is given the trace context headers to send and the span (to record the answer's
 * status on). Outside any trace, or off: no span and no headers.
 */
export async function tracedCall<T>(
  tracing: Tracing,
  name: string,
  attributes: Attributes,
  call: (headers: Record<string, string>, span: Span | undefined) => Promise<T>,
): Promise<T> {
  const active = context.active();
  if (!tracing.on || !trace.getSpanContext(active)) return call({}, undefined);
  const span = tracing.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, active);
  const ctx = trace.setSpan(active, span);
  try {
    return await context.with(ctx, () => call(tracing.headersOf(ctx), span));
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}

/** The request span of a trace context (undefined when not traced). */
export function spanOf(ctx: Context | undefined): Span | undefined {
  return ctx ? trace.getSpan(ctx) : undefined;
}

/** Statement kinds a database span may name; anything else is OTHER (never a word of the statement). */
const STATEMENT_KINDS = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "WITH",
  "VALUES",
  "BEGIN",
  "COMMIT",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
  "CREATE",
  "ALTER",
  "DROP",
  "TRUNCATE",
  "LOCK",
  "SET",
  "SHOW",
  "EXPLAIN",
  "ANALYZE",
  "COPY",
]);

/** A statement's kind (SELECT, INSERT, ...): its first keyword when it is one of the known kinds, else OTHER. */
export function statementKind(sql: string): string {
  const first = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase();
  return first && STATEMENT_KINDS.has(first) ? first : "OTHER";
}

/** The PostgreSQL error code (SQLSTATE) of a failed statement, the only thing of it a span keeps. */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * A database whose statements are timed as CLIENT spans under the active span: the statement's
 * kind (SELECT, ...), the database system and engine (postgres, pglite), never the statement's
 * text or its parameters; a failure keeps only its SQLSTATE. A statement outside any trace
 * (startup, the index's background reads) makes no span. Off: the database itself.
 */
export function tracedDb(db: Db, tracing: Tracing): Db {
  if (!tracing.on) return db;
  const timed = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const active = context.active();
    if (!trace.getSpanContext(active)) return run();
    const kind = statementKind(sql);
    const attributes: Attributes = {
      [SPAN_ATTRIBUTES.dbSystem]: "postgresql",
      [SPAN_ATTRIBUTES.dbSystemName]: "postgresql",
      [SPAN_ATTRIBUTES.dbOperation]: kind,
      [SPAN_ATTRIBUTES.dbEngine]: db.kind,
    };
    const span = tracing.tracer.startSpan(kind, { kind: SpanKind.CLIENT, attributes }, active);
    return run().then(
      (result) => {
        span.end();
        return result;
      },
      (err: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: sqlState(err) ?? "failed" });
        span.end();
        throw err;
      },
    );
  };
  return {
    kind: db.kind,
    query: <Row extends object>(sql: string, params?: readonly unknown[]) =>
      timed(sql, () => db.query<Row>(sql, params)),
    exec: (sql) => timed(sql, () => db.exec(sql)),
    close: () => db.close(),
  };
}
