import { loadConfigOrExit } from "@ffd/shared";
import { verifyAuditTrail, verifyEnv, verifyTargetOf } from "./verify";

/*
 * npm run audit:verify: checks the audit chain in AUDIT_DATABASE_URL, or without one the
 * embedded trail in the data folder (DATA_DIR, default <repo>/.data), and reports the first
 * break. Exit 0 when the chain is intact, 1 when it is broken, 2 when it cannot be read (also
 * while a running gateway has the embedded trail open). Reads only.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExit("audit:verify", verifyEnv);
  const report = await verifyAuditTrail(verifyTargetOf(config));
  for (const line of report.out) process.stdout.write(line + "\n");
  for (const line of report.err) process.stderr.write(line + "\n");
  return report.exitCode;
}

main().then(
  (code) => process.exit(code),
  () => process.exit(2),
);
