/**
 * Tests that need a real server (PostgreSQL, Redis) run against it. In CI (CI=true) the server
 * must be there: an unreachable one fails the run instead of skipping. On a bare machine the
 * tests are skipped with a note, so `npm test` still passes there.
 */
export async function shouldRunServiceTests(
  service: string,
  where: string,
  reachable: () => Promise<boolean>,
): Promise<boolean> {
  if (await reachable()) return true;
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`${service} is unreachable at ${where} but CI requires the real server for these tests.`);
  }
  process.stderr.write(`${service} is not reachable: skipping the ${service}-backed tests (CI runs them).\n`);
  return false;
}
