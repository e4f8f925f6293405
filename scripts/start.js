#!/usr/bin/env node
/**
 * npm start: runs the whole federation on this machine, one process per service, on embedded
 * defaults (PGlite agency systems seeded with the synthetic borough, in-memory link store),
 * then prints the gateway URL, a development token and a sample query.
 *
 * Any setting in the environment is passed through (e.g. REFERENCE_DATE, BOROUGH_FAMILIES,
 * MATERNITY_DATABASE_URL). Ctrl-C stops everything.
 */
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");
const readline = require("node:readline");

const root = path.join(__dirname, "..");
const services = [
  { name: "maternity", dir: "subgraphs/maternity", port: 4002 },
  { name: "health-visiting", dir: "subgraphs/health-visiting", port: 4003 },
  { name: "childrens-centres", dir: "subgraphs/childrens-centres", port: 4004 },
  { name: "registration", dir: "subgraphs/registration", port: 4005 },
  { name: "family-index", dir: "subgraphs/family-index", port: 4001 },
  { name: "gateway", dir: "gateway", port: Number(process.env.PORT || 4000) },
];
const envName = {
  "family-index": "FAMILY_INDEX",
  maternity: "MATERNITY",
  "health-visiting": "HEALTH_VISITING",
  "childrens-centres": "CHILDRENS_CENTRES",
  registration: "REGISTRATION",
};
const verbose = process.argv.includes("--verbose");
const children = new Map();
let stopping = false;

function portOf(name) {
  const key = `${envName[name]}_PORT`;
  return Number(process.env[key] || services.find((s) => s.name === name).port);
}

function baseEnv() {
  const env = { ...process.env };
  for (const s of services)
    if (s.name !== "gateway")
      env[`${envName[s.name]}_URL`] = env[`${envName[s.name]}_URL`] || `http://127.0.0.1:${portOf(s.name)}`;
  return env;
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
  const env = { ...baseEnv(), PORT: String(service.name === "gateway" ? service.port : portOf(service.name)) };
  const child = spawn(process.execPath, [path.join(root, service.dir, "dist", "index.js")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.set(service.name, child);
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on("line", (line) => {
      const text = pretty(service.name, line);
      if (text) process.stdout.write(`[${service.name.padEnd(17)}] ${text}\n`);
    });
  }
  child.on("exit", (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      process.stdout.write(`[${service.name.padEnd(17)}] stopped (${signal || `exit ${code}`})\n`);
      if (service.name === "gateway") shutdown(1);
    }
  });
}

async function waitReady(name, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} exited during start-up`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000}s`);
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
  if (children.size === 0) process.exit(code);
  let left = children.size;
  for (const child of children.values()) child.on("exit", () => --left === 0 && process.exit(code));
}

async function main() {
  const started = Date.now();
  console.log("Starting Family Front Door: five subgraphs and the gateway, on embedded databases...");
  for (const s of services) start(s);
  const gatewayPort = services.find((s) => s.name === "gateway").port;
  await Promise.all([
    ...services
      .filter((s) => s.name !== "gateway")
      .map((s) => waitReady(s.name, `http://127.0.0.1:${portOf(s.name)}/ready`, 180_000)),
    waitReady("gateway", `http://127.0.0.1:${gatewayPort}/health`, 60_000),
  ]);
  const { signDevToken } = require(path.join(root, "gateway", "dist", "auth.js"));
  const { SAMPLE_QUERY } = require(path.join(root, "gateway", "dist", "sample.js"));
  const { parseGatewayConfig } = require(path.join(root, "gateway", "dist", "config.js"));
  const { DEFAULT_PURPOSE } = require(path.join(root, "gateway", "dist", "purpose.js"));
  const { PURPOSES_OF_ACCESS, PURPOSE_OF_ACCESS_HEADER } = require("@ffd/shared");
  const config = parseGatewayConfig();
  const token = await signDevToken(config.DEV_JWT_SECRET, { role: "front-door" });
  const url = `http://127.0.0.1:${gatewayPort}`;
  const body = JSON.stringify({
    query: SAMPLE_QUERY.replace(/^#.*\n/, "")
      .replace(/\s+/g, " ")
      .trim(),
  });
  console.log(`
================================================================================
Family Front Door is running (ready in ${((Date.now() - started) / 1000).toFixed(1)}s)

  GraphQL endpoint:  ${url}/graphql
  GraphQL IDE:       ${url}/          (works offline; token and purpose preloaded)

A development token (role front-door, valid 8 hours; make others with
\`npm run token -- --role <role>\`). Every request also states its purpose in the
${PURPOSE_OF_ACCESS_HEADER} header: ${PURPOSES_OF_ACCESS.join(", ")}.

${token}

Find the Hussain family (paste into the IDE, or run this):

curl -s ${url}/graphql \\
  -H 'Content-Type: application/json' \\
  -H 'Authorization: Bearer ${token}' \\
  -H '${PURPOSE_OF_ACCESS_HEADER}: ${DEFAULT_PURPOSE}' \\
  --data '${body}'

${SAMPLE_QUERY}
Ctrl-C stops everything.
================================================================================
`);
}

process.once("SIGINT", () => shutdown(0));
process.once("SIGTERM", () => shutdown(0));
main().catch((err) => {
  console.error(`Start-up failed: ${err.message}`);
  shutdown(1);
});
