import { buildSubgraphSchema } from "@apollo/subgraph";
import { execute, parse } from "graphql";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Client } from "pg";
import { createLogger, PURPOSE_OF_ACCESS_HEADER, type RunningService } from "@ffd/shared";
import { describeIf } from "../../../tests/support/services";
import { dropDatabase, freshDatabase, postgresAvailable, RUN_ID } from "../../../tests/support/postgres";
import { signDevToken } from "../auth";
import { parseGatewayConfig } from "../config";
import { startGateway } from "../server";
import { openAuditStore, type AuditStore, type NewAuditEvent } from "./store";
import { secretEnv } from "../../../tests/support/secrets";

/*
 * A locked audit chain head (another session holding `SELECT ... FOR UPDATE`) must not hold
 * reads: past the lock timeout the append fails, and the gateway answers AUDIT_UNAVAILABLE (503)
 * at once instead of waiting for the lock.
 */

const event = (personId: string): NewAuditEvent => ({
  personId,
  agencies: [],
  categories: ["identity"],
  denied: [],
  unavailable: [],
  actor: "mw-1",
  role: "midwife",
  organisation: "RXK",
  centre: null,
  purpose: "direct-care",
  breakGlassReason: null,
  outcome: "returned",
  requestId: "req-1",
  operationName: null,
});

/** Holds the chain head row locked from another session until `release()`, or at the latest after `ms`. */
async function lockChainHead(url: string, ms: number): Promise<{ release(): Promise<void> }> {
  const other = new Client({ connectionString: url });
  await other.connect();
  await other.query("BEGIN");
  await other.query("SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE");
  let released: Promise<void> | null = null;
  const release = () => (released ??= other.query("ROLLBACK").then(() => other.end()));
  // Without a lock timeout the append would wait for ever: end the lock anyway so the test ends.
  const timer = setTimeout(() => void release(), ms);
  return {
    release: async () => {
      clearTimeout(timer);
      await release();
    },
  };
}

const timed = async <T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> => {
  const started = Date.now();
  try {
    return { value: await work, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
};

describeIf(postgresAvailable())("the audit store with its chain head locked", () => {
  const name = `ffd_audit_${RUN_ID}_locked`;
  let url: string;
  let store: AuditStore;

  beforeAll(async () => {
    url = await freshDatabase(name);
    store = await openAuditStore(url, { timeouts: { statementMs: 5_000, lockMs: 300, queryMs: 8_000 } });
    await store.append([event("p1")]);
  });
  afterAll(async () => {
    await store.close();
    await dropDatabase(name);
  });

  it("fails an append within the lock timeout, then appends again once the lock is gone", async () => {
    const lock = await lockChainHead(url, 4_000);
    let outcome;
    try {
      outcome = await timed(store.append([event("p2")]));
    } finally {
      await lock.release();
    }
    expect(outcome.value).toBeUndefined();
    expect((outcome.error as { code?: string }).code).toBe("55P03");
    expect(outcome.ms).toBeLessThan(2_500);
    // Nothing half-written: the chain goes on from where it was.
    const [written] = await store.append([event("p3")]);
    expect(written.seq).toBe(2);
    await expect(store.verify()).resolves.toEqual({ ok: true, count: 2 });
  });
});

describeIf(postgresAvailable())("a gateway read with the audit chain head locked", () => {
  const name = `ffd_audit_${RUN_ID}_gwlocked`;
  const root = path.join(__dirname, "..", "..", "..");
  let url: string;
  let fake: http.Server;
  let gateway: RunningService;

  beforeAll(async () => {
    url = await freshDatabase(name);
    // family-index alone, over its committed schema: enough for `person(id) { givenName }`.
    const schema = buildSubgraphSchema({
      typeDefs: parse(readFileSync(path.join(root, "subgraphs", "family-index", "schema.graphql"), "utf8")),
      resolvers: {
        Query: { person: (_: unknown, { id }: { id: string }) => ({ id, givenName: "Amira", familyName: "Hussain" }) },
        Person: { __resolveReference: (ref: { id: string }) => ({ ...ref, givenName: "Amira" }) },
      } as never,
    });
    fake = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", async () => {
        const body = JSON.parse(raw);
        const result = await execute({ schema, document: parse(body.query), variableValues: body.variables });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(result));
      });
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    const config = parseGatewayConfig({
      NODE_ENV: "test",
      ...secretEnv(),
      FAMILY_INDEX_URL: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
      // The gateway opens its own store from these settings.
      AUDIT_DATABASE_URL: url,
      DB_LOCK_TIMEOUT_MS: "300",
    });
    gateway = await startGateway({ config, logger: createLogger("gateway", "silent") }, 0);
  });
  afterAll(async () => {
    await gateway.stop();
    await new Promise((r) => fake.close(r));
    await dropDatabase(name);
  });

  const read = async () => {
    const token = await signDevToken(parseGatewayConfig({ NODE_ENV: "test", ...secretEnv() }).DEV_JWT_SECRET, {
      role: "midwife",
      organisation: "RXK",
      subject: "mw-7",
    });
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
      },
      body: JSON.stringify({ query: `{ person(id: "p1") { id givenName } }` }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { extensions: object }[] } };
  };

  it("answers AUDIT_UNAVAILABLE (503) within the lock timeout instead of waiting for the lock", async () => {
    // Unlocked, the read is answered (and audited, which also creates the audit schema).
    const before = await read();
    expect(before).toEqual({ status: 200, body: { data: { person: { id: "p1", givenName: "Amira" } } } });
    const lock = await lockChainHead(url, 4_000);
    let outcome;
    try {
      outcome = await timed(read());
    } finally {
      await lock.release();
    }
    expect(outcome.value?.status).toBe(503);
    expect(outcome.value?.body.data ?? null).toBeNull();
    expect(outcome.value?.body.errors?.map((e) => e.extensions)).toEqual([{ code: "AUDIT_UNAVAILABLE" }]);
    expect(outcome.ms).toBeLessThan(3_000);
  });
});
