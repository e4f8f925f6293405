import { parseArgs } from "node:util";
import { parseGatewayConfig } from "./config";
import { ROLES, signDevToken, type Role } from "./auth";

/**
 * npm run token -- --role <role> [--org <org>] [--centre <id>] [--caseload <id>] [--subject <id>] [--hours <n>]
 * Prints a development token. Refuses in production: real users sign in through OpenID Connect.
 */
async function main(): Promise<void> {
  const usage = `usage: npm run token -- --role <${ROLES.join("|")}> [--org <organisation>] [--centre <centre code>] [--caseload <health visiting caseload id>] [--subject <user id>] [--hours <1-24>]`;
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
  const config = parseGatewayConfig();
  if (config.NODE_ENV === "production") {
    throw new Error("Development tokens are not issued in production: sign in through your OpenID Connect provider.");
  }
  if (!values.role) throw new Error(`--role is required.\n${usage}`);
  if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`unknown role "${values.role}".\n${usage}`);
  const hours = Number(values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24)
    throw new Error(`--hours must be a whole number from 1 to 24.\n${usage}`);
  const token = await signDevToken(config.DEV_JWT_SECRET, {
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
