import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATA_DIR, REPO_ROOT } from "./embedded";
import { privateFolder } from "./private-folder";

/**
 * Development secrets: no secret is a constant in the code. `npm start` makes fresh random ones
 * for each run (unless you set them) and leaves them in a git-ignored file in the data folder,
 * so `npm run token` can sign tokens for the stack that is running now, and for no other.
 */

/** The secrets every stack needs: the gateway's caller tokens and the development user tokens. */
export const DEVELOPMENT_SECRET_NAMES = ["INTERNAL_TOKEN_SECRET", "DEV_JWT_SECRET"] as const;
export type DevelopmentSecretName = (typeof DEVELOPMENT_SECRET_NAMES)[number];
export type DevelopmentSecrets = Partial<Record<DevelopmentSecretName, string>>;

/**
 * The data folder the secrets file lives in, by the same rule as the embedded stores': DATA_DIR
 * (a relative path is taken from the repository root), unset: `<repo>/.data`, git-ignored.
 */
export function devSecretsDir(dataDir: string | undefined): string {
  return dataDir?.trim() ? path.resolve(REPO_ROOT, dataDir.trim()) : DEFAULT_DATA_DIR;
}

/** The file in the data folder that holds the running stack's generated secrets. */
export const DEV_SECRETS_FILE = "dev-secrets.json";

/** A fresh random secret: 32 random bytes, 43 URL-safe characters. */
export function generateSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The secrets for one run: each one the environment does not set, freshly generated. Returns
 * only the generated ones (what the environment sets stays the user's and is never written).
 */
export function generateDevelopmentSecrets(env: NodeJS.ProcessEnv): DevelopmentSecrets {
  const generated: DevelopmentSecrets = {};
  for (const name of DEVELOPMENT_SECRET_NAMES) if (!env[name]) generated[name] = generateSecret();
  return generated;
}

/**
 * Writes the run's generated secrets to <dataDir>/dev-secrets.json, readable by the owner only,
 * in a data folder that is the owner's alone (0700; another user's is refused).
 */
export function writeDevelopmentSecrets(dataDir: string, secrets: DevelopmentSecrets): string {
  privateFolder(dataDir);
  const file = path.join(dataDir, DEV_SECRETS_FILE);
  // Replace, never rewrite in place: a file left by another user or with a wider mode is not reused.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  return file;
}

/** The running stack's generated secrets, or undefined when no `npm start` has left any. */
export function readDevelopmentSecrets(dataDir: string): DevelopmentSecrets | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, DEV_SECRETS_FILE), "utf8");
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined; // a half-written or foreign file holds no secrets
  }
  if (!parsed || typeof parsed !== "object") return undefined;
  const secrets: DevelopmentSecrets = {};
  for (const name of DEVELOPMENT_SECRET_NAMES) {
    const value = (parsed as Record<string, unknown>)[name];
    if (typeof value === "string" && value) secrets[name] = value;
  }
  return secrets;
}

/** Removes the run's secrets file when the stack stops: its tokens are worthless from then on. */
export function removeDevelopmentSecrets(dataDir: string): void {
  fs.rmSync(path.join(dataDir, DEV_SECRETS_FILE), { force: true });
}

/**
 * For the command-line tools that talk to a running `npm start` (`npm run link`): the environment
 * with that run's generated secrets filled in where it sets none. Never in production, where
 * every secret is set by the operator.
 */
export function withRunningStackSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NODE_ENV === "production") return env;
  const running = readDevelopmentSecrets(devSecretsDir(env.DATA_DIR));
  const filled = { ...env };
  for (const name of DEVELOPMENT_SECRET_NAMES) if (!filled[name] && running?.[name]) filled[name] = running[name];
  return filled;
}
