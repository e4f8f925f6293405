/**
 * Running `npm start`'s stack from another program: free ports for its services and the banner
 * that says it is ready. Shared by the end-to-end test (tests/start.e2e.test.ts) and
 * `npm run bench:app`.
 */
const net = require("node:net");

/** The start script's banner, complete: every service is ready. */
const READY_BANNER = /Family Front Door is running[\s\S]*Ctrl-C stops everything\.\n=+\n/;

/**
 * `n` ports free now, chosen by the kernel.
 * @param {number} n
 * @returns {Promise<number[]>}
 */
async function freePorts(n) {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((resolve) => {
          const s = net.createServer();
          s.listen(0, "127.0.0.1", () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => /** @type {import("node:net").AddressInfo} */ (s.address()).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

module.exports = { READY_BANNER, freePorts };
