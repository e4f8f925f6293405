import http from "node:http";
import type { AddressInfo } from "node:net";
import { subgraphFetcher } from "./data-source";
import { SUBGRAPH_MAX_SOCKETS, SubgraphAgents } from "./subgraph-agents";

/*
 * The gateway's connections to a subgraph, against a plain HTTP server that counts the
 * connections it is sent and can hold its answers: kept alive, bounded, and still cut by the
 * subgraph timeout.
 */

describe("subgraph agents", () => {
  let server: http.Server;
  let url: string;
  let connections = 0;
  let hold = false;
  const held: http.ServerResponse[] = [];
  const agents = new SubgraphAgents();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (hold) held.push(res);
        else res.end(JSON.stringify({ data: { ok: true } }));
      });
    });
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    agents.destroy();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    agents.destroy();
    connections = 0;
    hold = false;
  });

  const post = (fetch: ReturnType<typeof subgraphFetcher>) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });

  it("sends one request after another down one kept-alive connection", async () => {
    const fetch = subgraphFetcher(5_000, agents.for(url));
    for (let i = 0; i < 5; i++) expect(await (await post(fetch)).json()).toEqual({ data: { ok: true } });
    expect(connections).toBe(1);
  });

  it("opens at most SUBGRAPH_MAX_SOCKETS connections to a subgraph however many requests wait", async () => {
    const fetch = subgraphFetcher(10_000, agents.for(url));
    hold = true;
    const count = SUBGRAPH_MAX_SOCKETS + 16;
    const answers = Promise.all(Array.from({ length: count }, () => post(fetch).then((r) => r.json())));
    const deadline = Date.now() + 5_000;
    while (held.length < SUBGRAPH_MAX_SOCKETS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    expect(connections).toBe(SUBGRAPH_MAX_SOCKETS);
    expect(held).toHaveLength(SUBGRAPH_MAX_SOCKETS);
    // Answer as requests come: the waiting ones go down the freed connections.
    hold = false;
    held.splice(0).forEach((res) => res.end(JSON.stringify({ data: { ok: true } })));
    expect(await answers).toHaveLength(count);
    expect(connections).toBe(SUBGRAPH_MAX_SOCKETS);
  });

  it("still aborts a call at the subgraph timeout, and does not reuse its connection", async () => {
    const fetch = subgraphFetcher(300, agents.for(url));
    hold = true;
    await expect(post(fetch)).rejects.toMatchObject({ name: "AbortError" });
    hold = false;
    held.splice(0).forEach((res) => res.destroy());
    expect(await (await post(fetch)).json()).toEqual({ data: { ok: true } });
    expect(connections).toBe(2);
  });

  it("keeps one agent per subgraph origin", () => {
    const a = agents.for("http://127.0.0.1:4001/graphql");
    expect(agents.for("http://127.0.0.1:4001/other")).toBe(a);
    expect(agents.for("http://127.0.0.1:4002/graphql")).not.toBe(a);
  });
});
