import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { z } from "zod";
import { ConfigError, parseConfig, tracingEnv } from "./config";
import { openPglite, type Db } from "./db";
import { createLogger } from "./log";
import { startTracing, statementKind, tracedDb, tracedRequests, tracingSettingsOf, TRACING_OFF } from "./tracing";
import { InMemorySpanExporter, SimpleSpanProcessor, tracingWith } from "./tracing-sdk";

/*
 * The tracing settings (the standard OTEL_* names), the statement kinds a database span may
 * carry, and the database spans themselves: nothing of a statement but its kind.
 */

const tracingConfig = (env: Record<string, string>) => parseConfig("test", z.object(tracingEnv), env);

function problemsOf(env: Record<string, string>): string[] {
  try {
    tracingConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("tracing settings", () => {
  it("is off without an endpoint, and with OTEL_SDK_DISABLED=true whatever the endpoints", () => {
    expect(tracingSettingsOf(tracingConfig({}), "maternity")).toEqual({ tracesUrl: null, serviceName: "maternity" });
    expect(
      tracingSettingsOf(
        tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "TRUE" }),
        "gateway",
      ).tracesUrl,
    ).toBeNull();
  });

  it("sends to <endpoint>/v1/traces, or to the traces endpoint as given, which wins", () => {
    const general = tracingConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
      OTEL_SDK_DISABLED: "false",
    });
    expect(tracingSettingsOf(general, "gateway").tracesUrl).toBe("http://collector:4318/v1/traces");
    const both = tracingConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example.org/otlp/traces",
    });
    expect(tracingSettingsOf(both, "gateway").tracesUrl).toBe("https://traces.example.org/otlp/traces");
  });

  it("names the service by its registry name unless OTEL_SERVICE_NAME names it", () => {
    expect(tracingSettingsOf(tracingConfig({ OTEL_SERVICE_NAME: "ffd-gateway-blue" }), "gateway").serviceName).toBe(
      "ffd-gateway-blue",
    );
  });

  it("lists every setting out of shape", () => {
    expect(
      problemsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "grpc://collector:4317",
        OTEL_SDK_DISABLED: "yes",
        OTEL_SERVICE_NAME: "the gateway",
      }),
    ).toEqual([
      "OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL (an OTLP over HTTP endpoint)",
      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http(s) URL (an OTLP over HTTP endpoint)",
      "OTEL_SDK_DISABLED: must be true or false",
      "OTEL_SERVICE_NAME: must be 1-100 letters, digits, dots, dashes or underscores",
    ]);
  });

  it("starts nothing when off: the no-op tracing, its middleware passing through, its database the database itself", async () => {
    const tracing = await startTracing(tracingSettingsOf(tracingConfig({}), "gateway"), createLogger("t", "silent"));
    expect(tracing).toBe(TRACING_OFF);
    expect(tracing.headersOf(context.active())).toEqual({});
    const db = { kind: "pglite" } as Db;
    expect(tracedDb(db, tracing)).toBe(db);
    const next = jest.fn();
    tracedRequests(tracing, { route: "/graphql", trustIncoming: true })({} as never, {} as never, next);
    expect(next).toHaveBeenCalledTimes(1);
  });
});

describe("statementKind", () => {
  it.each([
    ["SELECT * FROM msd001_mother_demog WHERE local_patient_id = ANY($1)", "SELECT"],
    ["  \n  select 1", "SELECT"],
    ["-- the family's records\nWITH m AS (SELECT 1) SELECT * FROM m", "WITH"],
    ["/* batch */ INSERT INTO audit_event VALUES ($1)", "INSERT"],
    ["update links set decided = true", "UPDATE"],
    // Never a word of the statement that is not a kind: it could be anything.
    ["Hussain", "OTHER"],
    ["'Amira' SELECT", "OTHER"],
    ["", "OTHER"],
  ])("%j is %s", (sql, kind) => {
    expect(statementKind(sql)).toBe(kind);
  });
});

describe("tracedDb", () => {
  const exporter = new InMemorySpanExporter();
  const tracing = tracingWith("test-db", new SimpleSpanProcessor(exporter));
  let db: Db;

  beforeAll(async () => {
    db = tracedDb(await openPglite(), tracing);
    await db.exec("CREATE TABLE person (id text, given_name text)");
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => exporter.reset());

  /** Runs `fn` under a request span, as a subgraph's /graphql does. */
  async function inRequest<T>(fn: () => Promise<T>): Promise<T> {
    const span = tracing.tracer.startSpan("POST /graphql");
    try {
      return await context.with(trace.setSpan(context.active(), span), fn);
    } finally {
      span.end();
    }
  }

  it("times each statement of a traced request as a span under it, with its kind and never its text or parameters", async () => {
    await inRequest(async () => {
      await db.query("INSERT INTO person VALUES ($1, $2)", ["MAT0000001", "Amira"]);
      await db.query("SELECT given_name FROM person WHERE id = $1", ["MAT0000001"]);
    });
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === "POST /graphql")!;
    const statements = spans.filter((s) => s !== request);
    expect(statements.map((s) => s.name)).toEqual(["INSERT", "SELECT"]);
    for (const s of statements) {
      expect(s.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(s.attributes).toEqual({
        "db.system": "postgresql",
        "db.system.name": "postgresql",
        "db.operation.name": s.name,
        "ffd.db.engine": "pglite",
      });
    }
  });

  it("keeps only the SQLSTATE of a failed statement, never its message (which may quote a value)", async () => {
    await expect(inRequest(() => db.query("SELECT $1::int AS n", ["Amira Hussain"]))).rejects.toThrow();
    const failed = exporter.getFinishedSpans().find((s) => s.name === "SELECT")!;
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: "22P02" });
    expect(failed.events).toEqual([]);
  });

  it("makes no span for a statement outside any trace (startup, background reads)", async () => {
    await db.query("SELECT count(*) FROM person");
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
