import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateDevelopmentSecrets, writeDevelopmentSecrets } from "@ffd/shared";
import { secretEnv } from "../../tests/support/secrets";
import { createAuthenticator } from "./auth";
import { parseGatewayConfig } from "./config";

/** The compiled CLI, as `npm run token` runs it (npm test builds first). */
const cli = path.join(__dirname, "..", "dist", "token.js");
/** An empty data folder per test: the CLI never sees the repository's own .data/. */
let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-token-"));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "", DATA_DIR: dataDir, ...extra });

describe("npm run token", () => {
  it("prints a development token the gateway accepts, with the role, organisation and centre asked for", async () => {
    const token = execFileSync(
      process.execPath,
      [cli, "--role", "centre-worker", "--org", "dudley-council", "--centre", "CC02"],
      { env: env({ DEV_JWT_SECRET: secretEnv().DEV_JWT_SECRET }), encoding: "utf8" },
    ).trim();
    const caller = await createAuthenticator(parseGatewayConfig({ ...secretEnv(), NODE_ENV: "development" }))(token);
    expect(caller).toMatchObject({ role: "centre-worker", organisation: "dudley-council", centre: "CC02" });
  });

  it("signs with the key the running npm start left in the data folder, which no other run accepts", async () => {
    const run = generateDevelopmentSecrets({});
    writeDevelopmentSecrets(dataDir, run);
    const token = execFileSync(process.execPath, [cli, "--role", "front-door"], {
      env: env(),
      encoding: "utf8",
    }).trim();
    await expect(createAuthenticator(parseGatewayConfig(run))(token)).resolves.toMatchObject({ role: "front-door" });
    const anotherRun = generateDevelopmentSecrets({});
    await expect(createAuthenticator(parseGatewayConfig(anotherRun))(token)).rejects.toThrow(/not valid/);
  });

  it("says where a key comes from when neither npm start nor DEV_JWT_SECRET gave one", () => {
    const r = spawnSync(process.execPath, [cli, "--role", "front-door"], { env: env(), encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/start the stack with npm start first .*, or set DEV_JWT_SECRET/);
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
        OIDC_CLIENT_ID: "ffd-app",
        AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
      }),
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/not issued in production/);
  });
});
