import { exportJWK, generateKeyPair, SignJWT } from "jose";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "@ffd/shared";
import { createAuthenticator, signDevToken } from "./auth";
import { parseGatewayConfig } from "./config";
import { secretEnv, TEST_SECRETS } from "../../tests/support/secrets";

describe("development tokens", () => {
  const config = parseGatewayConfig({ ...secretEnv(), NODE_ENV: "development" });

  it("accepts a token signed with the development key and reads the caller from it", async () => {
    const token = await signDevToken(config.DEV_JWT_SECRET, {
      role: "health-visitor",
      organisation: "nhs-trust",
      centre: "CC03",
      caseload: "12",
    });
    await expect(createAuthenticator(config)(token)).resolves.toEqual({
      subject: "dev-health-visitor",
      role: "health-visitor",
      organisation: "nhs-trust",
      centre: "CC03",
      caseload: "12",
    });
  });

  it("refuses a token signed with another key, an expired token and an unknown role", async () => {
    const auth = createAuthenticator(config);
    await expect(auth(await signDevToken("x".repeat(40), { role: "front-door" }))).rejects.toThrow(/not valid/);
    await expect(
      auth(await signDevToken(config.DEV_JWT_SECRET, { role: "front-door", ttlSeconds: -10 })),
    ).rejects.toThrow(/not valid or has expired/);
    const noRole = await new SignJWT({ role: "superuser" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("family-front-door-development")
      .setAudience("family-front-door")
      .setSubject("someone")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(config.DEV_JWT_SECRET));
    await expect(auth(noRole)).rejects.toThrow(/no role/);
  });
});

describe("production tokens (OpenID Connect JWKS)", () => {
  let server: http.Server;
  let jwksUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const prodConfig = () =>
    parseGatewayConfig({
      NODE_ENV: "production",
      INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET,
      OIDC_ISSUER: "https://login.example.org",
      OIDC_AUDIENCE: "family-front-door",
      OIDC_JWKS_URL: jwksUrl,
      OIDC_CLIENT_ID: "family-front-door-app",
      AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
    });

  it("accepts the issuer's token and refuses a development token", async () => {
    const config = prodConfig();
    const auth = createAuthenticator(config);
    const token = await new SignJWT({ role: "midwife", org: "RXK" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer("https://login.example.org")
      .setAudience("family-front-door")
      .setSubject("user-42")
      .setExpirationTime("5m")
      .sign(privateKey);
    await expect(auth(token)).resolves.toMatchObject({ subject: "user-42", role: "midwife", organisation: "RXK" });
    await expect(auth(await signDevToken(config.DEV_JWT_SECRET, { role: "midwife" }))).rejects.toThrow(/not valid/);
  });

  it("will not start in production without OpenID Connect settings or with the development secret", () => {
    let error: unknown;
    try {
      parseGatewayConfig({ NODE_ENV: "production" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const key of [
      "INTERNAL_TOKEN_SECRET",
      "OIDC_ISSUER",
      "OIDC_AUDIENCE",
      "OIDC_JWKS_URL",
      "OIDC_CLIENT_ID",
      "AUDIT_DATABASE_URL",
    ])
      expect(problems).toContain(key);
  });
});
