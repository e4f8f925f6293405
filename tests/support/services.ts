import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Tests that need a real server (PostgreSQL, Redis) run against it. In CI (CI=true) the server
 * must be there: an unreachable one fails the run instead of skipping. On a bare machine the
 * tests are skipped with a note, so `npm test` still passes there. Decided when a test file is
 * loaded, so that a suite needing the server is `describe` or `describe.skip` (reported as
 * skipped, never passing without asserting). The probe
 * is a small script run in a child Node process (jest defines suites synchronously); it must exit
 * 0 when the server answers.
 */
export function serviceAvailable(service: string, where: string, probe: string): boolean {
  // From the repository root, where the probe's require() finds the project's packages.
  const cwd = path.join(__dirname, "..", "..");
  const result = spawnSync(process.execPath, ["-e", probe], { cwd, timeout: 15_000, stdio: "ignore" });
  if (result.status === 0) return true;
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`${service} is unreachable at ${where} but CI requires the real server for these tests.`);
  }
  process.stderr.write(`${service} is not reachable: skipping the ${service}-backed tests (CI runs them).\n`);
  return false;
}

/** `describe` when the server is there, otherwise `describe.skip`. */
export function describeIf(available: boolean): jest.Describe {
  return available ? describe : describe.skip;
}
