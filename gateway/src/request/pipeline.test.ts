import http from "node:http";
import type { AddressInfo } from "node:net";
import { PURPOSE_OF_ACCESS_HEADER, REQUEST_ID_HEADER, type Logger } from "@ffd/shared";
import { secretEnv } from "../../../tests/support/secrets";
import { openAuditStore, type AuditStore } from "../audit/store";
import { signDevToken } from "../auth";
import { parseGatewayConfig } from "../config";
import { buildGateway, type BuiltGateway } from "../server";

/*
 * The /graphql pipeline, one middleware per concern, in order: request id, authentication,
 * purpose (with role and break-glass), then the body. The gateway is built without listening
 * and served here on a server of the test's own, which is what buildGateway is for. No subgraph
 * is reachable: every request below must be refused before one would be asked.
 */

const config = parseGatewayConfig({ NODE_ENV: "test", ...secretEnv(), FAMILY_INDEX_URL: "http://127.0.0.1:9" });
const logged: { event: string; fields: Record<string, unknown> }[] = [];
const at =
  () =>
  (event: string, fields: Record<string, unknown> = {}) =>
    void logged.push({ event, fields });
const logger: Logger = { debug: at(), info: at(), warn: at(), error: at() };

let store: AuditStore;
let built: BuiltGateway;
let server: http.Server;
let url: string;

beforeAll(async () => {
  store = await openAuditStore(undefined);
  built = await buildGateway({ config, logger, auditStore: store });
  server = http.createServer(built.app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await built.stop();
  await store.close();
});

const token = (role: "front-door" | "registrar") => signDevToken(config.DEV_JWT_SECRET, { role, subject: `${role}-1` });

async function post(headers: Record<string, string>, body = JSON.stringify({ query: "{ __typename }" })) {
  logged.length = 0;
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return {
    status: res.status,
    requestId: res.headers.get(REQUEST_ID_HEADER),
    code: ((await res.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code,
  };
}

describe("the /graphql pipeline of a built gateway", () => {
  it("gives every answer, a refusal included, the gateway's request id", async () => {
    const refused = await post({});
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("authenticates before it asks the purpose or reads the body", async () => {
    expect(await post({})).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    const oversized = JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(300_000) });
    expect(await post({ [PURPOSE_OF_ACCESS_HEADER]: "nonsense" }, oversized)).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    expect(await post({ authorization: "Bearer not-a-token" })).toMatchObject({ status: 401 });
    expect(logged.map((l) => l.event)).toEqual(["auth.refused"]);
  });

  it("asks the purpose, then whether the role may state it, before reading the body", async () => {
    const auth = { authorization: `Bearer ${await token("front-door")}` };
    const oversized = JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(300_000) });
    const missing = await post(auth, oversized);
    expect(missing).toMatchObject({ status: 400, code: "BAD_USER_INPUT" });
    expect(logged).toEqual([
      { event: "purpose.refused", fields: { requestId: missing.requestId, role: "front-door" } },
    ]);

    const registrar = { authorization: `Bearer ${await token("registrar")}` };
    const forbidden = await post({ ...registrar, [PURPOSE_OF_ACCESS_HEADER]: "direct-care" }, oversized);
    expect(forbidden).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(logged).toEqual([
      {
        event: "purpose.forbidden",
        fields: { requestId: forbidden.requestId, role: "registrar", purpose: "direct-care" },
      },
    ]);
  });

  it("reads the body only once the caller and purpose are settled", async () => {
    const auth = { authorization: `Bearer ${await token("front-door")}`, [PURPOSE_OF_ACCESS_HEADER]: "direct-care" };
    const oversized = JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(300_000) });
    expect((await post(auth, oversized)).status).toBe(413);
    expect(await post(auth)).toMatchObject({ status: 200, code: undefined });
  });
});
