import { connectPostgres } from "@ffd/shared";
import { verifyChain } from "./store";

/*
 * npm run audit:verify: walks the audit chain in AUDIT_DATABASE_URL from the first event and
 * reports the first edited, deleted or moved event by sequence number and event id (never any
 * personal data). Exit 0 when the chain is intact, 1 when it is broken, 2 when it cannot be read.
 * Reads only: it never creates or changes anything.
 */
async function main(): Promise<number> {
  const url = process.env.AUDIT_DATABASE_URL?.trim();
  if (!url) {
    process.stderr.write(
      "Set AUDIT_DATABASE_URL to the audit database (postgres://...). The embedded store lives only inside a gateway process.\n",
    );
    return 2;
  }
  const db = connectPostgres(url, { readOnly: true, max: 1 });
  try {
    const result = await verifyChain(db);
    if (result.ok) {
      process.stdout.write(`audit chain intact: ${result.count} events\n`);
      process.stdout.write(JSON.stringify({ ok: true, count: result.count }) + "\n");
      return 0;
    }
    process.stdout.write(`audit chain BROKEN after ${result.count} intact events: ${result.problem.message}\n`);
    process.stdout.write(JSON.stringify({ ok: false, count: result.count, ...result.problem }) + "\n");
    return 1;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    process.stderr.write(
      `could not read the audit trail${code ? ` (${String(code)})` : ""}: is AUDIT_DATABASE_URL right and the gateway started once?\n`,
    );
    return 2;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(2),
);
