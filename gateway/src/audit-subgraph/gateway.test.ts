import { buildSubgraphSchema } from "@apollo/subgraph";
import { execute, parse } from "graphql";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createLogger, PURPOSE_OF_ACCESS_HEADER, REQUEST_ID_HEADER, type RunningService, type Role } from "@ffd/shared";
import { describeEachDatabase, dropDatabase, freshDatabase, RUN_ID } from "../../../tests/support/postgres";
import { secretEnv } from "../../../tests/support/secrets";
import { signDevToken } from "../auth";
import { parseGatewayConfig, type GatewayConfig } from "../config";
import { BREAK_GLASS_HEADER } from "../purpose";
import { startGateway } from "../server";

/*
 * The audit API through the real gateway: the gateway opens its own audit store (embedded
 * PGlite, which exists only inside the gateway process; or the real PostgreSQL), records a
 * front-door worker's reads, and an IG auditor then reads them back through the federated
 * graph, from the audit subgraph the gateway serves itself, and reviews a break-glass access.
 * family-index is a fake executing its committed schema; no other subgraph is asked.
 */

const root = path.join(__dirname, "..", "..", "..");
const REASON = "Strategy discussion called at short notice: child at risk tonight";

function fakeFamilyIndex(): http.Server {
  const schema = buildSubgraphSchema({
    typeDefs: parse(readFileSync(path.join(root, "subgraphs", "family-index", "schema.graphql"), "utf8")),
    resolvers: {
      Query: { person: (_: unknown, { id }: { id: string }) => ({ id, givenName: "Zara" }) },
    } as never,
  });
  return http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      const body = JSON.parse(raw);
      const result = await execute({ schema, document: parse(body.query), variableValues: body.variables });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(result));
    });
  });
}

const logger = createLogger("gateway", "silent");
let familyIndex: http.Server;

beforeAll(async () => {
  familyIndex = fakeFamilyIndex();
  await new Promise<void>((r) => familyIndex.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await new Promise((r) => familyIndex.close(r));
});

const configFor = (extra: Record<string, string>): GatewayConfig =>
  parseGatewayConfig({
    NODE_ENV: "test",
    ...secretEnv(),
    SUBGRAPH_TIMEOUT_MS: "2000",
    FAMILY_INDEX_URL: `http://127.0.0.1:${(familyIndex.address() as AddressInfo).port}`,
    ...extra,
  });

const pgName = `ffd_audit_${RUN_ID}_api`;
const variants = [
  { name: "embedded PGlite (the gateway's own)", database: async () => ({}), done: async () => undefined },
  {
    name: "PostgreSQL",
    postgres: true,
    database: async () => ({ AUDIT_DATABASE_URL: await freshDatabase(pgName) }),
    done: () => dropDatabase(pgName),
  },
];

describeEachDatabase(variants)("the audit API through the gateway, audit store on $name", (variant) => {
  let gateway: RunningService;
  let config: GatewayConfig;
  const asked: string[] = [];

  beforeAll(async () => {
    config = configFor(await variant.database());
    gateway = await startGateway({ config, logger, onSubgraphRequest: (s) => asked.push(s) }, 0);
  });
  afterAll(async () => {
    await gateway.stop();
    await variant.done();
  });

  async function post(
    query: string,
    variables: Record<string, unknown>,
    who: { role: Role; subject: string; purpose: string; breakGlass?: string },
  ): Promise<{ status: number; body: any; requestId: string }> {
    const token = await signDevToken(config.DEV_JWT_SECRET, {
      role: who.role,
      subject: who.subject,
      organisation: "LBX",
    });
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PURPOSE_OF_ACCESS_HEADER]: who.purpose,
        ...(who.breakGlass ? { [BREAK_GLASS_HEADER]: who.breakGlass } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json(), requestId: res.headers.get(REQUEST_ID_HEADER)! };
  }

  const worker = { role: "front-door" as const, subject: "fd-11" };
  const auditor = { role: "ig-auditor" as const, subject: "ig-2", purpose: "audit" };
  const READ = `query Child($id: ID!) { person(id: $id) { id givenName } }`;
  const TRAIL = `query Trail($personId: ID!) {
    auditTrail(personId: $personId) {
      eventId actor role organisation purpose breakGlassReason requestId operationName awaitingReview
      breakGlassReview { verdict reviewer reviewerRole }
    }
  }`;
  const QUEUE = `{ breakGlassQueue { eventId personId actor breakGlassReason } }`;
  const REVIEW = `mutation Review($eventId: ID!) {
    reviewBreakGlass(eventId: $eventId, verdict: APPROPRIATE, note: "Minuted at the strategy discussion") {
      eventId verdict reviewer reviewerRole
    }
  }`;

  it("shows the IG auditor who has seen a child's record, and queues break-glass until it is reviewed", async () => {
    const personId = "child-42";
    const plain = await post(READ, { id: personId }, { ...worker, purpose: "direct-care" });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ data: { person: { id: personId, givenName: "Zara" } } });
    const broke = await post(READ, { id: personId }, { ...worker, purpose: "safeguarding", breakGlass: REASON });
    expect(broke.status).toBe(200);
    expect(broke.body.errors).toBeUndefined();

    asked.length = 0;
    const trail = await post(TRAIL, { personId }, auditor);
    expect(trail.status).toBe(200);
    expect(trail.body.errors).toBeUndefined();
    expect(asked).toEqual(["audit"]);
    const [latest, first] = trail.body.data.auditTrail;
    expect(trail.body.data.auditTrail).toHaveLength(2);
    expect(latest).toEqual({
      eventId: expect.any(String),
      actor: "fd-11",
      role: "front-door",
      organisation: "LBX",
      purpose: "safeguarding",
      breakGlassReason: REASON,
      requestId: broke.requestId,
      operationName: "Child",
      awaitingReview: true,
      breakGlassReview: null,
    });
    expect(first).toMatchObject({
      actor: "fd-11",
      purpose: "direct-care",
      breakGlassReason: null,
      requestId: plain.requestId,
      awaitingReview: false,
    });

    const queue = await post(QUEUE, {}, auditor);
    expect(queue.body.data.breakGlassQueue).toContainEqual({
      eventId: latest.eventId,
      personId,
      actor: "fd-11",
      breakGlassReason: REASON,
    });
    const review = await post(REVIEW, { eventId: latest.eventId }, auditor);
    expect(review.body).toEqual({
      data: {
        reviewBreakGlass: {
          eventId: latest.eventId,
          verdict: "APPROPRIATE",
          reviewer: "ig-2",
          reviewerRole: "ig-auditor",
        },
      },
    });
    const after = await post(QUEUE, {}, auditor);
    expect(after.body.data.breakGlassQueue.map((e: { eventId: string }) => e.eventId)).not.toContain(latest.eventId);
    const reviewed = await post(TRAIL, { personId }, auditor);
    // The auditor's own reads of the trail are not reads of the child's record: still two events.
    expect(reviewed.body.data.auditTrail).toHaveLength(2);
    expect(reviewed.body.data.auditTrail[0]).toMatchObject({
      eventId: latest.eventId,
      awaitingReview: false,
      breakGlassReview: { verdict: "APPROPRIATE", reviewer: "ig-2", reviewerRole: "ig-auditor" },
    });
  });

  it("refuses the audit trail to everyone else: at the gateway for the audit purpose, FORBIDDEN naming audit otherwise", async () => {
    const stated = await post(TRAIL, { personId: "child-1" }, { ...worker, purpose: "audit" });
    expect(stated.status).toBe(403);
    expect(stated.body.errors[0].extensions.code).toBe("FORBIDDEN");
    const other = await post(TRAIL, { personId: "child-1" }, { ...worker, purpose: "safeguarding" });
    expect(other.status).toBe(200);
    expect(other.body.data).toBeNull();
    expect(other.body.errors).toEqual([
      {
        message: "The front-door role is not shown the audit trail for safeguarding.",
        path: ["auditTrail"],
        extensions: { code: "FORBIDDEN", agency: "audit", serviceName: "audit" },
      },
    ]);
    const review = await post(REVIEW, { eventId: "anything" }, { ...worker, purpose: "direct-care" });
    expect(review.body.errors[0].extensions).toMatchObject({ code: "FORBIDDEN", agency: "audit" });
  });

  it("serves the audit subgraph in its own process: there is no HTTP route to it to call", async () => {
    const token = await signDevToken(config.DEV_JWT_SECRET, { role: "ig-auditor", subject: "ig-2" });
    for (const route of ["/internal/audit/graphql", "/audit/graphql"]) {
      const res = await fetch(gateway.url.replace(/\/graphql$/, route), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ breakGlassQueue { eventId } }` }),
      });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe("NOT_FOUND");
    }
  });
});
