import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import type { Browser } from "playwright-core";
import { createLogger } from "@ffd/shared";
import { accessibilityViolations, chromiumAvailable, launchChromium, watchProblems } from "./support/browser";
import { startTestGateway, type TestGateway } from "./support/gateway";

/*
 * Issue 9, point 2: production sign-in in a real browser. A tiny OpenID Connect provider
 * (discovery, JWKS, an authorize endpoint that signs the user in at once and redirects back with
 * a code, a token endpoint that checks the PKCE code_verifier against the S256 challenge, an
 * end-session endpoint) on its own origin, and a production gateway serving the built app
 * (web/dist). Chromium signs in through the app's Sign in button, the gateway accepts the
 * issuer's access token, and signing out ends the session at the provider.
 */

const CLIENT_ID = "staff-app";
const AUDIENCE = "family-front-door";

interface FakeProvider {
  issuer: string;
  /** What happened, in order: authorize, token (with whether the PKCE check passed), logout. */
  events: string[];
  stop(): Promise<void>;
}

async function startProvider(allowedOrigin: () => string): Promise<FakeProvider> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "p1", alg: "RS256", use: "sig" };
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const events: string[] = [];
  let issuer = "";
  const sign = (claims: Record<string, unknown>, audience: string, key: CryptoKey) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "p1" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject("staff-1")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    res.setHeader("access-control-allow-origin", allowedOrigin());
    res.setHeader("access-control-allow-headers", "content-type, accept, authorization");
    const json = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader("content-type", "application/json");
      res.setHeader("cache-control", "no-store");
      res.end(JSON.stringify(body));
    };
    if (req.method === "OPTIONS") {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (url.pathname === "/.well-known/openid-configuration") {
      json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        id_token_signing_alg_values_supported: ["RS256"],
        subject_types_supported: ["public"],
      });
      return;
    }
    if (url.pathname === "/jwks") {
      json(200, { keys: [jwk] });
      return;
    }
    if (url.pathname === "/authorize") {
      const q = url.searchParams;
      const redirectUri = q.get("redirect_uri") ?? "";
      const ok =
        q.get("client_id") === CLIENT_ID &&
        q.get("response_type") === "code" &&
        q.get("code_challenge_method") === "S256" &&
        !!q.get("code_challenge") &&
        redirectUri === `${allowedOrigin()}/auth/callback`;
      events.push(`authorize ${ok ? "ok" : "refused"} scope=${q.get("scope")}`);
      if (!ok) {
        json(400, { error: "invalid_request" });
        return;
      }
      const code = randomBytes(16).toString("base64url");
      codes.set(code, { challenge: q.get("code_challenge")!, redirectUri });
      res.statusCode = 302;
      res.setHeader("location", `${redirectUri}?code=${code}&state=${encodeURIComponent(q.get("state") ?? "")}`);
      res.end();
      return;
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        void (async () => {
          const form = new URLSearchParams(raw);
          const grant = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          const verifier = form.get("code_verifier") ?? "";
          const pkce = !!grant && createHash("sha256").update(verifier).digest("base64url") === grant.challenge;
          const ok =
            pkce &&
            form.get("grant_type") === "authorization_code" &&
            form.get("client_id") === CLIENT_ID &&
            form.get("redirect_uri") === grant!.redirectUri;
          events.push(`token ${ok ? "ok" : "refused"} pkce=${pkce}`);
          if (!ok) {
            json(400, { error: "invalid_grant" });
            return;
          }
          json(200, {
            token_type: "Bearer",
            expires_in: 300,
            scope: "openid profile",
            access_token: await sign({ role: "front-door", org: "council" }, AUDIENCE, privateKey),
            id_token: await sign({ name: "Sam Staff" }, CLIENT_ID, privateKey),
          });
        })();
      });
      return;
    }
    if (url.pathname === "/logout") {
      events.push(`logout hint=${url.searchParams.has("id_token_hint")}`);
      res.statusCode = 302;
      res.setHeader("location", url.searchParams.get("post_logout_redirect_uri") ?? "/");
      res.end();
      return;
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, events, stop: () => new Promise((r) => server.close(() => r())) };
}

const describeBrowser = chromiumAvailable() ? describe : describe.skip;

describeBrowser("production sign-in with OpenID Connect in Chromium (authorization code with PKCE)", () => {
  let provider: FakeProvider;
  let gw: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    let gatewayOrigin = "";
    provider = await startProvider(() => gatewayOrigin);
    gw = await startTestGateway("production", createLogger("gateway", "silent"), {
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_JWKS_URL: `${provider.issuer}/jwks`,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_CLIENT_ID: CLIENT_ID,
      },
    });
    gatewayOrigin = gw.origin;
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
    await provider?.stop();
  });

  it("signs in at the issuer with PKCE, sends the issuer's token to the gateway, and signs out there", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchProblems(page);
    const graphql: { authorization: string | undefined; status: number }[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/graphql")
        graphql.push({ authorization: r.request().headers()["authorization"], status: r.status() });
    });
    await page.goto(`${gw.origin}/sign-in`);
    const signIn = page.getByRole("button", { name: "Sign in" });
    await signIn.waitFor();
    expect(await page.getByLabel("Role").count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await signIn.click();
    // To the issuer and back through /auth/callback, to search.
    await page.getByRole("heading", { name: "Find a person" }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe("/");
    expect(provider.events).toEqual(["authorize ok scope=openid profile", "token ok pkce=true"]);
    await page.getByText("Signed in as Front door").waitFor();
    // Tokens in sessionStorage only (this tab): none in localStorage.
    expect(await page.evaluate<number>("localStorage.length")).toBe(0);
    // (A string expression: it runs in the page, whose DOM types these tests do not compile with.)
    const token = await page.evaluate<string | undefined>(
      `JSON.parse(sessionStorage.getItem("ffd.session") ?? "{}").token`,
    );
    expect(token).toMatch(/^ey/);
    // A search goes to the gateway with the issuer's access token, which it accepts (no agency answers here).
    await page.getByLabel("Given name").fill("Amira");
    await page.getByLabel("Family name").fill("Hussain");
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/graphql", { timeout: 10_000 });
    await page.getByRole("button", { name: "Search" }).click();
    await answered;
    expect(graphql[0].authorization).toBe(`Bearer ${token}`);
    expect(graphql[0].status).not.toBe(401);
    // Signing out ends the session at the issuer, which sends the browser back to /sign-in.
    await page.getByRole("banner").getByRole("link", { name: "Sign out" }).click();
    await page.waitForURL(`${gw.origin}/sign-in`, { timeout: 10_000 });
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(provider.events).toContain("logout hint=true");
    expect(await page.evaluate<string | null>(`sessionStorage.getItem("ffd.session")`)).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  }, 30_000);
});
