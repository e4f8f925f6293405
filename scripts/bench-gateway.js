/**
 * `npm run bench:gateway`: the gateway's speed against issue 13's targets, measured side by side
 * in one run, not asserted. Starts the stack as `npm start` does (on free ports, in a fresh data
 * folder) and, beside it, a plain @apollo/gateway over the same subgraphs (scripts/lib/
 * plain-gateway.js). Then, for the family record (the sample query), a person's page, a search
 * and each locality list (the staff app's own documents):
 *   - latency, one request at a time, through our gateway and through the plain one, and the
 *     critical path replayed directly against the subgraphs: the plain gateway's subgraph requests
 *     for the same operation, recorded once, sent again step by step (the requests of a step in
 *     parallel, the steps in turn); a gateway's overhead is its median less the replay's median;
 *   - family-record throughput at 32 connections through each gateway (median of the rounds);
 *   - each process's resident memory (now and peak) and its CPU while idle.
 * The three are interleaved request by request, so machine noise falls on all alike, and the
 * figures that matter are ratios from the same run.
 * Options: --families N (default: npm start's borough), --runs N (sequential requests per
 * operation and way, default 30), --seconds N (per throughput round, default 10), --rounds N
 * (throughput rounds per gateway, default 3), --connections N (default 32), --no-cache (the
 * agencies' record cache off: AGENCY_CACHE_TTL_SECONDS=0), --json (the last line is one JSON
 * object).
 */
const { spawn } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { signCallerToken, isRole } = require("../shared/dist");
const { SAMPLE_QUERY } = require("../gateway/dist/sample");
const { LISTS, appDocuments, ask, devToken, percentile, round, wholeNumberOption } = require("./lib/bench");
const { freePorts, startStack } = require("./lib/stack");

const DEFAULT_FAMILIES = 2000;
/** Issue 13's figures for the gateway before it: family records a second at 32 connections. */
const BEFORE = { familyRecordsPerSecond: 28 };
const TARGETS = { overheadMs: 2, throughputTimesBefore: 3 };

function parseArgs(argv) {
  const out = { families: null, runs: 30, seconds: 10, rounds: 3, connections: 32, cache: true, json: false };
  const usage =
    "usage: npm run bench:gateway -- [--families N] [--runs N] [--seconds N] [--rounds N] [--connections N] [--no-cache] [--json]";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const whole = (name) => wholeNumberOption(argv[++i], name, usage);
    if (a === "--json") out.json = true;
    else if (a === "--no-cache") out.cache = false;
    else if (a === "--families") out.families = whole("--families");
    else if (a === "--runs") out.runs = whole("--runs");
    else if (a === "--seconds") out.seconds = whole("--seconds");
    else if (a === "--rounds") out.rounds = whole("--rounds");
    else if (a === "--connections") out.connections = whole("--connections");
    else throw new Error(`Unknown option "${a}".\n${usage}`);
  }
  return out;
}

/** Starts the plain gateway as a child process; resolves with its URL and a stop function. */
async function startPlainGateway(env) {
  const [port] = await freePorts(1);
  const child = spawn(process.execPath, [path.join(__dirname, "lib", "plain-gateway.js")], {
    env: { ...process.env, ...env, PLAIN_GATEWAY_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let output = "";
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes("plain gateway ready")) resolve(undefined);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`the plain gateway exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Groups recorded subgraph requests into the steps of the critical path: a request that started
 * after a request of the current step had answered belongs to the next step.
 */
function stepsOf(recorded) {
  const steps = [];
  let current = [];
  let firstEnd = Infinity;
  for (const r of [...recorded].sort((a, b) => a.startMs - b.startMs)) {
    if (current.length > 0 && r.startMs >= firstEnd) {
      steps.push(current);
      current = [];
      firstEnd = Infinity;
    }
    current.push(r);
    firstEnd = Math.min(firstEnd, r.endMs);
  }
  if (current.length > 0) steps.push(current);
  return steps;
}

/** Sends the recorded steps straight to the subgraphs: the critical path with no gateway. */
async function replay(steps, internalSecret, caller) {
  const started = process.hrtime.bigint();
  const token = await signCallerToken(internalSecret, caller, 60);
  for (const step of steps) {
    await Promise.all(
      step.map(async (r) => {
        const res = await fetch(r.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(r.body),
        });
        const body = await res.json();
        if (!res.ok || (body.errors ?? []).some((e) => e.extensions?.code !== "FORBIDDEN")) {
          const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? e.message).join(", ");
          throw new Error(`${r.service} answered the replayed request with HTTP ${res.status}: ${codes || "no data"}.`);
        }
      }),
    );
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function callerOf(token, purpose) {
  const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
  if (!isRole(payload.role)) throw new Error("the development token names no role");
  return {
    subject: payload.sub,
    role: payload.role,
    organisation: payload.org ?? null,
    centre: payload.centre ?? null,
    caseload: payload.caseload ?? null,
    purpose,
    breakGlass: false,
  };
}

/** Requests from `connections` clients at once for `seconds`: answers a second. */
async function throughput(url, token, purpose, query, connections, seconds) {
  const until = Date.now() + seconds * 1000;
  let answers = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        await ask(url, token, purpose, query, {}, { allowedErrors: ["FORBIDDEN"] });
        answers++;
      }
    }),
  );
  return answers / ((Date.now() - started) / 1000);
}

/** The processes under `pid` (its children, theirs, ...), each named by the service it runs. */
function processTree(rootPids) {
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
  const named = [];
  for (const pid of found) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      const service =
        /([\w-]+)\/dist\/index\.js/.exec(cmdline)?.[1] ??
        (/plain-gateway\.js/.test(cmdline) ? "plain @apollo/gateway" : null) ??
        (/scripts\/start\.js/.test(cmdline) ? "start script" : null);
      if (service) named.push({ pid, service });
    } catch {
      // gone already
    }
  }
  return named;
}

function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
}

function cpuTicksOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

/** Each process's share of a core over `seconds` with no requests. */
async function idleCpu(processes, seconds) {
  const before = processes.map((p) => cpuTicksOf(p.pid));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const ticksPerSecond = 100;
  return processes.map((p, i) => (cpuTicksOf(p.pid) - before[i]) / ticksPerSecond / seconds);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const families = args.families ?? Number(process.env.BOROUGH_FAMILIES || DEFAULT_FAMILIES);
  const documents = appDocuments();
  for (const name of ["PersonPage", "SearchPeople", ...LISTS.map((l) => l.operation)])
    if (!documents.has(name)) throw new Error(`The app has no operation ${name}: run the web codegen.`);
  const log = (line) => process.stdout.write(`${line}\n`);

  const secrets = {
    INTERNAL_TOKEN_SECRET: crypto.randomBytes(32).toString("base64"),
    DEV_JWT_SECRET: crypto.randomBytes(32).toString("base64"),
  };
  log(
    `Starting the stack as npm start does (${families} families, agencies' record cache ${args.cache ? "on, as by default" : "off"})…`,
  );
  const stack = await startStack({
    label: "bench-gateway",
    env: {
      BOROUGH_FAMILIES: String(families),
      ...secrets,
      ...(args.cache ? {} : { AGENCY_CACHE_TTL_SECONDS: "0" }),
    },
  });
  log(`Ready in ${stack.seconds.toFixed(1)} s at ${stack.url}`);
  let plain;
  const recordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ffd-bench-gateway-")), "recorded.json");
  try {
    plain = await startPlainGateway({
      ...secrets,
      SUBGRAPH_URLS: JSON.stringify(stack.subgraphUrls),
      BENCH_RECORD_FILE: recordFile,
    });
    const processes = processTree([stack.pid, plain.pid]);
    const idle = await idleCpu(processes, 5);

    const tokens = new Map();
    for (const role of new Set(["front-door", ...LISTS.map((l) => l.role)]))
      tokens.set(role, await devToken(stack.url, role));
    const front = tokens.get("front-door");
    // The front door sees the agencies' records in summary: their detail fields are FORBIDDEN.
    const summaryOnly = { allowedErrors: ["FORBIDDEN"] };
    const family = await ask(stack.url, front, "direct-care", SAMPLE_QUERY, {}, summaryOnly);
    const amira = family.data.searchPeople[0]?.person;
    if (!amira) throw new Error("The sample query found no one: not a fair measurement.");
    const locality = (await ask(stack.url, front, "direct-care", "query BenchLocalities { localities { id } }", {}))
      .data.localities[0].id;

    const operations = [
      {
        name: "family record",
        role: "front-door",
        purpose: "direct-care",
        query: SAMPLE_QUERY,
        variables: {},
        allowedErrors: ["FORBIDDEN"],
      },
      {
        name: "person",
        role: "front-door",
        purpose: "direct-care",
        query: documents.get("PersonPage"),
        variables: { id: amira.id },
        allowedErrors: ["FORBIDDEN"],
      },
      {
        name: "search",
        role: "front-door",
        purpose: "direct-care",
        query: documents.get("SearchPeople"),
        variables: { query: { familyName: "Hussain", dateOfBirth: "1994-03-12" } },
      },
      ...LISTS.map((l) => ({
        name: l.list,
        role: l.role,
        purpose: l.purpose,
        query: documents.get(l.operation),
        variables: l.variables(locality),
      })),
    ];

    const latency = [];
    for (const op of operations) {
      const token = tokens.get(op.role);
      const caller = callerOf(token, op.purpose);
      const asked = { allowedErrors: op.allowedErrors ?? [] };
      // Warm both ways first (caches, connections, JIT): a cold first answer may time out.
      for (const url of [stack.url, plain.url]) {
        await ask(url, token, op.purpose, op.query, op.variables, asked).catch(() => undefined);
      }
      fs.rmSync(recordFile, { force: true });
      const recorded = await ask(plain.url, token, op.purpose, op.query, op.variables, {
        ...asked,
        headers: { "x-bench-record": "1" },
      }).catch((err) => {
        throw new Error(`${op.name} through the plain gateway: ${err.message}`);
      });
      const answer = await ask(stack.url, token, op.purpose, op.query, op.variables, asked).catch((err) => {
        throw new Error(`${op.name} through our gateway: ${err.message}`);
      });
      if (JSON.stringify(answer.data) !== JSON.stringify(recorded.data)) {
        throw new Error(`${op.name}: the plain gateway's answer is not ours: not a fair comparison.`);
      }
      const steps = stepsOf(JSON.parse(fs.readFileSync(recordFile, "utf8")));
      const times = { ours: [], plain: [], direct: [] };
      for (let run = -3; run < args.runs; run++) {
        const ours = (await ask(stack.url, token, op.purpose, op.query, op.variables, asked)).ms;
        const viaPlain = (await ask(plain.url, token, op.purpose, op.query, op.variables, asked)).ms;
        const direct = await replay(steps, secrets.INTERNAL_TOKEN_SECRET, caller).catch((err) => {
          throw new Error(`${op.name} replayed: ${err.message}`);
        });
        if (run < 0) continue; // warm-up
        times.ours.push(ours);
        times.plain.push(viaPlain);
        times.direct.push(direct);
      }
      const stats = (t) => {
        const sorted = [...t].sort((a, b) => a - b);
        return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
      };
      const ours = stats(times.ours);
      const viaPlain = stats(times.plain);
      const direct = stats(times.direct);
      latency.push({
        operation: op.name,
        subgraphRequests: steps.reduce((n, s) => n + s.length, 0),
        steps: steps.length,
        ours,
        plain: viaPlain,
        direct,
        overheadMs: round(ours.p50 - direct.p50),
        plainOverheadMs: round(viaPlain.p50 - direct.p50),
      });
    }

    const rates = { ours: [], plain: [] };
    for (let r = 0; r < args.rounds; r++) {
      for (const [way, url] of [
        ["ours", stack.url],
        ["plain", plain.url],
      ]) {
        rates[way].push(await throughput(url, front, "direct-care", SAMPLE_QUERY, args.connections, args.seconds));
      }
    }
    const median = (xs) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const ourRate = round(median(rates.ours));
    const plainRate = round(median(rates.plain));
    const memory = processes.map((p, i) => ({ ...p, ...memoryOf(p.pid), idleCores: Number(idle[i].toFixed(3)) }));

    log("");
    log(
      `Latency, ${args.runs} requests one at a time per way after 3 warm-ups (ms); direct = the critical path replayed against the subgraphs`,
    );
    log(
      [
        "operation".padEnd(28),
        "fetches".padStart(8),
        "ours p50".padStart(10),
        "p95".padStart(8),
        "plain p50".padStart(10),
        "p95".padStart(8),
        "direct p50".padStart(11),
        "overhead".padStart(9),
        "plain's".padStart(9),
      ].join(""),
    );
    for (const l of latency)
      log(
        [
          l.operation.padEnd(28),
          `${l.subgraphRequests}/${l.steps}`.padStart(8),
          String(l.ours.p50).padStart(10),
          String(l.ours.p95).padStart(8),
          String(l.plain.p50).padStart(10),
          String(l.plain.p95).padStart(8),
          String(l.direct.p50).padStart(11),
          String(l.overheadMs).padStart(9),
          String(l.plainOverheadMs).padStart(9),
        ].join(""),
      );
    const fr = latency[0];
    log(
      `Gateway overhead on the family record: ${fr.overheadMs} ms at the median (target under ${TARGETS.overheadMs} ms: ${fr.overheadMs < TARGETS.overheadMs ? "met" : "MISSED"}); the plain @apollo/gateway's: ${fr.plainOverheadMs} ms`,
    );
    log("");
    log(
      `Family-record throughput at ${args.connections} connections, median of ${args.rounds} rounds of ${args.seconds} s:`,
    );
    log(`  ours ${ourRate}/s, plain @apollo/gateway ${plainRate}/s: ${round(ourRate / plainRate)}x the plain gateway`);
    log(
      `  ${round(ourRate / BEFORE.familyRecordsPerSecond)}x issue 13's ${BEFORE.familyRecordsPerSecond}/s before it (target ${TARGETS.throughputTimesBefore}x: ${ourRate >= TARGETS.throughputTimesBefore * BEFORE.familyRecordsPerSecond ? "met" : "MISSED"}; that figure is from an earlier run on such a machine, not this one)`,
    );
    log("  Hive Gateway: not measured by this benchmark yet.");
    log("");
    log("Processes (resident memory now and at its peak, share of a core over 5 s idle before the load):");
    for (const m of memory)
      log(
        `  ${m.service.padEnd(24)} ${`${m.rssMb} MB`.padStart(8)} ${`peak ${m.peakMb} MB`.padStart(14)} ${`idle ${m.idleCores}`.padStart(12)}`,
      );
    const load = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(", ");
    log(`(load average ${load} on ${os.cpus().length} cores)`);
    if (args.json)
      log(
        JSON.stringify({
          families,
          cache: args.cache,
          runs: args.runs,
          latency,
          throughput: { connections: args.connections, ours: ourRate, plain: plainRate, rounds: rates },
          processes: memory,
        }),
      );
  } finally {
    await plain?.stop();
    fs.rmSync(path.dirname(recordFile), { recursive: true, force: true });
    await stack.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
