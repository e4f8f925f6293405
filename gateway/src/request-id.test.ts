import http from "node:http";
import type { AddressInfo } from "node:net";
import { REQUEST_ID_HEADER } from "@ffd/shared";
import { startTestGateway, type TestGateway } from "../../tests/support/gateway";
import { CORRELATION_ID_HEADER } from "./request-id";

/*
 * Issue 8, finding 7: the gateway makes its own id for every request. A client's X-Request-Id
 * is kept only as a correlation id (returned as X-Correlation-Id, logged beside the gateway's
 * id); it never becomes the audit event's requestId, so two actors cannot share one. The
 * gateway runs in front of a fake family-index that answers one person and records the
 * request id the gateway sends it.
 */

const PERSON = `{ person(id: "p1") { id givenName } }`;
const CLIENT_ID = "client-chosen-id-1";

describe("request ids at the gateway", () => {
  let familyIndex: http.Server;
  const sentToSubgraph: (string | undefined)[] = [];
  const logged: { event: string; fields: Record<string, unknown> }[] = [];
  const at =
    () =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void logged.push({ event, fields });
  let gw: TestGateway;

  beforeAll(async () => {
    familyIndex = http.createServer((req, res) => {
      req.resume().on("end", () => {
        sentToSubgraph.push(req.headers[REQUEST_ID_HEADER] as string | undefined);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: { person: { __typename: "Person", id: "p1", givenName: "Amira" } } }));
      });
    });
    await new Promise<void>((r) => familyIndex.listen(0, "127.0.0.1", r));
    gw = await startTestGateway(
      "test",
      { debug: at(), info: at(), warn: at(), error: at() },
      { subgraphs: { "family-index": `http://127.0.0.1:${(familyIndex.address() as AddressInfo).port}` } },
    );
  });
  afterAll(async () => {
    await gw.stop();
    await new Promise((r) => familyIndex.close(r));
  });

  async function read(clientId?: string) {
    const res = await fetch(gw.gateway.url, {
      method: "POST",
      headers: {
        ...(await gw.authHeaders()),
        "content-type": "application/json",
        ...(clientId === undefined ? {} : { [REQUEST_ID_HEADER]: clientId }),
      },
      body: JSON.stringify({ query: PERSON }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { person: { id: "p1", givenName: "Amira" } } });
    return { requestId: res.headers.get(REQUEST_ID_HEADER), correlationId: res.headers.get(CORRELATION_ID_HEADER) };
  }

  it("gives two requests sending the same X-Request-Id two different audit request ids", async () => {
    sentToSubgraph.length = 0;
    const first = await read(CLIENT_ID);
    const second = await read(CLIENT_ID);
    const events = await gw.auditStore.trailForPerson("p1", { limit: 10 });
    const audited = events.map((e) => e.requestId);
    expect(audited).toHaveLength(2);
    expect(new Set(audited).size).toBe(2);
    expect(audited).not.toContain(CLIENT_ID);
    // The gateway's own ids, the same in the audit trail, at the subgraph and in the answer.
    expect(new Set(audited)).toEqual(new Set([first.requestId, second.requestId]));
    expect(sentToSubgraph).toEqual([first.requestId, second.requestId]);
    // The client's id comes back apart, as its correlation id, and is logged beside the gateway's.
    expect(first.correlationId).toBe(CLIENT_ID);
    expect(second.correlationId).toBe(CLIENT_ID);
    for (const { requestId } of [first, second]) {
      expect(logged).toContainEqual({ event: "request.correlated", fields: { requestId, correlationId: CLIENT_ID } });
    }
  });

  it("makes its own id without a client id, and drops a malformed one", async () => {
    const plain = await read();
    expect(plain.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(plain.correlationId).toBeNull();
    const malformed = await read("not an id, with <html> in it");
    expect(malformed.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(malformed.correlationId).toBeNull();
    expect(JSON.stringify(logged)).not.toContain("not an id");
  });
});
