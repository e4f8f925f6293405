/**
 * The gateways `npm run bench:gateway` measures beside ours, over the same subgraphs and
 * supergraph, each a child process: a plain @apollo/gateway (plain-gateway.js) and Hive Gateway
 * (hive-gateway.js) with its defaults and with its merging of identical subgraph requests in
 * flight off.
 */
const { spawn } = require("node:child_process");
const path = require("node:path");
const { freePorts } = require("./stack");

/** The other gateways, each a child process running one of scripts/lib's gateways. */
const OTHER_GATEWAYS = [
  { way: "plain", name: "plain @apollo/gateway", script: "plain-gateway.js", portSetting: "PLAIN_GATEWAY_PORT" },
  {
    way: "hive",
    name: "Hive Gateway",
    script: "hive-gateway.js",
    portSetting: "HIVE_GATEWAY_PORT",
    env: { HIVE_DEDUPLICATE: "on" },
  },
  {
    way: "hiveNoDedup",
    name: "Hive Gateway, merging off",
    script: "hive-gateway.js",
    portSetting: "HIVE_GATEWAY_PORT",
    env: { HIVE_DEDUPLICATE: "off" },
  },
];
/**
 * Our own gateway as one more child process (its built entry point), for measuring it over
 * stand-in subgraphs (replay-subgraphs.js): its settings name each subgraph's URL as the
 * registry does, and `DATA_DIR` keeps its embedded audit trail.
 */
const OUR_GATEWAY = {
  way: "ours",
  name: "our gateway",
  script: path.join(__dirname, "..", "..", "gateway", "dist", "index.js"),
  portSetting: "PORT",
  ready: /"gateway\.listening"/,
  env: { NODE_ENV: "development", LOG_LEVEL: "info" },
};
/** How long a gateway beside the stack may take to say it listens. */
const GATEWAY_READY_MS = 60_000;

/**
 * Starts one of OTHER_GATEWAYS as a child process with `env` added to this process's environment
 * (DEV_JWT_SECRET, INTERNAL_TOKEN_SECRET, SUBGRAPH_URLS, ...); resolves once it listens, with its
 * URL, pid and a stop function; rejects with its output if it exits or is not ready in time.
 */
async function startGateway(gateway, env) {
  const [port] = await freePorts(1);
  const child = spawn(process.execPath, [path.resolve(__dirname, gateway.script)], {
    env: { ...process.env, ...env, ...gateway.env, [gateway.portSetting]: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  let output = "";
  let timer;
  try {
    await new Promise((resolve, reject) => {
      const onData = (chunk) => {
        // Only the last of it is kept: a gateway logging each request must not grow this without end.
        output = (output + chunk.toString()).slice(-20_000);
        if ((gateway.ready ?? /gateway ready\n/).test(output)) resolve(undefined);
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      void exited.then((code) => reject(new Error(`${gateway.name} exited (${code}):\n${output}`)));
      timer = setTimeout(
        () => reject(new Error(`${gateway.name} was not ready after ${GATEWAY_READY_MS / 1000} s:\n${output}`)),
        GATEWAY_READY_MS,
      );
    });
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return { ...gateway, url: `http://127.0.0.1:${port}/`, pid: child.pid, stop };
}

module.exports = { GATEWAY_READY_MS, OTHER_GATEWAYS, OUR_GATEWAY, startGateway };
