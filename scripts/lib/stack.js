/**
 * Running `npm start`'s stack from another program: free ports for its services, the banner
 * that says it is ready, and the stack itself started on them. Shared by the end-to-end test
 * (tests/start.e2e.test.ts), `npm run bench:app`, `npm run bench:lists` and `npm run bench:gateway`.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");

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

/**
 * The processes under `rootPids` (their children, theirs, ...), the roots among them (Linux /proc).
 * @param {number[]} rootPids
 * @returns {Set<number>}
 */
function processTreeOf(rootPids) {
  const parents = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone already
    }
  }
  const found = new Set(rootPids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

/** Whether a process is still running (a zombie waiting to be reaped has exited). */
function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/**
 * Starts scripts/start.js as `npm start` does, on free ports in a fresh data folder (or in
 * `dataDir`, kept from an earlier start: a restart), with `env` added to this process's
 * environment (BOROUGH_FAMILIES, ...); resolves once the banner says every service is ready, with
 * the gateway's address and how long it took. `onSpawn` is called with the addresses as soon as
 * the start script is started (to watch the services while they start). `stop()` waits until every
 * process of the stack has exited (the start script gives its services 1.5 s), then removes the
 * data folder; `stop({ keepData: true })` leaves it for a restart. A start that fails removes a
 * fresh folder, never one given as `dataDir`.
 * Needs the shared package built (`tsc -b`).
 * @param {{ label: string, env?: Record<string, string>, dataDir?: string,
 *   onSpawn?: (addresses: { url: string, subgraphUrls: Record<string, string> }) => void }} options
 */
async function startStack({ label, env: extra = {}, dataDir: kept, onSpawn }) {
  const { subgraphsOf } = require("../../shared/dist");
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), `ffd-${label}-`));
  const subgraphs = subgraphsOf();
  const [gatewayPort, ...ports] = await freePorts(subgraphs.length + 1);
  const env = {
    ...process.env,
    PORT: String(gatewayPort),
    ...Object.fromEntries(subgraphs.map((s, i) => [`${s.envPrefix}_PORT`, String(ports[i])])),
    DATA_DIR: dataDir,
    // BENCH_LOG_LEVEL (e.g. info) and BENCH_STACK_LOG (a file the services' output is appended to)
    // keep what a long run's services logged, to see where its time went.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    ...extra,
  };
  const addresses = {
    url: `http://127.0.0.1:${gatewayPort}/`,
    /** Each subgraph's /graphql URL, by service name. */
    subgraphUrls: Object.fromEntries(subgraphs.map((s, i) => [s.name, `http://127.0.0.1:${ports[i]}/graphql`])),
  };
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.js")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let output = "";
  const stop = async ({ keepData = false } = {}) => {
    const tree = [...processTreeOf([child.pid])];
    child.kill("SIGTERM");
    await exited;
    // Services still closing their databases must be gone before the folder is removed or reused.
    const until = Date.now() + 30_000;
    while (tree.some(alive) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of tree.filter(alive)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // exited meanwhile
      }
    }
    if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    onSpawn?.(addresses);
    await new Promise((resolve, reject) => {
      const onData = (chunk) => {
        output += chunk.toString();
        if (process.env.BENCH_STACK_LOG) fs.appendFileSync(process.env.BENCH_STACK_LOG, chunk);
        if (READY_BANNER.test(output)) resolve(undefined);
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
    });
  } catch (err) {
    // A folder the caller gave is the caller's: a failed start leaves it.
    await stop({ keepData: kept !== undefined });
    throw err;
  }
  return {
    ...addresses,
    seconds: (Date.now() - started) / 1000,
    /** When the start script was started (Date.now()). */
    startedAt: started,
    dataDir,
    pid: child.pid,
    stop,
  };
}

module.exports = { READY_BANNER, freePorts, processTreeOf, startStack };
