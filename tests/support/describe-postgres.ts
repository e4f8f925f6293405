import { spawnSync } from "node:child_process";
import path from "node:path";
import { PG_ADMIN_URL } from "./postgres";

const root = path.join(__dirname, "..", "..");

/** Whether the PostgreSQL server answers, decided before jest collects the tests (a child process: synchronous). */
function reachableNow(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      "-e",
      `const { Client } = require("pg");
       const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
       c.connect().then(() => c.query("SELECT 1")).then(() => process.exit(0), () => process.exit(1));`,
      PG_ADMIN_URL,
    ],
    { cwd: root, timeout: 10_000, stdio: "ignore" },
  );
  return probe.status === 0;
}

let reachable: boolean | undefined;

/**
 * `describe` for tests that need the real PostgreSQL server, following tests/support/services.ts:
 * in CI (CI=true) an unreachable server fails the file; elsewhere the block is skipped visibly
 * (jest reports it skipped, with the reason in its name), never passed empty.
 */
export function describeWithPostgres(name: string, fn: () => void): void {
  reachable ??= reachableNow();
  if (reachable) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`PostgreSQL is unreachable but CI requires the real server for "${name}".`);
  }
  process.stderr.write(`PostgreSQL is not reachable: skipping "${name}" (CI runs it).\n`);
  describe.skip(`${name} (skipped: PostgreSQL is not reachable)`, fn);
}
