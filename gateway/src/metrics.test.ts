import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  createLogger,
  PURPOSE_OF_ACCESS_HEADER,
  SUBGRAPH_SERVICES,
  urlSetting,
  type RunningService,
  type ServiceName,
} from "@ffd/shared";
import { startTestGateway } from "../../tests/support/gateway";
import { secretEnv } from "../../tests/support/secrets";
import { signDevToken } from "./auth";
import { parseGatewayConfig } from "./config";
import { OperationNames } from "./metrics";
import { startGateway } from "./server";

/*
 * /metrics on the gateway, in process, in front of fake subgraphs: after some requests it serves
 * each operation by name, each subgraph's fetches, the breakers and the audit writes, and no
 * value of any request (variables, ids, names, tokens) appears in it; it is behind METRICS_TOKEN
 * when one is set, and not served in production without one.
 */

/** Values of the requests below that must never reach a metric. */
const PERSON_ID = "person-QX-7731";
const GIVEN_NAME = "Amira-Zenobia";
const RECORD_ID = "MAT0099871";

function fakeAnswer(service: string, body: { query: string; variables?: Record<string, unknown> }): unknown {
  if (service === "family-index" && body.query.includes("person"))
    return {
      data: {
        person: {
          __typename: "Person",
          id: PERSON_ID,
          givenName: GIVEN_NAME,
          maternityRecordIds: [RECORD_ID],
          legitimateRelationship: false,
        },
      },
    };
  if (service === "maternity" && body.query.includes("_entities")) {
    const reps = (body.variables?.representations ?? []) as { maternityRecordIds: string[] }[];
    return {
      data: { _entities: reps.map((r) => ({ __typename: "Person", maternity: { localIds: r.maternityRecordIds } })) },
    };
  }
  return { errors: [{ message: `the fake ${service} was not expecting this` }] };
}

async function startFake(service: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(fakeAnswer(service, JSON.parse(raw))));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

const NAMED = `query FamilyOfPerson($id: ID!) { person(id: $id) { id givenName maternity { localIds } } }`;
const ANONYMOUS = `query ($id: ID!) { person(id: $id) { id } }`;

describe("the gateway's /metrics", () => {
  const fakes: http.Server[] = [];
  let gateway: RunningService;
  let origin: string;
  let token: string;
  const env = (extra: Record<string, string> = {}) => ({
    NODE_ENV: "test",
    ...secretEnv(),
    ...Object.fromEntries(
      SUBGRAPH_SERVICES.map((s, i) => [urlSetting(s), `http://127.0.0.1:${(fakes[i].address() as AddressInfo).port}`]),
    ),
    ...extra,
  });

  beforeAll(async () => {
    for (const s of SUBGRAPH_SERVICES) fakes.push(await startFake(s.name as ServiceName));
    const config = parseGatewayConfig(env());
    gateway = await startGateway({ config, logger: createLogger("gateway", "silent") }, 0);
    origin = gateway.url.replace(/\/graphql$/, "");
    token = await signDevToken(config.DEV_JWT_SECRET, { role: "front-door", subject: "metrics-test-user" });
  });
  afterAll(async () => {
    await gateway.stop();
    await Promise.all(fakes.map((f) => new Promise((r) => f.close(r))));
  });

  const post = (query: string, variables: Record<string, unknown>) =>
    fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
      },
      body: JSON.stringify({ query, variables }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: unknown; errors?: unknown[] } }));

  /** The value of one sample line, by its name and labels as Prometheus prints them. */
  const sample = (text: string, line: string): number | undefined => {
    const found = text.split("\n").find((l) => l.startsWith(`${line} `));
    return found === undefined ? undefined : Number(found.slice(line.length + 1));
  };

  it("serves operations by name, subgraph fetches, breakers and audit writes after some requests, and no request's values", async () => {
    for (let i = 0; i < 2; i++) {
      const { status, body } = await post(NAMED, { id: PERSON_ID });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
    expect((await post(ANONYMOUS, { id: PERSON_ID })).status).toBe(200);

    const res = await fetch(`${origin}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();

    // Nothing of any request: not the variables, the ids, the answer, the caller or the token.
    for (const value of [PERSON_ID, GIVEN_NAME, RECORD_ID, "metrics-test-user", token, "direct-care"])
      expect(text).not.toContain(value);
    // Every label value is a bounded name (no spaces, quotes or braces of a document).
    for (const [, labels] of text.matchAll(/^ffd_\w+\{([^}]*)\}/gm))
      for (const [, value] of labels.matchAll(/="([^"]*)"/g)) expect(value).toMatch(/^[\w.+-]*$/);

    expect(
      sample(
        text,
        'ffd_gateway_operation_duration_seconds_count{operation="FamilyOfPerson",type="query",outcome="ok"}',
      ),
    ).toBe(2);
    expect(
      sample(text, 'ffd_gateway_operation_duration_seconds_count{operation="anonymous",type="query",outcome="ok"}'),
    ).toBe(1);
    expect(
      sample(text, 'ffd_gateway_subgraph_fetch_duration_seconds_count{subgraph="family-index",outcome="ok"}'),
    ).toBe(3);
    expect(sample(text, 'ffd_gateway_subgraph_fetch_duration_seconds_count{subgraph="maternity",outcome="ok"}')).toBe(
      2,
    );
    expect(sample(text, 'ffd_gateway_subgraph_breaker_state{subgraph="family-index",state="closed"}')).toBe(1);
    expect(sample(text, 'ffd_gateway_subgraph_breaker_state{subgraph="family-index",state="open"}')).toBe(0);
    // At least one append (the audit may batch several requests into one).
    expect(sample(text, 'ffd_gateway_audit_write_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("asks for METRICS_TOKEN when one is set", async () => {
    const metricsToken = "m".repeat(40);
    const withToken = await startGateway(
      { config: parseGatewayConfig(env({ METRICS_TOKEN: metricsToken })), logger: createLogger("gateway", "silent") },
      0,
    );
    try {
      const url = withToken.url.replace(/\/graphql$/, "/metrics");
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${"x".repeat(40)}` } })).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("ffd_gateway_operation_duration_seconds");
    } finally {
      await withToken.stop();
    }
  });

  it("is not served in production without METRICS_TOKEN, and is with one", async () => {
    const logger = createLogger("gateway", "silent");
    const closed = await startTestGateway("production", logger);
    const open = await startTestGateway("production", logger, { env: { METRICS_TOKEN: "t".repeat(32) } });
    try {
      expect((await fetch(`${closed.origin}/metrics`)).status).toBe(404);
      const res = await fetch(`${open.origin}/metrics`, { headers: { authorization: `Bearer ${"t".repeat(32)}` } });
      expect(res.status).toBe(200);
    } finally {
      await closed.stop();
      await open.stop();
    }
  });
});

describe("operation names as labels", () => {
  it("keeps GraphQL names, bounds how many, and never passes anything else", () => {
    const names = new OperationNames(2);
    expect(names.label("FamilyRecord")).toBe("FamilyRecord");
    expect(names.label(null)).toBe("anonymous");
    expect(names.label("Not a name {}")).toBe("other");
    expect(names.label("Search")).toBe("Search");
    expect(names.label("ThirdName")).toBe("other");
    expect(names.label("FamilyRecord")).toBe("FamilyRecord");
    expect(names.label("x".repeat(65))).toBe("other");
  });
});
