import { exportJWK, generateKeyPair, SignJWT } from "jose";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  PURPOSE_OF_ACCESS_HEADER,
  subgraphsOf,
  urlSetting,
  type Logger,
  type RunningService,
  type ServiceName,
} from "@ffd/shared";
import { openAuditStore, type AuditStore } from "../../gateway/src/audit/store";
import { signDevToken } from "../../gateway/src/auth";
import { parseGatewayConfig } from "../../gateway/src/config";
import { startGateway } from "../../gateway/src/server";
import { secretEnv } from "./secrets";

/*
 * One gateway in-process on port 0, in the mode asked for, with an in-memory audit store and
 * a way to sign a user token that mode accepts: the development key outside production, a
 * throwaway OpenID Connect key (served as a JWKS) in production. Subgraphs are wherever the
 * caller says, by default nowhere (port 1): for tests of what the gateway answers by itself.
 */

export type GatewayMode = "development" | "test" | "production";

export interface TestGateway {
  gateway: RunningService;
  /** http://<host>:<port>, without /graphql. */
  origin: string;
  auditStore: AuditStore;
  /** A front-door user token this gateway accepts. */
  token(): Promise<string>;
  /** Headers for an authenticated POST with a purpose of access (no content type). */
  authHeaders(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Base URLs of the subgraphs the test runs; the others are nowhere. */
  subgraphs?: Partial<Record<ServiceName, string>>;
  /** Where to listen: 127.0.0.1 unless a test needs to be reached from another address. */
  host?: string;
  /** More gateway settings (e.g. WEB_APP_DIR). */
  env?: Record<string, string>;
}

export async function startTestGateway(
  mode: GatewayMode,
  logger: Logger,
  { subgraphs = {}, host = "127.0.0.1", env = {} }: TestGatewayOptions = {},
): Promise<TestGateway> {
  const production = mode === "production";
  const urls = Object.fromEntries(
    subgraphsOf().map((s) => [urlSetting(s), subgraphs[s.name as ServiceName] ?? "http://127.0.0.1:1"]),
  );
  let jwks: http.Server | null = null;
  let sign: () => Promise<string>;
  let oidc: Record<string, string> = {};
  if (production) {
    const pair = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const server = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    jwks = server;
    oidc = {
      OIDC_ISSUER: "https://login.example.org",
      OIDC_AUDIENCE: "family-front-door",
      OIDC_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
      OIDC_CLIENT_ID: "family-front-door-app",
      // Required in production; the audit store below is used instead.
      AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
    };
    sign = () =>
      new SignJWT({ role: "front-door", org: "council" })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer("https://login.example.org")
        .setAudience("family-front-door")
        .setSubject("user-1")
        .setExpirationTime("5m")
        .sign(pair.privateKey);
  }
  const config = parseGatewayConfig({
    NODE_ENV: mode,
    ...secretEnv(),
    SUBGRAPH_TIMEOUT_MS: "2000",
    ...urls,
    ...oidc,
    ...env,
  });
  if (!production) sign = () => signDevToken(config.DEV_JWT_SECRET, { role: "front-door", subject: "user-1" });
  const auditStore = await openAuditStore(undefined);
  const gateway = await startGateway({ config, logger, auditStore }, 0, host);
  const token = () => sign();
  return {
    gateway,
    origin: gateway.url.replace(/\/graphql$/, ""),
    auditStore,
    token,
    authHeaders: async () => ({ authorization: `Bearer ${await token()}`, [PURPOSE_OF_ACCESS_HEADER]: "direct-care" }),
    async stop() {
      await gateway.stop();
      await auditStore.close();
      if (jwks) await new Promise((r) => jwks!.close(r));
    },
  };
}
