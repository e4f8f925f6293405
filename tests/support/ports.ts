import { spawnSync } from "node:child_process";

/** Ports the fetch standard calls unsafe: Node's built-in fetch (undici) refuses them ("bad port"). */
export const UNSAFE_PORTS = [6666, 6000, 6665, 6667, 6668, 6669];

/**
 * One of them free on this machine, found when the test file loads (a child process, so a suite
 * can choose `it` or `it.skip`), or undefined when all are taken: such a test is skipped,
 * visibly, with the reason in its name. Each test file asks from its own place in the list
 * (`start`), so files running in parallel do not reach for the same port.
 */
export function freeUnsafePort(start: number): number | undefined {
  const order = [...UNSAFE_PORTS.slice(start), ...UNSAFE_PORTS.slice(0, start)];
  return order.find(
    (port) =>
      spawnSync(process.execPath, [
        "-e",
        `require("node:net").createServer().once("error", () => process.exit(1)).listen(${port}, "127.0.0.1", () => process.exit(0))`,
      ]).status === 0,
  );
}

/** How a test on such a port names where it listens. */
export const unsafePortName = (port: number | undefined): string =>
  port === undefined ? `one of ${UNSAFE_PORTS.join(", ")} (all taken here)` : String(port);
