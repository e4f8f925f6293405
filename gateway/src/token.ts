import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { baseEnv, DEV_SECRETS_FILE, devSecretsDir, parseConfig, readDevelopmentSecrets } from "@ffd/shared";
import { ROLES, signDevToken, type Role } from "./auth";

/**
 * What the CLI reads: the development key if you set it, else the one the running `npm start`
 * generated and left in the data folder. Not the whole gateway config: that needs secrets this
 * CLI has no use for.
 */
const tokenEnv = z.object({
  NODE_ENV: baseEnv.NODE_ENV,
  DEV_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The data folder `npm start` writes the run's generated secrets to (default <repo>/.data). */
  DATA_DIR: z.string().optional().transform(devSecretsDir),
});

/** The key to sign with, or a message saying where one comes from. */
function developmentKey(config: z.infer<typeof tokenEnv>): string {
  const key = config.DEV_JWT_SECRET ?? readDevelopmentSecrets(config.DATA_DIR)?.DEV_JWT_SECRET;
  if (key) return key;
  throw new Error(
    `No development key: start the stack with npm start first (it writes ${path.join(config.DATA_DIR, DEV_SECRETS_FILE)}), or set DEV_JWT_SECRET to the gateway's.`,
  );
}

/**
 * npm run token -- --role <role> [--org <org>] [--centre <id>] [--caseload <id>] [--subject <id>] [--hours <n>]
 * Prints a development token. Refuses in production: real users sign in through OpenID Connect.
 */
async function main(): Promise<void> {
  const usage = `usage: npm run token -- --role <${ROLES.join("|")}> [--org <organisation>] [--centre <centre code>] [--caseload <health visiting caseload id; a social worker's social care caseload>] [--subject <user id>] [--hours <1-24>]`;
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: "string" },
        org: { type: "string" },
        centre: { type: "string" },
        caseload: { type: "string" },
        subject: { type: "string" },
        hours: { type: "string", default: "8" },
      },
    }));
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
  }
  const config = parseConfig("token", tokenEnv);
  if (config.NODE_ENV === "production") {
    throw new Error("Development tokens are not issued in production: sign in through your OpenID Connect provider.");
  }
  if (!values.role) throw new Error(`--role is required.\n${usage}`);
  if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`unknown role "${values.role}".\n${usage}`);
  const hours = Number(values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24)
    throw new Error(`--hours must be a whole number from 1 to 24.\n${usage}`);
  const token = await signDevToken(developmentKey(config), {
    role: values.role as Role,
    organisation: values.org,
    centre: values.centre,
    caseload: values.caseload,
    subject: values.subject,
    ttlSeconds: hours * 3600,
  });
  process.stdout.write(token + "\n");
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
