#!/usr/bin/env node
/**
 * npm start: runs the whole federation on this machine, one process per service, on embedded
 * defaults (PGlite agency systems seeded with the synthetic borough; the audit trail and the
 * link store in PGlite kept in the data folder, .data/ or DATA_DIR), then prints the gateway URL,
 * a development token and a sample query.
 *
 * Any setting in the environment is passed through (e.g. REFERENCE_DATE, BOROUGH_FAMILIES,
 * MATERNITY_DATABASE_URL). INTERNAL_TOKEN_SECRET and DEV_JWT_SECRET, unless you set them, are
 * generated fresh for each run and left in .data/dev-secrets.json (owner-only) for
 * `npm run token` until the run stops. START_TIMEOUT_SECONDS (default 600) bounds the wait for
 * every service to be ready. Ctrl-C stops everything.
 */
"use strict";
const { spawn } = require("node:child_process");
const http = require("node:http");
const path = require("node:path");
const readline = require("node:readline");
const {
  dataDirOf,
  devSecretsDir,
  generateDevelopmentSecrets,
  REGISTRY,
  removeDevelopmentSecrets,
  writeDevelopmentSecrets,
} = require("@ffd/shared");
const { banner } = require("./banner");
const { serviceUrls, startPlan } = require("./start-plan");

const root = path.join(__dirname, "..");
/** Readiness can take minutes on a loaded two-core machine (the embedded borough is generated and indexed). */
const DEFAULT_START_TIMEOUT_SECONDS = 600;
/** How often to say which services are still starting. */
const PROGRESS_EVERY_MS = 10_000;
/** Every service of the registry, in start order, with its port and readiness URL (start-plan.js). */
const services = startPlan(REGISTRY, process.env);
/** Width of the service name column of the merged log. */
const NAME_WIDTH = Math.max(...services.map((s) => s.name.length));
const verbose = process.argv.includes("--verbose");
const children = new Map();
let stopping = false;
/** This run's generated secrets (the ones the environment does not set), given to every service. */
const secrets = generateDevelopmentSecrets(process.env);
const dataDir = devSecretsDir(process.env.DATA_DIR);
let secretsFile = null;

function startTimeoutMs() {
  const raw = process.env.START_TIMEOUT_SECONDS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_START_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) {
    console.error(`START_TIMEOUT_SECONDS must be a whole number of seconds (1 or more), not "${raw}".`);
    process.exit(78);
  }
  return seconds * 1000;
}

function baseEnv() {
  return { ...process.env, ...secrets, ...serviceUrls(REGISTRY, process.env) };
}

function pretty(name, line) {
  // Services log JSON lines; show the event and its non-personal fields compactly.
  try {
    const o = JSON.parse(line);
    if (!verbose && o.level === "debug") return null;
    const { level, event } = o;
    const rest = Object.fromEntries(
      Object.entries(o).filter(([k]) => !["time", "level", "service", "event", "stack"].includes(k)),
    );
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`)
      .join(" ");
    return `${level === "error" || level === "warn" ? level.toUpperCase() + " " : ""}${event}${extra ? " " + extra : ""}`;
  } catch {
    return line;
  }
}

function start(service) {
  const env = { ...baseEnv(), PORT: String(service.port) };
  const child = spawn(process.execPath, [path.join(root, service.entry)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.set(service.name, child);
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on("line", (line) => {
      const text = pretty(service.name, line);
      if (text) process.stdout.write(`[${service.name.padEnd(NAME_WIDTH)}] ${text}\n`);
    });
  }
  child.on("exit", (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      process.stdout.write(`[${service.name.padEnd(NAME_WIDTH)}] stopped (${signal || `exit ${code}`})\n`);
      if (service.gateway) shutdown(1);
    }
  });
}

/**
 * One readiness probe by plain node:http (fetch refuses ports such as 6000 as "bad ports"):
 * true on a 2xx answer, false on anything else, a refused connection or a second of silence.
 */
function answersOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

/** Waits until each service answers its URL, saying every 10 s which are still starting. */
async function waitAllReady(targets, timeoutMs) {
  const started = Date.now();
  const waiting = new Set(targets.map((t) => t.name));
  const progress = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`Still starting after ${seconds}s: ${[...waiting].join(", ")} (waiting up to ${timeoutMs / 1000}s)`);
  }, PROGRESS_EVERY_MS);
  try {
    await Promise.all(
      targets.map(async ({ name, url }) => {
        for (;;) {
          if (stopping) throw new Error("stopped");
          if (!children.has(name)) throw new Error(`${name} exited during start-up`);
          if (await answersOk(url)) {
            waiting.delete(name);
            return;
          }
          if (Date.now() - started > timeoutMs)
            throw new Error(
              `${name} was not ready after ${timeoutMs / 1000}s (set START_TIMEOUT_SECONDS to wait longer)`,
            );
          await new Promise((r) => setTimeout(r, 300));
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  // The run's tokens die with it: `npm run token` must not sign with a stopped run's key.
  if (secretsFile) removeDevelopmentSecrets(dataDir);
  for (const child of children.values()) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
  if (children.size === 0) process.exit(code);
  let left = children.size;
  for (const child of children.values()) child.on("exit", () => --left === 0 && process.exit(code));
}

/**
 * Where the embedded stores keep their data (the audit trail, the link store, the agencies'
 * generated databases), when any of them is embedded.
 */
function embeddedDataFolder() {
  const urls = [
    "AUDIT_DATABASE_URL",
    "FAMILY_INDEX_DATABASE_URL",
    ...REGISTRY.agencies.map((a) => `${a.envPrefix}_DATABASE_URL`),
  ];
  if (urls.every((name) => process.env[name])) return null;
  const folder = dataDirOf({ NODE_ENV: process.env.NODE_ENV || "development", DATA_DIR: process.env.DATA_DIR });
  if (!folder) return null;
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith("..") ? relative : folder;
}

async function main() {
  const started = Date.now();
  const timeoutMs = startTimeoutMs();
  const subgraphs = services.filter((s) => !s.gateway).length;
  console.log(`Starting Family Front Door: ${subgraphs} subgraphs and the gateway, on embedded databases...`);
  if (Object.keys(secrets).length > 0) secretsFile = writeDevelopmentSecrets(dataDir, secrets);
  else removeDevelopmentSecrets(dataDir); // a stale file from an earlier run would sign useless tokens
  for (const s of services) start(s);
  const gatewayPort = services.find((s) => s.gateway).port;
  await waitAllReady(
    services.map((s) => ({ name: s.name, url: s.readyUrl })),
    timeoutMs,
  );
  const { signDevToken } = require(path.join(root, "gateway", "dist", "auth.js"));
  const { SAMPLE_QUERY } = require(path.join(root, "gateway", "dist", "sample.js"));
  const { parseGatewayConfig } = require(path.join(root, "gateway", "dist", "config.js"));
  const { DEFAULT_PURPOSE } = require(path.join(root, "gateway", "dist", "purpose.js"));
  const { PURPOSES_OF_ACCESS, PURPOSE_OF_ACCESS_HEADER } = require("@ffd/shared");
  const config = parseGatewayConfig({ ...process.env, ...secrets });
  const token = await signDevToken(config.DEV_JWT_SECRET, { role: "front-door" });
  console.log(
    banner({
      url: `http://127.0.0.1:${gatewayPort}`,
      token,
      purposeHeader: PURPOSE_OF_ACCESS_HEADER,
      purposes: PURPOSES_OF_ACCESS,
      purpose: DEFAULT_PURPOSE,
      query: SAMPLE_QUERY,
      readySeconds: (Date.now() - started) / 1000,
      secretsFile: secretsFile && path.relative(process.cwd(), secretsFile),
      dataFolder: embeddedDataFolder(),
    }),
  );
}

process.once("SIGINT", () => shutdown(0));
process.once("SIGTERM", () => shutdown(0));
main().catch((err) => {
  if (!stopping) console.error(`Start-up failed: ${err.message}`);
  shutdown(1);
});
