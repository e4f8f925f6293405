import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, type Context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { Tracing } from "./tracing";

/*
 * The OpenTelemetry SDK, loaded only when tracing is on (startTracing imports this module then,
 * and nothing else imports it). The tracer provider is the service's own, never registered as the
 * process's global one: a library that makes spans through the global API (Apollo's gateway
 * does, with the client's operation name in them) makes none.
 */

/** The longest a batch of spans may take to reach the collector before it is dropped. */
const EXPORT_TIMEOUT_MS = 10_000;

let contextManagerSet = false;

/**
 * The context manager that carries the active span across awaits (AsyncLocalStorage), set once
 * per process: without it a database statement could not find the request it belongs to.
 */
function useAsyncContext(): void {
  if (contextManagerSet) return;
  contextManagerSet = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

/**
 * Tracing through the given span processor (a batch to the collector, or in tests a simple one
 * into memory), the spans carrying `serviceName`. Every trace starts sampled and a span follows
 * its parent's decision.
 */
export function tracingWith(serviceName: string, processor: SpanProcessor): Tracing {
  useAsyncContext();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [processor],
  });
  const propagator = new W3CTraceContextPropagator();
  const tracer = provider.getTracer("family-front-door");
  return {
    on: true,
    tracer,
    headersOf(ctx: Context) {
      const headers: Record<string, string> = {};
      propagator.inject(ctx, headers, defaultTextMapSetter);
      return headers;
    },
    contextOf(headers) {
      return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Tracing to an OTLP over HTTP collector at `url` (e.g. Jaeger's or an OpenTelemetry Collector's :4318/v1/traces). */
export function otlpTracing(url: string, serviceName: string): Tracing {
  return tracingWith(
    serviceName,
    new BatchSpanProcessor(new OTLPTraceExporter({ url, timeoutMillis: EXPORT_TIMEOUT_MS }), {
      exportTimeoutMillis: EXPORT_TIMEOUT_MS,
    }),
  );
}

export { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
