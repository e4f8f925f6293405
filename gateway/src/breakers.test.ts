import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  PURPOSE_OF_ACCESS_HEADER,
  SERVICES,
  type Logger,
  type RunningService,
  type ServiceName,
  SUBGRAPH_SERVICES,
  urlSetting,
} from "@ffd/shared";
import { openAuditStore, type AuditStore } from "./audit/store";
import { signDevToken } from "./auth";
import { parseGatewayConfig } from "./config";
import { startGateway } from "./server";
import { secretEnv } from "../../tests/support/secrets";
import { freeUnsafePort as findUnsafePort, unsafePortName } from "../../tests/support/ports";

const freeUnsafePort = findUnsafePort(0);

/*
 * The gateway in-process in front of fake subgraphs; maternity's fake can be told to hold every
 * request (accept it and never answer, as a SIGSTOPped process does), to fail with a status, or
 * to answer. It counts the requests that reach it, so the tests can tell a request the breaker
 * let through from one it answered for at once.
 */

const SECRET = "gateway-test-internal-secret-of-32-chars";
const TIMEOUT_MS = 1_500;
const RESET_MS = 1_500;
const FAILURES = 3;

/** Each subgraph's URL setting, from the service registry. */
const ENV_NAME = Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, urlSetting(s)])) as Record<
  ServiceName,
  string
>;

const PERSON_QUERY = `{ person(id: "p1") { id givenName maternity { localIds } } }`;
const FULL_ANSWER = { person: { id: "p1", givenName: "Amira", maternity: { localIds: ["MAT0000001"] } } };

type Mode = { kind: "answer" } | { kind: "hold" } | { kind: "status"; status: number } | { kind: "forbidden" };

interface Fake {
  server: http.Server;
  /** Requests that reached this fake. */
  received: number;
  mode: Mode;
}

function answer(service: ServiceName, body: { query: string; variables?: Record<string, any> }, mode: Mode): unknown {
  if (service === "family-index") {
    return {
      data: {
        person: {
          __typename: "Person",
          id: "p1",
          givenName: "Amira",
          maternityRecordIds: ["MAT0000001"],
          legitimateRelationship: true,
        },
      },
    };
  }
  if (mode.kind === "forbidden") {
    return {
      data: { _entities: [null] },
      errors: [{ message: "Not for this role.", extensions: { code: "FORBIDDEN" } }],
    };
  }
  const reps = (body.variables?.representations ?? []) as { maternityRecordIds: string[] }[];
  return {
    data: { _entities: reps.map((r) => ({ __typename: "Person", maternity: { localIds: r.maternityRecordIds } })) },
  };
}

async function startFake(service: ServiceName, port = 0): Promise<Fake> {
  const fake: Fake = { server: http.createServer(), received: 0, mode: { kind: "answer" } };
  fake.server.on("request", (req, res) => {
    fake.received++;
    const mode = fake.mode;
    if (mode.kind === "hold") return; // accepts, reads nothing, never answers
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (mode.kind === "status") {
        res.statusCode = mode.status;
        res.end("unavailable");
        return;
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(answer(service, JSON.parse(raw), mode)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    fake.server.once("error", reject);
    fake.server.listen(port, "127.0.0.1", resolve);
  });
  return fake;
}

interface LogLine {
  level: string;
  event: string;
  fields: Record<string, unknown>;
}

function capturingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

// One audit trail for every gateway this file starts: opening one is most of a gateway's start-up.
let auditStore: AuditStore;
beforeAll(async () => {
  auditStore = await openAuditStore(undefined);
});
afterAll(async () => {
  await auditStore.close();
});

interface Stack {
  gateway: RunningService;
  fakes: Record<ServiceName, Fake>;
  logger: ReturnType<typeof capturingLogger>;
  stop(): Promise<void>;
}

async function startStack(ports: Partial<Record<ServiceName, number>> = {}): Promise<Stack> {
  const fakes = {} as Record<ServiceName, Fake>;
  for (const service of SERVICES) fakes[service] = await startFake(service, ports[service]);
  const logger = capturingLogger();
  const config = parseGatewayConfig({
    NODE_ENV: "test",
    ...secretEnv(),
    INTERNAL_TOKEN_SECRET: SECRET,
    SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
    SUBGRAPH_BREAKER_RESET_MS: String(RESET_MS),
    SUBGRAPH_BREAKER_FAILURES: String(FAILURES),
    ...Object.fromEntries(
      SERVICES.map((s) => [ENV_NAME[s], `http://127.0.0.1:${(fakes[s].server.address() as AddressInfo).port}`]),
    ),
  });
  const gateway = await startGateway({ config, logger, auditStore }, 0, "127.0.0.1");
  return {
    gateway,
    fakes,
    logger,
    async stop() {
      await gateway.stop();
      for (const fake of Object.values(fakes)) {
        fake.server.closeAllConnections();
        await new Promise((r) => fake.server.close(r));
      }
    },
  };
}

async function post(stack: Stack, query = PERSON_QUERY): Promise<{ status: number; body: any; ms: number }> {
  const token = await signDevToken(parseGatewayConfig({ NODE_ENV: "test", ...secretEnv() }).DEV_JWT_SECRET, {
    role: "front-door",
  });
  const started = Date.now();
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
    },
    body: JSON.stringify({ query }),
  });
  const body = await res.json();
  return { status: res.status, body, ms: Date.now() - started };
}

async function health(stack: Stack): Promise<{ status: number; body: any }> {
  const res = await fetch(stack.gateway.url.replace(/\/graphql$/, "/health"));
  return { status: res.status, body: await res.json() };
}

/** The answer with maternity missing: the person, and one error naming the agency. */
function expectMaternityUnavailable(body: any): void {
  expect(body.data).toEqual({ person: { id: "p1", givenName: "Amira", maternity: null } });
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].extensions.code).toBe("AGENCY_UNAVAILABLE");
  expect(body.errors[0].message).toContain("maternity");
}

async function eventually(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("subgraph circuit breaker", () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.stop();
  });

  const events = () => stack.logger.lines.filter((l) => l.event.startsWith("subgraph.breaker."));

  it("shows every agency subgraph's breaker on /health, closed, status ok", async () => {
    const { status, body } = await health(stack);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "ok",
      service: "gateway",
      subgraphs: Object.fromEntries([...SERVICES].sort().map((s) => [s, "closed"])),
    });
  });

  it("opens on a stalled subgraph's first timeout, answers at once without calling it, and closes after a half-open probe sees it answer", async () => {
    const maternity = stack.fakes.maternity;
    maternity.mode = { kind: "hold" };

    // The first request waits out the timeout, then answers partially.
    const first = await post(stack);
    expect(first.status).toBe(200);
    expectMaternityUnavailable(first.body);
    expect(first.ms).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    expect(maternity.received).toBe(1);
    expect(events().map((l) => [l.event, l.fields.subgraph])).toEqual([["subgraph.breaker.open", "maternity"]]);

    const open = await health(stack);
    expect(open.status).toBe(200);
    expect(open.body.status).toBe("degraded");
    expect(open.body.subgraphs).toMatchObject({ maternity: "open", "family-index": "closed" });

    // While open: partial answers at once, and the stalled subgraph is not even asked.
    for (let i = 0; i < 3; i++) {
      const next = await post(stack);
      expect(next.status).toBe(200);
      expectMaternityUnavailable(next.body);
      expect(next.ms).toBeLessThan(TIMEOUT_MS / 3);
    }
    expect(maternity.received).toBe(1);
    expect(stack.fakes["family-index"].received).toBe(4);

    // The agency comes back; after the reset time one request probes it and closes the breaker.
    maternity.mode = { kind: "answer" };
    await eventually(async () => (await health(stack)).body.subgraphs.maternity === "half_open", RESET_MS * 10);
    const probe = await post(stack);
    expect(probe.body).toEqual({ data: FULL_ANSWER });
    expect(maternity.received).toBe(2);
    expect(await health(stack)).toEqual({
      status: 200,
      body: { status: "ok", service: "gateway", subgraphs: expect.objectContaining({ maternity: "closed" }) },
    });
    expect(events().map((l) => l.event)).toEqual([
      "subgraph.breaker.open",
      "subgraph.breaker.half_open",
      "subgraph.breaker.closed",
    ]);
    for (const line of events()) expect(Object.keys(line.fields).sort()).toContain("subgraph");
  });

  it("opens again at once when the half-open probe still finds the subgraph stalled", async () => {
    const maternity = stack.fakes.maternity;
    maternity.mode = { kind: "hold" };
    expectMaternityUnavailable((await post(stack)).body);
    await eventually(async () => (await health(stack)).body.subgraphs.maternity === "half_open", RESET_MS * 10);
    expectMaternityUnavailable((await post(stack)).body); // the probe, which times out
    expect(maternity.received).toBe(2);
    expect((await health(stack)).body.subgraphs.maternity).toBe("open");
    expectMaternityUnavailable((await post(stack)).body);
    expect(maternity.received).toBe(2);
  });

  it(`opens after ${FAILURES} 5xx answers in a row`, async () => {
    const maternity = stack.fakes.maternity;
    maternity.mode = { kind: "status", status: 503 };
    for (let i = 0; i < FAILURES; i++) {
      expect((await health(stack)).body.subgraphs.maternity).toBe("closed");
      expectMaternityUnavailable((await post(stack)).body);
    }
    expect(maternity.received).toBe(FAILURES);
    expect((await health(stack)).body).toMatchObject({ status: "degraded", subgraphs: { maternity: "open" } });
    expectMaternityUnavailable((await post(stack)).body);
    expect(maternity.received).toBe(FAILURES);
  });

  it("stays closed when the subgraph answers, even with GraphQL errors (FORBIDDEN) or a 4xx", async () => {
    const maternity = stack.fakes.maternity;
    maternity.mode = { kind: "forbidden" };
    for (let i = 0; i < FAILURES + 1; i++) {
      const { body } = await post(stack);
      expect(body.errors.map((e: any) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    }
    maternity.mode = { kind: "status", status: 400 };
    for (let i = 0; i < FAILURES + 1; i++) expectMaternityUnavailable((await post(stack)).body);
    expect(maternity.received).toBe(2 * (FAILURES + 1));
    expect((await health(stack)).body.subgraphs.maternity).toBe("closed");
    expect(events()).toEqual([]);
  });
});

describe("subgraph on a port fetch calls unsafe", () => {
  (freeUnsafePort ? it : it.skip)(`reaches a subgraph listening on ${unsafePortName(freeUnsafePort)}`, async () => {
    const stack = await startStack({ maternity: freeUnsafePort });
    try {
      const { status, body } = await post(stack);
      expect(status).toBe(200);
      expect(body).toEqual({ data: FULL_ANSWER });
      expect(stack.fakes.maternity.received).toBe(1);
    } finally {
      await stack.stop();
    }
  });
});
