import http from "node:http";
import type { AddressInfo } from "node:net";
import { QueryPlanner } from "@apollo/query-planner";
import {
  createLogger,
  openPglite,
  PURPOSE_OF_ACCESS_HEADER,
  SERVICES,
  SUBGRAPH_SERVICES,
  urlSetting,
  verifyCallerToken,
  type RunningService,
  type ServiceName,
} from "@ffd/shared";
import { secretEnv, TEST_SECRETS } from "../../tests/support/secrets";
import { createAuditStore, type AuditStore } from "./audit/store";
import { signDevToken, type Role } from "./auth";
import { parseGatewayConfig } from "./config";
import { SHAREABLE_MARK } from "./inflight";
import { startGateway } from "./server";

/*
 * What the gateway sends its subgraphs, with fake subgraphs behind it that record every request
 * (its headers, its body and the connection it came on) and can hold their answers until the test
 * lets them go: one internal token per caller, kept-alive connections, identical queries of one
 * caller in flight made once (and never across callers or for a mutation), and the query plan
 * made once per operation.
 */

interface Received {
  service: ServiceName;
  authorization: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: { query: string; variables?: Record<string, any> };
  /** The remote port: the same for requests sent down one kept-alive connection. */
  remotePort: number | undefined;
}

const ENV_NAME = Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, urlSetting(s)])) as Record<
  ServiceName,
  string
>;

function fakeAnswer(service: ServiceName, body: Received["body"]): unknown {
  if (service === "family-index" && body.query.includes("unlink")) {
    return { data: { unlink: { persons: [{ __typename: "Person", id: "p1" }] } } };
  }
  if (service === "family-index" && body.query.includes("person")) {
    const id = body.variables?.id ?? "p1";
    return {
      data: {
        person: {
          __typename: "Person",
          id,
          givenName: "Amira",
          maternityRecordIds: [`MAT-${id}`],
          legitimateRelationship: true,
        },
      },
    };
  }
  if (service === "maternity" && body.query.includes("_entities")) {
    const reps = (body.variables?.representations ?? []) as { maternityRecordIds: string[] }[];
    return {
      data: {
        _entities: reps.map((r) => ({ __typename: "Person", maternity: { localIds: r.maternityRecordIds } })),
      },
    };
  }
  return { errors: [{ message: `the fake ${service} was not expecting this` }] };
}

const PERSON = `query Person($id: ID!) { person(id: $id) { id givenName maternity { localIds } } }`;
const UNLINK = `mutation Unlink { unlink(personId: "p1", record: { agency: MATERNITY, localId: "MAT-p1" }) { persons { id } } }`;

describe("the gateway's subgraph requests", () => {
  const received: Received[] = [];
  const fakes: http.Server[] = [];
  /** While set, family-index holds every answer until `release` is called. */
  let held: (() => void)[] | null = null;
  const seen: string[] = [];
  let gateway: RunningService;
  let config: ReturnType<typeof parseGatewayConfig>;
  let audit: AuditStore;

  beforeAll(async () => {
    for (const service of SERVICES) {
      const server = http.createServer((req, res) => {
        let raw = "";
        req.on("data", (c) => (raw += c));
        req.on("end", () => {
          const body = JSON.parse(raw);
          received.push({
            service,
            authorization: req.headers.authorization,
            headers: req.headers,
            body,
            remotePort: req.socket.remotePort,
          });
          const answer = () => {
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify(fakeAnswer(service, body)));
          };
          if (service === "family-index" && held) held.push(answer);
          else answer();
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      fakes.push(server);
    }
    config = parseGatewayConfig({
      NODE_ENV: "test",
      ...secretEnv(),
      ...Object.fromEntries(
        SERVICES.map((s, i) => [ENV_NAME[s], `http://127.0.0.1:${(fakes[i].address() as AddressInfo).port}`]),
      ),
    });
    audit = createAuditStore(await openPglite(), { ownsDb: true });
    gateway = await startGateway(
      {
        config,
        auditStore: audit,
        logger: createLogger("gateway", "silent"),
        onSubgraphRequest: (service) => seen.push(service),
      },
      0,
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await audit.close();
    await Promise.all(fakes.map((f) => new Promise((r) => f.close(r))));
  });
  beforeEach(() => {
    received.length = 0;
    seen.length = 0;
    held = null;
  });

  interface Asker {
    role?: Role;
    subject?: string;
    purpose?: string;
  }

  async function ask(
    query: string,
    { role = "front-door", subject = "user-1", purpose = "direct-care" }: Asker = {},
    variables: Record<string, unknown> = { id: "p1" },
  ): Promise<{ status: number; body: any }> {
    const token = await signDevToken(config.DEV_JWT_SECRET!, { role, subject });
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PURPOSE_OF_ACCESS_HEADER]: purpose,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  }

  /** Sends the requests at once while family-index holds its answers, and lets them go once every request has asked it. */
  async function together<T>(requests: (() => Promise<T>)[]): Promise<T[]> {
    held = [];
    const pending = Promise.all(requests.map((r) => r()));
    const deadline = Date.now() + 10_000;
    while (seen.filter((s) => s === "family-index").length < requests.length) {
      if (Date.now() > deadline) throw new Error("the requests never all reached family-index");
      await new Promise((r) => setTimeout(r, 10));
    }
    // Every request has asked for family-index; give the last one's fetch a moment to be sent (or joined).
    await new Promise((r) => setTimeout(r, 150));
    const release = held;
    held = null;
    release.forEach((answer) => answer());
    return pending;
  }

  const fetchesTo = (service: ServiceName) => received.filter((r) => r.service === service);

  it("sends every subgraph request of one caller the same internal token, naming that caller, and no private mark", async () => {
    await ask(PERSON, { subject: "same-token" });
    await ask(PERSON, { subject: "same-token" }, { id: "p2" });
    expect(received.map((r) => r.service)).toEqual(["family-index", "maternity", "family-index", "maternity"]);
    const tokens = new Set(received.map((r) => r.authorization));
    expect(tokens.size).toBe(1);
    const caller = await verifyCallerToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, [...tokens][0]!.slice("Bearer ".length));
    expect(caller).toMatchObject({ subject: "same-token", role: "front-door", purpose: "direct-care" });
    for (const r of received) expect(r.headers[SHAREABLE_MARK]).toBeUndefined();
  });

  it("keeps connections to a subgraph alive between requests", async () => {
    for (let i = 0; i < 3; i++) await ask(PERSON, { subject: "keep-alive" });
    const ports = new Set(fetchesTo("maternity").map((r) => r.remotePort));
    expect(fetchesTo("maternity")).toHaveLength(3);
    expect(ports.size).toBe(1);
  });

  it("makes identical queries of one caller in flight at once one subgraph request, each answered in full and audited", async () => {
    const before = (await audit.trailForPerson("p1")).length;
    const answers = await together([0, 1, 2].map(() => () => ask(PERSON, { subject: "shared" })));
    expect(fetchesTo("family-index")).toHaveLength(1);
    expect(fetchesTo("maternity")).toHaveLength(1);
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body).toEqual({ data: { person: { id: "p1", givenName: "Amira", maternity: { localIds: ["MAT-p1"] } } } });
    }
    // Every request read the person, so every request is in the audit trail, each under its own request id.
    const trail = await audit.trailForPerson("p1");
    const reads = trail.slice(0, trail.length - before);
    expect(reads).toHaveLength(3);
    expect(new Set(reads.map((e) => e.requestId)).size).toBe(3);
    expect(reads.every((e) => e.actor === "shared" && e.agencies.includes("maternity"))).toBe(true);
  });

  it("shares nothing between one caller's different queries", async () => {
    await together([
      () => ask(PERSON, { subject: "two-asks" }),
      () => ask(PERSON, { subject: "two-asks" }, { id: "p2" }),
    ]);
    expect(fetchesTo("family-index")).toHaveLength(2);
  });

  it.each<[string, Asker, Asker]>([
    ["two users", { subject: "user-a" }, { subject: "user-b" }],
    ["one user in two roles", { subject: "user-c", role: "front-door" }, { subject: "user-c", role: "health-visitor" }],
    [
      "one user with two purposes",
      { subject: "user-d", purpose: "direct-care" },
      { subject: "user-d", purpose: "safeguarding" },
    ],
  ])("never shares a subgraph request between %s", async (_, a, b) => {
    const answers = await together([() => ask(PERSON, a), () => ask(PERSON, b)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    const sent = fetchesTo("family-index");
    expect(sent).toHaveLength(2);
    const callers = await Promise.all(
      sent.map((r) => verifyCallerToken(TEST_SECRETS.INTERNAL_TOKEN_SECRET, r.authorization!.slice("Bearer ".length))),
    );
    expect(callers.map((c) => [c.subject, c.role, c.purpose]).sort()).toEqual(
      [a, b].map((x) => [x.subject, x.role ?? "front-door", x.purpose ?? "direct-care"]).sort(),
    );
  });

  it("sends every mutation as asked, however many identical ones are in flight", async () => {
    const steward = { subject: "steward-1", role: "data-steward" as Role, purpose: "direct-care" };
    const answers = await together([() => ask(UNLINK, steward, {}), () => ask(UNLINK, steward, {})]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(fetchesTo("family-index")).toHaveLength(2);
  });

  it("plans an operation once, however often it is asked and with whatever variables", async () => {
    const planned = jest.spyOn(QueryPlanner.prototype, "buildQueryPlan");
    try {
      const query = `query PlannedOnce($id: ID!) { person(id: $id) { givenName maternity { localIds } } }`;
      await ask(query, {}, { id: "p1" });
      expect(planned).toHaveBeenCalledTimes(1);
      await ask(query, {}, { id: "p2" });
      await ask(query, { subject: "someone-else" }, { id: "p3" });
      expect(planned).toHaveBeenCalledTimes(1);
      await ask(`query PlannedAgain { person(id: "p1") { givenName } }`);
      expect(planned).toHaveBeenCalledTimes(2);
    } finally {
      planned.mockRestore();
    }
  });
});
