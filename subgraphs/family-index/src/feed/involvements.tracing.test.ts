import { context, SpanKind, trace } from "@opentelemetry/api";
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  AGENCIES,
  INVOLVEMENT_FEED_PATH,
  mountInvolvementFeed,
  type Agency,
  type AgencyInvolvement,
  type InvolvementSource,
} from "@ffd/shared";
import { InMemorySpanExporter, SimpleSpanProcessor, tracingWith } from "../../../../shared/src/tracing-sdk";
import { capturingLogger } from "../testing/harness";
import { HttpFeedReader } from "./identity-feed.client";

/*
 * Person.involvements asks the agencies while a request is answered: with tracing on, each
 * call is a span of family-index's under the request, its context is sent on, and the agency's
 * feed continues the trace once family-index's token is checked. Made outside any request, a
 * call carries no trace context and makes no span of family-index's.
 */

const SECRET = "a-test-secret-that-is-at-least-32-characters";

const ZARA: AgencyInvolvement = {
  localId: "1002",
  status: "CURRENT",
  leadPractitioner: { name: "Grace Okafor", role: "Health visitor", team: "North", phone: "01384 814001" },
  since: "2025-05-01",
  lastContactOn: "2025-06-01",
};

describe("involvement feed calls in a trace", () => {
  const exporter = new InMemorySpanExporter();
  const familyIndexTracing = tracingWith("family-index", new SimpleSpanProcessor(exporter));
  const agencyTracing = tracingWith("health-visiting", new SimpleSpanProcessor(exporter));
  const seen: http.IncomingHttpHeaders[] = [];
  const source: InvolvementSource = {
    involvements: async (localIds) => localIds.map((id) => (id === ZARA.localId ? ZARA : null)),
  };
  let server: http.Server;
  let reader: HttpFeedReader;

  beforeAll(async () => {
    const app = express();
    app.use((req, _res, next) => {
      seen.push(req.headers);
      next();
    });
    mountInvolvementFeed(app, "health-visiting", source, () => "2025-06-15", SECRET, capturingLogger(), agencyTracing);
    server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    reader = new HttpFeedReader({
      baseUrls: Object.fromEntries(AGENCIES.map((a) => [a, base])) as Record<Agency, string>,
      secret: SECRET,
      timeoutMs: 2000,
      tracing: familyIndexTracing,
    });
  });
  afterAll(async () => {
    reader.close();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    exporter.reset();
    seen.length = 0;
  });

  it("makes the call a span under the request, sends its context, and the agency's feed continues it", async () => {
    const request = familyIndexTracing.tracer.startSpan("POST /graphql", { kind: SpanKind.SERVER });
    const answer = await context.with(trace.setSpan(context.active(), request), () =>
      reader.involvements("health-visiting", ["1002", "9999"]),
    );
    request.end();
    expect(answer).toEqual([ZARA, null]);
    await new Promise((r) => setTimeout(r, 20));
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.kind === SpanKind.CLIENT)!;
    expect(call.name).toBe("involvements health-visiting");
    expect(call.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(call.attributes).toEqual({
      "ffd.agency": "health-visiting",
      "ffd.feed": "involvements",
      "http.response.status_code": 200,
    });
    expect(seen[0].traceparent).toBe(`00-${request.spanContext().traceId}-${call.spanContext().spanId}-01`);
    const feed = spans.find((s) => s.resource.attributes["service.name"] === "health-visiting")!;
    expect(feed.kind).toBe(SpanKind.SERVER);
    expect(feed.name).toBe(`POST ${INVOLVEMENT_FEED_PATH}`);
    expect(feed.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(feed.spanContext().traceId).toBe(request.spanContext().traceId);
    // Nothing of what was asked or answered.
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toMatch(/1002|9999|Grace|Okafor/);
  });

  it("sends no trace context and makes no span for a call outside any request", async () => {
    await reader.involvements("health-visiting", ["1002"]);
    expect(seen[0].traceparent).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    const spans = exporter.getFinishedSpans();
    expect(spans.filter((s) => s.resource.attributes["service.name"] === "family-index")).toEqual([]);
    // The agency traces its own answer, in a trace of its own: nothing came to continue.
    expect(spans.map((s) => [s.resource.attributes["service.name"], s.parentSpanContext])).toEqual([
      ["health-visiting", undefined],
    ]);
  });

  it("makes no span for a caller without family-index's token, whatever traceparent it sends", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${INVOLVEMENT_FEED_PATH}`;
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      },
      body: JSON.stringify({ localIds: ["1002"] }),
    });
    expect(res.status).toBe(401);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
