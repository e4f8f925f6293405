/**
 * The gateways `npm run bench:gateway` measures beside ours (scripts/lib/gateways.js): a plain
 * @apollo/gateway and Hive Gateway with and without its merging of identical subgraph requests in
 * flight, each started as the benchmark starts it, over the committed supergraph with
 * family-index's URL pointing at a recording subgraph in this test (Query.localities is planned to
 * family-index alone). A comparison is fair only if they check callers as ours does and the
 * subgraphs see the same internal token; and the benchmark's command line answers --help and
 * refuses bad options.
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { PURPOSE_OF_ACCESS_HEADER, verifyCallerToken, type Role } from "@ffd/shared";
import { signDevToken } from "../gateway/src/auth";
import { GATEWAY_READY_MS, OTHER_GATEWAYS, startGateway } from "../scripts/lib/gateways";
import { secretEnv, TEST_SECRETS } from "./support/secrets";

const root = path.join(__dirname, "..");
const QUERY = "query Localities { localities { id } }";
/** How long the recording subgraph holds each answer, so that requests sent together are in flight together. */
const ANSWER_AFTER_MS = 400;

interface Seen {
  authorization: string | undefined;
  query: string;
}

/** A family-index stand-in: records each request's authorization and query, answers one locality. */
async function recordingSubgraph(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ authorization: req.headers.authorization, query: (JSON.parse(body) as { query: string }).query });
      setTimeout(() => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: { localities: [{ id: "north" }] } }));
      }, ANSWER_AFTER_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function ask(url: string, token: string | null, purpose = "direct-care") {
  const res = await fetch(new URL("/graphql", url), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      [PURPOSE_OF_ACCESS_HEADER]: purpose,
    },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Record<string, unknown>[] } };
}

const devToken = (role: Role) => signDevToken(TEST_SECRETS.DEV_JWT_SECRET, { role });

describe.each(OTHER_GATEWAYS.map((g) => [g.name, g] as const))("bench:gateway's %s", (_name, gateway) => {
  let subgraph: Awaited<ReturnType<typeof recordingSubgraph>>;
  let running: { url: string; stop: () => Promise<void> };

  beforeAll(async () => {
    subgraph = await recordingSubgraph();
    running = await startGateway(gateway, {
      ...secretEnv(),
      SUBGRAPH_URLS: JSON.stringify({ "family-index": subgraph.url }),
    });
  }, GATEWAY_READY_MS + 10_000);
  afterAll(async () => {
    await running?.stop();
    await subgraph?.close();
  });
  beforeEach(() => subgraph.seen.splice(0));

  it("sends the subgraph an internal token naming the caller and purpose, never the user's token", async () => {
    const token = await devToken("health-visitor");
    const { status, body } = await ask(running.url, token, "direct-care");
    expect(status).toBe(200);
    expect(body).toEqual({ data: { localities: [{ id: "north" }] } });
    expect(subgraph.seen).toHaveLength(1);
    const [{ authorization }] = subgraph.seen;
    expect(authorization).not.toContain(token);
    const caller = await verifyCallerToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, authorization!.replace(/^Bearer /, ""));
    expect(caller).toMatchObject({ role: "health-visitor", purpose: "direct-care", subject: "dev-health-visitor" });
  });

  it.each([
    ["no token", async () => null, "direct-care"],
    [
      "a token signed with another key",
      () => signDevToken("another-key-of-thirty-two-characters!", { role: "front-door" }),
      "direct-care",
    ],
    ["no known purpose of access", () => devToken("front-door"), "curiosity"],
  ])("refuses a request with %s: 401, UNAUTHENTICATED, no detail, nothing sent on", async (_case, token, purpose) => {
    const { status, body } = await ask(running.url, await token(), purpose);
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect((body.errors![0].extensions as Record<string, unknown>).code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.js/);
    expect(subgraph.seen).toHaveLength(0);
  });

  const merges = gateway.env?.HIVE_DEDUPLICATE === "on";
  it(`${merges ? "merges" : "never merges"} one caller's identical subgraph requests in flight, and never two callers'`, async () => {
    const [front, registrar] = await Promise.all([devToken("front-door"), devToken("registrar")]);
    const answers = await Promise.all(
      [...Array.from({ length: 4 }, () => front), ...Array.from({ length: 4 }, () => registrar)].map((t) =>
        ask(running.url, t),
      ),
    );
    for (const a of answers) expect(a.body).toEqual({ data: { localities: [{ id: "north" }] } });
    const roles = await Promise.all(
      subgraph.seen.map(
        async (s) =>
          (await verifyCallerToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, s.authorization!.replace(/^Bearer /, ""))).role,
      ),
    );
    const byRole = (role: Role) => roles.filter((r) => r === role).length;
    if (merges) {
      // One request per caller and token; the tokens are signed to the second, so a caller's four
      // requests may straddle one second's turn and make two.
      for (const role of ["front-door", "registrar"] as const) {
        expect(byRole(role)).toBeGreaterThanOrEqual(1);
        expect(byRole(role)).toBeLessThanOrEqual(2);
      }
    } else {
      expect(byRole("front-door")).toBe(4);
      expect(byRole("registrar")).toBe(4);
    }
  });
});

describe("bench:gateway's Hive Gateway settings", () => {
  it.each([
    [{ HIVE_DEDUPLICATE: "maybe" }, 'HIVE_DEDUPLICATE must be "on" or "off", not "maybe"'],
    [{ HIVE_DEDUPLICATE: "on", SUBGRAPH_URLS: undefined }, "SUBGRAPH_URLS is not set"],
  ])("refuses %j with a clear error", (env, message) => {
    const run = spawnSync(process.execPath, [path.join(root, "scripts", "lib", "hive-gateway.js")], {
      env: {
        ...process.env,
        ...secretEnv(),
        HIVE_GATEWAY_PORT: "1",
        SUBGRAPH_URLS: JSON.stringify({ "family-index": "http://127.0.0.1:1/graphql" }),
        ...env,
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`hive gateway: ${message}`);
  });
});

describe("npm run bench:gateway's command line", () => {
  const bench = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "scripts", "bench-gateway.js"), ...args], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });

  it("prints its usage for --help and starts nothing", () => {
    const run = bench("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run bench:gateway -- \[--families N\].*\[--json\] \[--help\]\n$/);
  });

  it.each([
    [["--runs", "0"], "--runs takes a whole number of 1 or more."],
    [["--families", "many"], "--families takes a whole number of 1 or more."],
    [["--fast"], 'Unknown option "--fast".'],
    [["--no-cache"], "--no-cache is gone"],
  ])("refuses %j with the usage", (args, message) => {
    const run = bench(...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("usage: npm run bench:gateway");
    expect(run.stdout).toBe("");
  });
});
