import { context, trace } from "@opentelemetry/api";
import { Response, type RequestInit } from "node-fetch";
import { InMemorySpanExporter, SimpleSpanProcessor, tracingWith } from "../../shared/src/tracing-sdk";
import { InflightRequests, SHAREABLE_MARK } from "./inflight";

/*
 * Identical requests in flight made once, over a fetch the test answers by hand: what counts as
 * identical, what is never shared, and that every waiting request gets an answer of its own.
 */

function fakeFetch() {
  const calls: {
    url: string;
    init: RequestInit;
    answer: (body: unknown, status?: number) => void;
    fail: (err: Error) => void;
  }[] = [];
  const fetch = (url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      calls.push({
        url,
        init,
        answer: (body, status = 200) =>
          resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })),
        fail: reject,
      });
    });
  return { calls, fetch };
}

const URL_A = "http://127.0.0.1:4001/graphql";
const BODY = JSON.stringify({ query: "query Q__maternity__1{x}", variables: {} });
const init = (authorization: string | null, options: { shareable?: boolean; body?: string } = {}): RequestInit => ({
  method: "POST",
  headers: {
    "content-type": "application/json",
    ...(authorization ? { authorization } : {}),
    ...(options.shareable === false ? {} : { [SHAREABLE_MARK]: "1" }),
  },
  body: options.body ?? BODY,
});

describe("requests in flight", () => {
  it("makes identical shareable requests one fetch, each getting its own copy of the answer", async () => {
    const inflight = new InflightRequests();
    const { calls, fetch } = fakeFetch();
    const send = inflight.wrap(fetch);
    const answers = [send(URL_A, init("Bearer t1")), send(URL_A, init("Bearer t1")), send(URL_A, init("Bearer t1"))];
    expect(calls).toHaveLength(1);
    expect((calls[0].init.headers as Record<string, string>)[SHAREABLE_MARK]).toBeUndefined();
    calls[0].answer({ data: { x: { n: 1 } } });
    for (const a of answers) expect((await a).headers.get("content-type")).toBe("application/json");
    const bodies = await Promise.all(answers.map(async (a) => (await a).json()));
    expect(bodies).toEqual([{ data: { x: { n: 1 } } }, { data: { x: { n: 1 } } }, { data: { x: { n: 1 } } }]);
    (bodies[0] as any).data.x.n = 2;
    expect(bodies[1]).toEqual({ data: { x: { n: 1 } } });
    expect(inflight.shared).toBe(2);
    expect(inflight.size).toBe(0);
  });

  it("shares identical requests of two traces: their trace context (traceparent, tracestate) is no part of the key", async () => {
    const inflight = new InflightRequests();
    const { calls, fetch } = fakeFetch();
    const send = inflight.wrap(fetch);
    const traced = (traceparent: string, tracestate: string): RequestInit => {
      const base = init("Bearer t1");
      return { ...base, headers: { ...(base.headers as Record<string, string>), traceparent, tracestate } };
    };
    const exporter = new InMemorySpanExporter();
    const tracing = tracingWith("gateway", new SimpleSpanProcessor(exporter));
    /** Sends under a fetch span of its own, as the subgraph data source does. */
    const fetchSpan = (name: string, request: RequestInit) => {
      const span = tracing.tracer.startSpan(name);
      return context.with(trace.setSpan(context.active(), span), () => send(URL_A, request)).finally(() => span.end());
    };
    const first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const answers = [
      fetchSpan("first", traced(first, "ffd=a")),
      fetchSpan("second", traced("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "ffd=b")),
    ];
    expect(calls).toHaveLength(1);
    // Sent with the first one's context: the subgraph's span is under the first fetch.
    expect((calls[0].init.headers as Record<string, string>).traceparent).toBe(first);
    calls[0].answer({ data: {} });
    await Promise.all(answers);
    expect(inflight.shared).toBe(1);
    // The second fetch's span says it was answered from the first's request.
    const shared = exporter.getFinishedSpans().map((s) => [s.name, s.attributes["ffd.subgraph.shared"] ?? false]);
    expect(shared.sort()).toEqual([
      ["first", false],
      ["second", true],
    ]);
  });

  it("keeps no answer once it has come: a later identical request is fetched again", async () => {
    const inflight = new InflightRequests();
    const { calls, fetch } = fakeFetch();
    const send = inflight.wrap(fetch);
    const first = send(URL_A, init("Bearer t1"));
    calls[0].answer({ data: {} });
    await first;
    const second = send(URL_A, init("Bearer t1"));
    expect(calls).toHaveLength(2);
    calls[1].answer({ data: {} });
    await second;
  });

  it.each<[string, RequestInit, string]>([
    ["another caller's token", init("Bearer t2"), URL_A],
    ["another body", init("Bearer t1", { body: JSON.stringify({ query: "query Q{y}" }) }), URL_A],
    ["another subgraph", init("Bearer t1"), "http://127.0.0.1:4002/graphql"],
    ["no caller", init(null), URL_A],
    ["a request not marked shareable (a mutation)", init("Bearer t1", { shareable: false }), URL_A],
  ])("never shares with %s", async (_, other, url) => {
    const inflight = new InflightRequests();
    const { calls, fetch } = fakeFetch();
    const send = inflight.wrap(fetch);
    const a = send(URL_A, init("Bearer t1"));
    const b = send(url, other);
    expect(calls).toHaveLength(2);
    calls.forEach((c) => c.answer({ data: {} }));
    await Promise.all([a, b]);
    expect(inflight.shared).toBe(0);
  });

  it("never shares two unmarked requests, even identical ones", async () => {
    const inflight = new InflightRequests();
    const { calls, fetch } = fakeFetch();
    const send = inflight.wrap(fetch);
    const both = [
      send(URL_A, init("Bearer t1", { shareable: false })),
      send(URL_A, init("Bearer t1", { shareable: false })),
    ];
    expect(calls).toHaveLength(2);
    calls.forEach((c) => c.answer({ data: {} }));
    await Promise.all(both);
  });

  it("gives every waiting request the failure, status and all, and then forgets it", async () => {
    const inflight = new InflightRequests();
    const { calls, fetch } = fakeFetch();
    const send = inflight.wrap(fetch);
    const failing = [send(URL_A, init("Bearer t1")), send(URL_A, init("Bearer t1"))];
    calls[0].fail(Object.assign(new Error("The operation was aborted."), { name: "AbortError" }));
    for (const f of failing) await expect(f).rejects.toMatchObject({ name: "AbortError" });
    const refused = [send(URL_A, init("Bearer t1")), send(URL_A, init("Bearer t1"))];
    expect(calls).toHaveLength(2);
    calls[1].answer({ errors: [{ message: "down" }] }, 503);
    for (const r of refused) expect((await r).status).toBe(503);
    expect(inflight.size).toBe(0);
  });
});
