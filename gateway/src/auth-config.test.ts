import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLogger } from "@ffd/shared";
import { startTestGateway, type TestGateway } from "../../tests/support/gateway";
import { TEST_SECRETS } from "../../tests/support/secrets";
import { authConfigOf } from "./auth-config";
import { parseGatewayConfig } from "./config";

/*
 * Issue 9: the staff app asks the gateway how to sign in (GET /auth/config): the development
 * page outside production, OpenID Connect (authorization code with PKCE) in production, where
 * the app's page may also fetch from the issuer (discovery and the token endpoint) and nowhere else.
 */

const silent = createLogger("gateway", "silent");

function directive(csp: string | null, name: string): string[] {
  const found = (csp ?? "")
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

function builtApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-web-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html><html lang="en"><body><div id="root"></div></body></html>`,
  );
  return dir;
}

describe("GET /auth/config outside production", () => {
  let gw: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = builtApp();
    gw = await startTestGateway("development", silent, { env: { WEB_APP_DIR: dir } });
  });
  afterAll(async () => {
    await gw.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("tells the app to use the development sign-in, with no token needed", async () => {
    const res = await fetch(`${gw.origin}/auth/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect(await res.json()).toEqual({ mode: "development" });
  });

  it("keeps the app's requests to this origin only", async () => {
    const page = await fetch(`${gw.origin}/auth/callback`);
    expect(directive(page.headers.get("content-security-policy"), "connect-src")).toEqual(["'self'"]);
  });
});

describe("GET /auth/config in production", () => {
  let gw: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = builtApp();
    gw = await startTestGateway("production", silent, {
      env: { WEB_APP_DIR: dir, OIDC_CLIENT_ID: "staff-app", OIDC_SCOPE: "openid profile ffd" },
    });
  });
  afterAll(async () => {
    await gw.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("tells the app to sign in with OpenID Connect at the issuer, as the public client, with the scopes configured", async () => {
    const res = await fetch(`${gw.origin}/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      mode: "oidc",
      authority: "https://login.example.org",
      clientId: "staff-app",
      scope: "openid profile ffd",
    });
  });

  it("lets the app's pages, the callback among them, fetch from the issuer's origin as well as this one", async () => {
    for (const page of ["/", "/auth/callback", "/people/abc123"]) {
      const res = await fetch(`${gw.origin}${page}`);
      expect({ page, status: res.status }).toEqual({ page, status: 200 });
      const csp = res.headers.get("content-security-policy");
      expect(directive(csp, "connect-src")).toEqual(["'self'", "https://login.example.org"]);
      expect(directive(csp, "script-src")).toEqual(["'self'"]);
      expect(directive(csp, "form-action")).toEqual(["'self'"]);
    }
  });

  it("answers other /auth paths with JSON 404, not the app", async () => {
    for (const notApp of ["/auth/callback/more", "/auth/dev-token", "/auth/nowhere"]) {
      const res = await fetch(`${gw.origin}${notApp}`);
      expect({ notApp, status: res.status }).toEqual({ notApp, status: 404 });
      expect(res.headers.get("content-type")).toMatch(/json/);
    }
  });
});

describe("OIDC_SCOPE", () => {
  it("defaults to openid profile", () => {
    const config = parseGatewayConfig({
      NODE_ENV: "production",
      INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET,
      OIDC_ISSUER: "https://login.example.org/realms/council",
      OIDC_AUDIENCE: "family-front-door",
      OIDC_JWKS_URL: "https://login.example.org/realms/council/certs",
      OIDC_CLIENT_ID: "staff-app",
      AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
    });
    expect(authConfigOf(config)).toEqual({
      mode: "oidc",
      authority: "https://login.example.org/realms/council",
      clientId: "staff-app",
      scope: "openid profile",
    });
  });
});
