import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { createAuthenticator } from "./auth";
import { parseGatewayConfig } from "./config";

/** The compiled CLI, as `npm run token` runs it (npm test builds first). */
const cli = path.join(__dirname, "..", "dist", "token.js");
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "", ...extra });

describe("npm run token", () => {
  it("prints a development token the gateway accepts, with the role, organisation and centre asked for", async () => {
    const token = execFileSync(
      process.execPath,
      [cli, "--role", "centre-worker", "--org", "dudley-council", "--centre", "CC02"],
      { env: env(), encoding: "utf8" },
    ).trim();
    const caller = await createAuthenticator(parseGatewayConfig({ NODE_ENV: "development" }))(token);
    expect(caller).toMatchObject({ role: "centre-worker", organisation: "dudley-council", centre: "CC02" });
  });

  it("refuses an unknown role, listing the known ones", () => {
    const r = spawnSync(process.execPath, [cli, "--role", "superuser"], { env: env(), encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown role "superuser"');
    expect(r.stderr).toContain("front-door|centre-worker");
  });

  it("issues nothing in production", () => {
    const r = spawnSync(process.execPath, [cli, "--role", "front-door"], {
      env: env({
        NODE_ENV: "production",
        INTERNAL_TOKEN_SECRET: "a-production-secret-of-at-least-32-characters",
        OIDC_ISSUER: "https://login.example.org",
        OIDC_AUDIENCE: "ffd",
        OIDC_JWKS_URL: "https://login.example.org/jwks",
        AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
      }),
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/not issued in production/);
  });
});
