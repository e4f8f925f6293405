/**
 * Traces end to end: the gateway in front of the real maternity subgraph (over its fixture
 * database) and a fake family-index, each with its own tracing into one in-memory exporter.
 * One request is one trace: the gateway's request span, a span per subgraph fetch, maternity's
 * server span under its fetch and a span per statement under that, and nothing of the request
 * (names, NHS numbers, dates of birth, local ids, tokens, variables) in any of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SpanKind } from "@opentelemetry/api";
import {
  createLogger,
  openPglite,
  PURPOSE_OF_ACCESS_HEADER,
  startTracing,
  SUBGRAPH_SERVICES,
  tracedDb,
  tracingSettingsOf,
  TRACING_OFF,
  urlSetting,
  type RunningService,
  type Tracing,
} from "@ffd/shared";
import { InMemorySpanExporter, SimpleSpanProcessor, tracingWith, type ReadableSpan } from "../shared/src/tracing-sdk";
import { createAuditStore, type AuditStore } from "../gateway/src/audit/store";
import { signDevToken } from "../gateway/src/auth";
import { parseGatewayConfig, type GatewayConfig } from "../gateway/src/config";
import { startGateway } from "../gateway/src/server";
import { documentIdOf, MANIFEST_FILE } from "../gateway/src/trusted-documents";
import { parseMaternityConfig } from "../subgraphs/maternity/src/config";
import { createServer as createMaternity } from "../subgraphs/maternity/src/server";
import { openFixtureDb } from "../subgraphs/maternity/src/testing/fixtures";
import { secretEnv } from "./support/secrets";

/** The person the fake family-index answers with: Amira Hussain of maternity's fixture. */
const PERSON_ID = "person-7f3a9c";
const PERSON = {
  __typename: "Person",
  id: PERSON_ID,
  givenName: "Amira",
  familyName: "Hussain",
  dateOfBirth: "1994-03-12",
  nhsNumber: "9434765919",
  maternityRecordIds: ["MAT0000001"],
  legitimateRelationship: true,
};

/** What must never be in a span: the person's details and ids, her records' ids and dates, the request's variables. */
const PRIVATE_VALUES = [
  PERSON_ID,
  "Amira",
  "Hussain",
  "1994-03-12",
  "9434765919",
  "MAT0000001",
  "PRG0000001",
  "BAB0000001",
  "2024-08-01",
  "dy1 4qt",
];

/** A client's own operation name (anything it likes, a person's name included): never a span's. */
const CLIENT_QUERY = `query AmiraHussainLookup($id: ID!) {
  person(id: $id) { id givenName maternity { localIds pregnancies { id agreedDueDate } } }
}`;
/** The staff app's document (a trusted document, sent by id): its name is the app's. */
const APP_QUERY = `query PersonMaternity($id: ID!) { person(id: $id) { id maternity { localIds } } }`;

interface Received {
  headers: http.IncomingHttpHeaders;
}

/** A family-index that answers every person query with PERSON, keeping what it was sent. */
async function fakeFamilyIndex(received: Received[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push({ headers: req.headers });
      const body = JSON.parse(raw) as { query: string };
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify(
          body.query.includes("person")
            ? { data: { person: PERSON } }
            : { errors: [{ message: "the fake family-index was not expecting this" }] },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

const attributeValues = (span: ReadableSpan): string[] => [
  span.name,
  ...Object.values(span.attributes).map(String),
  ...span.events.flatMap((e) => [e.name, ...Object.values(e.attributes ?? {}).map(String)]),
  ...span.links.flatMap((l) => Object.values(l.attributes ?? {}).map(String)),
  ...Object.values(span.resource.attributes).map(String),
  span.status.message ?? "",
];

const serviceOf = (span: ReadableSpan) => span.resource.attributes["service.name"];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("traces across the gateway, a subgraph and its database", () => {
  const exporter = new InMemorySpanExporter();
  const familyIndexReceived: Received[] = [];
  let familyIndex: http.Server;
  let maternity: RunningService;
  let gateway: RunningService;
  let audit: AuditStore;
  let config: GatewayConfig;
  let webAppDir: string;
  let gatewayTracing: Tracing;

  const gatewayConfig = (env: Record<string, string> = {}) =>
    parseGatewayConfig({
      NODE_ENV: "test",
      ...secretEnv(),
      WEB_APP_DIR: webAppDir,
      ...Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [urlSetting(s), "http://127.0.0.1:1"])),
      FAMILY_INDEX_URL: `http://127.0.0.1:${(familyIndex.address() as AddressInfo).port}`,
      MATERNITY_URL: maternity.url.replace(/\/graphql$/, ""),
      ...env,
    });

  beforeAll(async () => {
    webAppDir = mkdtempSync(path.join(tmpdir(), "ffd-traces-"));
    writeFileSync(path.join(webAppDir, MANIFEST_FILE), JSON.stringify({ [documentIdOf(APP_QUERY)]: APP_QUERY }));
    familyIndex = await fakeFamilyIndex(familyIndexReceived);
    const maternityTracing = tracingWith("maternity", new SimpleSpanProcessor(exporter));
    const server = await createMaternity({
      // As runAgency opens it: the agency system's statements timed with the service's tracing.
      db: tracedDb(await openFixtureDb(), maternityTracing),
      config: parseMaternityConfig({ ...secretEnv(), NODE_ENV: "test", LOG_LEVEL: "silent" }),
      logger: createLogger("maternity", "silent"),
      runtime: { tracing: maternityTracing },
    });
    maternity = await server.start(0, "127.0.0.1");
    config = gatewayConfig();
    audit = createAuditStore(await openPglite(), { ownsDb: true });
    gatewayTracing = tracingWith("gateway", new SimpleSpanProcessor(exporter));
    gateway = await startGateway(
      { config, auditStore: audit, logger: createLogger("gateway", "silent"), tracing: gatewayTracing },
      0,
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await maternity?.stop();
    await audit?.close();
    await new Promise((r) => familyIndex?.close(r));
    rmSync(webAppDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    exporter.reset();
    familyIndexReceived.length = 0;
  });

  async function ask(
    url: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any; token: string }> {
    const token = await signDevToken(config.DEV_JWT_SECRET, { role: "midwife", subject: "user-1" });
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json(), token };
  }

  /** Spans are exported as they end; the gateway's ends when its answer has gone. */
  async function spansOfTrace(minimum: number): Promise<ReadableSpan[]> {
    const deadline = Date.now() + 5_000;
    while (!exporter.getFinishedSpans().some((s) => serviceOf(s) === "gateway" && s.kind === SpanKind.SERVER)) {
      if (Date.now() > deadline) throw new Error("the gateway's request span never ended");
      await new Promise((r) => setTimeout(r, 10));
    }
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThanOrEqual(minimum);
    return spans;
  }

  it("makes one trace: the request, a span per subgraph fetch, maternity's server span and its statements, each under the one before", async () => {
    const { status, body } = await ask(gateway.url, { query: CLIENT_QUERY, variables: { id: PERSON_ID } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.maternity.localIds).toEqual(["MAT0000001"]);

    const spans = await spansOfTrace(5);
    const [request, ...otherRoots] = spans.filter((s) => !parentOf(s));
    expect(otherRoots).toEqual([]);
    expect(serviceOf(request)).toBe("gateway");
    expect(request.kind).toBe(SpanKind.SERVER);
    // The client named its operation: the span says only that it was another's.
    expect(request.name).toBe("query other");
    expect(request.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/graphql",
      "http.response.status_code": 200,
      "graphql.operation.name": "other",
      "graphql.operation.type": "query",
      "ffd.outcome": "ok",
    });
    const traceId = request.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);

    const fetches = spans.filter((s) => s.name.startsWith("subgraph "));
    expect(fetches.map((s) => s.attributes["ffd.subgraph.name"]).sort()).toEqual(["family-index", "maternity"]);
    for (const fetch of fetches) {
      expect(fetch.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(fetch)).toBe(request.spanContext().spanId);
      expect(fetch.attributes).toMatchObject({ "ffd.outcome": "ok", "http.response.status_code": 200 });
    }
    const toMaternity = fetches.find((s) => s.attributes["ffd.subgraph.name"] === "maternity")!;
    const toFamilyIndex = fetches.find((s) => s.attributes["ffd.subgraph.name"] === "family-index")!;

    // family-index was sent its fetch span's context in traceparent.
    expect(familyIndexReceived).toHaveLength(1);
    expect(familyIndexReceived[0].headers.traceparent).toBe(`00-${traceId}-${toFamilyIndex.spanContext().spanId}-01`);

    const server = spans.find((s) => serviceOf(s) === "maternity" && s.kind === SpanKind.SERVER)!;
    expect(server).toBeDefined();
    expect(server.name).toBe("POST /graphql");
    expect(parentOf(server)).toBe(toMaternity.spanContext().spanId);
    expect(server.attributes).toMatchObject({ "http.route": "/graphql", "http.response.status_code": 200 });

    const statements = spans.filter((s) => serviceOf(s) === "maternity" && s.kind === SpanKind.CLIENT);
    expect(statements.length).toBeGreaterThanOrEqual(1);
    for (const statement of statements) {
      expect(parentOf(statement)).toBe(server.spanContext().spanId);
      expect(statement.name).toBe("SELECT");
      expect(statement.attributes).toEqual({
        "db.system": "postgresql",
        "db.system.name": "postgresql",
        "db.operation.name": "SELECT",
        "ffd.db.engine": "pglite",
      });
    }
  });

  it("puts nothing of the request in any span: no name, NHS number, date of birth, local id, token or variable", async () => {
    const { body, token } = await ask(gateway.url, { query: CLIENT_QUERY, variables: { id: PERSON_ID } });
    // The answer did carry her records, so the spans had every chance to see them.
    expect(body.data.person.maternity.pregnancies.map((p: { id: string }) => p.id)).toContain("PRG0000001");
    const spans = await spansOfTrace(5);
    const internalToken = familyIndexReceived[0].headers.authorization!.slice("Bearer ".length);
    const forbidden = [...PRIVATE_VALUES, token, internalToken, "AmiraHussainLookup", "agreedDueDate"];
    const leaks = spans.flatMap((span) =>
      attributeValues(span)
        .filter((value) => forbidden.some((f) => value.toLowerCase().includes(f.toLowerCase())))
        .map((value) => `${span.name}: ${value}`),
    );
    expect(leaks).toEqual([]);
  });

  it("names the request span after the staff app's operation when the app sends its document id", async () => {
    const { status } = await ask(gateway.url, { documentId: documentIdOf(APP_QUERY), variables: { id: PERSON_ID } });
    expect(status).toBe(200);
    const spans = await spansOfTrace(4);
    const request = spans.find((s) => serviceOf(s) === "gateway" && s.kind === SpanKind.SERVER)!;
    expect(request.name).toBe("query PersonMaternity");
    expect(request.attributes["graphql.operation.name"]).toBe("PersonMaternity");
  });

  it("starts a trace of its own whatever traceparent the browser sends, keeping it only as a link", async () => {
    const clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const clientSpan = "00f067aa0ba902b7";
    const { status } = await ask(
      gateway.url,
      { query: CLIENT_QUERY, variables: { id: PERSON_ID } },
      { traceparent: `00-${clientTrace}-${clientSpan}-01`, tracestate: "vendor=client-chosen" },
    );
    expect(status).toBe(200);
    const spans = await spansOfTrace(5);
    const request = spans.find((s) => serviceOf(s) === "gateway" && s.kind === SpanKind.SERVER)!;
    expect(parentOf(request)).toBeUndefined();
    expect(request.spanContext().traceId).not.toBe(clientTrace);
    expect(spans.some((s) => s.spanContext().traceId === clientTrace)).toBe(false);
    expect(request.links.map((l) => [l.context.traceId, l.context.spanId])).toEqual([[clientTrace, clientSpan]]);
    // The client's trace state goes no further either.
    expect(familyIndexReceived[0].headers.traceparent).toMatch(new RegExp(`^00-${request.spanContext().traceId}-`));
    expect(familyIndexReceived[0].headers.tracestate).toBeUndefined();
  });

  it("continues a subgraph request's trace only once the gateway's token is checked", async () => {
    const outsider = "0af7651916cd43dd8448eb211c80319c";
    const res = await fetch(maternity.url, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${outsider}-b7ad6b7169203331-01` },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  describe("with tracing off", () => {
    let off: RunningService;
    let offTracing: Tracing;
    beforeAll(async () => {
      // The settings without an endpoint (or with the SDK disabled) give no tracing at all.
      const settings = gatewayConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:1", OTEL_SDK_DISABLED: "true" });
      offTracing = await startTracing(tracingSettingsOf(settings, "gateway"), createLogger("gateway", "silent"));
      off = await startGateway(
        { config: settings, auditStore: audit, logger: createLogger("gateway", "silent"), tracing: offTracing },
        0,
      );
    });
    afterAll(async () => {
      await off?.stop();
    });

    it("makes no span and sends no traceparent", async () => {
      expect(offTracing).toBe(TRACING_OFF);
      const { status } = await ask(off.url, { query: CLIENT_QUERY, variables: { id: PERSON_ID } });
      expect(status).toBe(200);
      expect(familyIndexReceived).toHaveLength(1);
      expect(familyIndexReceived[0].headers.traceparent).toBeUndefined();
      expect(familyIndexReceived[0].headers.tracestate).toBeUndefined();
      // Maternity traces (its own tracing is on), but no span of the gateway's exists, and
      // maternity's own request span starts a trace of its own: nothing came to continue.
      await new Promise((r) => setTimeout(r, 50));
      const spans = exporter.getFinishedSpans();
      expect(spans.filter((s) => serviceOf(s) === "gateway")).toEqual([]);
      const server = spans.find((s) => serviceOf(s) === "maternity" && s.kind === SpanKind.SERVER);
      expect(server && parentOf(server)).toBeUndefined();
    });
  });
});
