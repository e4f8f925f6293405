import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DEV_SECRETS_FILE,
  devSecretsDir,
  generateDevelopmentSecrets,
  readDevelopmentSecrets,
  removeDevelopmentSecrets,
  withRunningStackSecrets,
  writeDevelopmentSecrets,
} from "./dev-secrets";

describe("development secrets", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-secrets-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("are fresh for every run: two runs never share a secret", () => {
    const runs = Array.from({ length: 20 }, () => generateDevelopmentSecrets({}));
    for (const name of ["INTERNAL_TOKEN_SECRET", "DEV_JWT_SECRET"] as const) {
      const values = runs.map((r) => r[name]!);
      expect(new Set(values).size).toBe(runs.length);
      for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(runs[0].INTERNAL_TOKEN_SECRET).not.toBe(runs[0].DEV_JWT_SECRET);
  });

  it("leave the secrets you set alone, and never copy them", () => {
    const mine = "my-own-internal-secret-of-32-characters-or-more";
    const generated = generateDevelopmentSecrets({ INTERNAL_TOKEN_SECRET: mine });
    expect(Object.keys(generated)).toEqual(["DEV_JWT_SECRET"]);
  });

  it("are written for the owner only and read back; a stopped stack leaves none", () => {
    const secrets = generateDevelopmentSecrets({});
    const file = writeDevelopmentSecrets(path.join(dir, "data"), secrets);
    expect(file).toBe(path.join(dir, "data", DEV_SECRETS_FILE));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readDevelopmentSecrets(path.join(dir, "data"))).toEqual(secrets);

    const next = generateDevelopmentSecrets({});
    writeDevelopmentSecrets(path.join(dir, "data"), next);
    expect(readDevelopmentSecrets(path.join(dir, "data"))).toEqual(next);

    removeDevelopmentSecrets(path.join(dir, "data"));
    expect(readDevelopmentSecrets(path.join(dir, "data"))).toBeUndefined();
  });

  it("are kept in a data folder that is the owner's alone, tightened when found wider", () => {
    const fresh = path.join(dir, "data");
    writeDevelopmentSecrets(fresh, generateDevelopmentSecrets({}));
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
    fs.chmodSync(dir, 0o755);
    writeDevelopmentSecrets(dir, generateDevelopmentSecrets({}));
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("replace a file someone else left readable instead of writing into it", () => {
    fs.writeFileSync(path.join(dir, DEV_SECRETS_FILE), "{}", { mode: 0o644 });
    writeDevelopmentSecrets(dir, generateDevelopmentSecrets({}));
    expect(fs.statSync(path.join(dir, DEV_SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it("fill in the running stack's secrets for its command-line tools, never over yours, never in production", () => {
    const run = generateDevelopmentSecrets({});
    writeDevelopmentSecrets(dir, run);
    expect(withRunningStackSecrets({ DATA_DIR: dir })).toMatchObject(run);
    const mine = "my-own-internal-secret-of-32-characters-or-more";
    expect(withRunningStackSecrets({ DATA_DIR: dir, INTERNAL_TOKEN_SECRET: mine })).toMatchObject({
      INTERNAL_TOKEN_SECRET: mine,
      DEV_JWT_SECRET: run.DEV_JWT_SECRET,
    });
    expect(withRunningStackSecrets({ DATA_DIR: dir, NODE_ENV: "production" })).toEqual({
      DATA_DIR: dir,
      NODE_ENV: "production",
    });
  });

  it("live in the data folder: <repo>/.data, or DATA_DIR taken from the repository root", () => {
    const repo = path.join(__dirname, "..", "..");
    expect(devSecretsDir(undefined)).toBe(path.join(repo, ".data"));
    expect(devSecretsDir("  ")).toBe(path.join(repo, ".data"));
    expect(devSecretsDir("var/ffd")).toBe(path.join(repo, "var", "ffd"));
    expect(devSecretsDir(dir)).toBe(dir);
  });
});
