/**
 * `npm run bench:gateway`: the gateway's speed against issue 13's targets, measured side by side
 * in one run, not asserted. Starts our stack as `npm start` does (on free ports, in a fresh data
 * folder) twice side by side, with the agencies' record cache on (as by default) and off
 * (AGENCY_CACHE_TTL_SECONDS=0), and beside the first, over the same subgraphs and supergraph, a
 * plain @apollo/gateway (scripts/lib/plain-gateway.js) and Hive Gateway (scripts/lib/
 * hive-gateway.js) twice: with its defaults (identical subgraph requests in flight merged) and
 * with that merging off. Then, for the family record (the sample query), a person's page, a
 * search and each locality list (the staff app's own documents):
 *   - latency, one request at a time, through each gateway, and the critical path replayed
 *     directly against the subgraphs: the plain gateway's subgraph requests for the same
 *     operation, recorded once, sent again step by step (the requests of a step in parallel, the
 *     steps in turn); a gateway's overhead is its median less the replay's median;
 *   - the family record through each gateway alone: each started again over stand-in subgraphs
 *     that give back recorded answers at once (scripts/lib/replay-subgraphs.js), less a server
 *     answering the same JSON with no work: a gateway's own time, with no subgraph's in it;
 *   - family-record throughput at 32 connections through each gateway (median of the rounds);
 *   - each process's resident memory (now and peak) and its CPU while idle;
 *   - issue 13's scale figures for our stack (cache on): how long its first start took to a
 *     complete index (family-index's /metrics: no agency missing), the slowest /health answer of
 *     each service (every 100 ms, from a thread of its own: a long one is a paused event loop)
 *     while it starts and once the index is complete, family-index's feed requests that timed
 *     out, and then a restart on the same data folder (the generated databases and links kept):
 *     ready, and complete, in how long.
 * The ways are interleaved request by request and round by round, so machine noise falls on all
 * alike, and the figures that matter are ratios from the same run. Every gateway's answer is
 * checked to be the same before it is timed.
 * Options: --families N (default: npm start's borough), --runs N (sequential requests per
 * operation and way, default 30), --seconds N (per throughput round, default 10), --rounds N
 * (throughput rounds per gateway, default 3), --connections N (default 32), --cache-on-only (no
 * second stack with the cache off: at 100,000 families two stacks need twice the memory and
 * cores, and the on/off ratio is then not measured), --json (the last line is one JSON object),
 * --help.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { signCallerToken } = require("../shared/dist");
const { SAMPLE_QUERY } = require("../gateway/dist/sample");
const { LISTS, appDocuments, ask, devToken, percentile, round, wholeNumberOption } = require("./lib/bench");
const { callerCheck } = require("./lib/gateway-caller");
const { OTHER_GATEWAYS, OUR_GATEWAY, startGateway } = require("./lib/gateways");
const { startFloorServer, startReplaySubgraphs } = require("./lib/replay-subgraphs");
const { baseOf, feedFailuresOf, watchHealth, whenIndexComplete } = require("./lib/scale");
const { freePorts, processTreeOf, startStack } = require("./lib/stack");

const DEFAULT_FAMILIES = 2000;
/** Issue 13's figures for the gateway before it: family records a second at 32 connections. */
const BEFORE = { familyRecordsPerSecond: 28 };
const TARGETS = { overheadMs: 2, throughputTimesBefore: 3, cachedTimesBefore: 10 };
/** Issue 13's targets for a 100,000-family borough through `npm start` (printed at any size). */
const SCALE_TARGETS = {
  firstStartSeconds: 180,
  restartSeconds: 30,
  peakMb: 1024,
  idleCores: 0.05,
  familyRecordP50Ms: 50,
  familyRecordP95Ms: 150,
  healthPauseMs: 100,
};
/** How long a start may take before the bench gives up (the start script's own deadline too). */
const START_TIMEOUT_SECONDS = 3600;
const USAGE =
  "usage: npm run bench:gateway -- [--families N] [--runs N] [--seconds N] [--rounds N] [--connections N] [--cache-on-only] [--json] [--help]";

/** The options, or null for --help; an unknown option or a bad number is an error with the usage. */
function parseArgs(argv) {
  const out = { families: null, runs: 30, seconds: 10, rounds: 3, connections: 32, cacheOnOnly: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const whole = (name) => wholeNumberOption(argv[++i], name, USAGE);
    if (a === "--help" || a === "-h") return null;
    else if (a === "--json") out.json = true;
    else if (a === "--cache-on-only") out.cacheOnOnly = true;
    else if (a === "--families") out.families = whole("--families");
    else if (a === "--runs") out.runs = whole("--runs");
    else if (a === "--seconds") out.seconds = whole("--seconds");
    else if (a === "--rounds") out.rounds = whole("--rounds");
    else if (a === "--connections") out.connections = whole("--connections");
    else if (a === "--no-cache")
      throw new Error(
        `--no-cache is gone: every run measures our gateway with the agencies' record cache on and off side by side.\n${USAGE}`,
      );
    else throw new Error(`Unknown option "${a}".\n${USAGE}`);
  }
  return out;
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
          signal: AbortSignal.timeout(120_000),
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

/**
 * Requests from `connections` clients at once for `seconds`: whole answers a second, and the
 * requests that failed (an error answer, a refusal, a timeout: counted, not ending the run; a
 * failed request is not an answer).
 */
async function throughput(url, token, purpose, query, connections, seconds) {
  const until = Date.now() + seconds * 1000;
  let answers = 0;
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        try {
          await ask(url, token, purpose, query, {}, { allowedErrors: ["FORBIDDEN"] });
          answers++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { rate: answers / ((Date.now() - started) / 1000), failed };
}

/**
 * The processes under `rootPids` (their children, theirs, ...), each named by `labels` (pid ->
 * name) or by the service it runs.
 */
function processTree(rootPids, labels) {
  const found = processTreeOf(rootPids);
  const named = [];
  for (const pid of found) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      const service =
        labels.get(pid) ??
        /([\w-]+)\/dist\/index\.js/.exec(cmdline)?.[1] ??
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

const median = (xs) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
/** p50 and p95 of some times, in ms to one place. */
function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
}
/** A ratio to two places: 0.16x must not read as 0.2x. */
const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const metOrMissed = (met) => (met ? "met" : "MISSED");
/** The front door sees the agencies' records in summary: their detail fields are FORBIDDEN. */
const SUMMARY_ONLY = { allowedErrors: ["FORBIDDEN"] };

/**
 * The agencies' record cache lookups so far, by result, summed over a stack's subgraphs (their
 * `/metrics`, with METRICS_TOKEN if it is set): shows the cache is on where it should be.
 */
async function cacheLookupsOf(stack) {
  const totals = { hit: 0, miss: 0, error: 0 };
  const token = process.env.METRICS_TOKEN;
  for (const [service, url] of Object.entries(stack.subgraphUrls)) {
    const res = await fetch(new URL("/metrics", url), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`${service}'s /metrics answered HTTP ${res.status}.`);
    for (const [, labels, value] of (await res.text()).matchAll(/^ffd_cache_lookups_total\{([^}]*)\} (\S+)$/gm)) {
      const result = /result="(\w+)"/.exec(labels)?.[1];
      if (result && result in totals) totals[result] += Number(value);
    }
  }
  return totals;
}

/**
 * Starts our stack twice side by side as `npm start` does, with the agencies' record cache on (as
 * by default) and off (AGENCY_CACHE_TTL_SECONDS=0), each on its own ports and data folder (only
 * the first with `cacheOnOnly`); if either fails, the other is stopped. `onSpawn` gets the first
 * stack's addresses as soon as it is started.
 */
async function startStacks(env, { cacheOnOnly, onSpawn }) {
  const started = await Promise.allSettled([
    startStack({ label: "bench-gateway", env, onSpawn }),
    ...(cacheOnOnly
      ? []
      : [startStack({ label: "bench-gateway-uncached", env: { ...env, AGENCY_CACHE_TTL_SECONDS: "0" } })]),
  ]);
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    for (const s of started) if (s.status === "fulfilled") await s.value.stop();
    throw failed.reason;
  }
  return started.map((s) => s.value);
}

/** A stack's services' base URLs (http://host:port), by name: the gateway and each subgraph. */
const servicesOf = (addresses) => ({
  gateway: addresses.url.replace(/\/$/, ""),
  ...Object.fromEntries(Object.entries(addresses.subgraphUrls).map(([name, url]) => [name, baseOf(url)])),
});

/**
 * Starts a stack as startStack does while watching every service's /health from its start, then
 * waits for family-index's index to be complete: the stack, the watcher (watching on), the /health
 * figures while starting, and the seconds from the start to ready (the banner) and to a complete
 * index.
 */
async function startWatched(start) {
  let watcher = null;
  let stacks = [];
  let complete = null;
  try {
    stacks = await start((addresses) => {
      watcher = watchHealth(servicesOf(addresses));
    });
    complete = await whenIndexComplete(baseOf(stacks[0].subgraphUrls["family-index"]), {
      deadlineMs: START_TIMEOUT_SECONDS * 1000,
    });
    if (complete === null)
      throw new Error(`family-index's index was not complete within ${START_TIMEOUT_SECONDS} s of its being ready.`);
  } catch (err) {
    await watcher?.stop().catch(() => undefined);
    for (const s of stacks) await s.stop();
    throw err;
  }
  const [stack] = stacks;
  return {
    stacks,
    watcher,
    /** Each service's /health answers from its start to the complete index. */
    startHealth: await watcher.take(),
    readySeconds: stack.seconds,
    completeSeconds: round((complete - stack.startedAt) / 1000),
  };
}

/**
 * The family record through each gateway alone: every gateway started again over stand-in
 * subgraphs that first record the real subgraphs' answers, then give them back at once with
 * nothing behind them (replay-subgraphs.js), so a request's time is the gateway's own work plus
 * the client's round trip; a server answering the same JSON at once with no work (the floor)
 * gives that round trip, and a gateway's own time is its p50 less the floor's. Our gateway keeps
 * its audit trail (embedded, in a fresh data folder) and every other check it makes.
 */
async function alone(stack, secrets, token, runs) {
  const { subgraphsOf, urlSetting } = require("../shared/dist");
  const subgraphs = subgraphsOf();
  const standIns = await startReplaySubgraphs(
    stack.subgraphUrls,
    await freePorts(Object.keys(stack.subgraphUrls).length),
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-bench-alone-"));
  const started = [];
  let floor;
  try {
    const ourEnv = {
      ...secrets,
      DATA_DIR: dataDir,
      ...Object.fromEntries(subgraphs.map((s) => [urlSetting(s), standIns.urls[s.name].replace(/\/graphql$/, "")])),
    };
    started.push(await startGateway(OUR_GATEWAY, ourEnv));
    for (const gateway of OTHER_GATEWAYS)
      started.push(await startGateway(gateway, { ...secrets, SUBGRAPH_URLS: JSON.stringify(standIns.urls) }));
    // Recorded: each gateway's own subgraph requests, answered by the real subgraphs.
    const answers = [];
    for (const g of started) answers.push(await ask(g.url, token, "direct-care", SAMPLE_QUERY, {}, SUMMARY_ONLY));
    standIns.replay();
    for (const [i, a] of answers.entries())
      if (JSON.stringify(a.data) !== JSON.stringify(answers[0].data))
        throw new Error(
          `the family record through ${started[i].name} over the stand-ins is not ours: not a fair comparison.`,
        );
    floor = await startFloorServer((await freePorts(1))[0], JSON.stringify({ data: answers[0].data }));
    const ways = [...started.map((g) => [g.way, g.url]), ["floor", floor.url]];
    const times = Object.fromEntries(ways.map(([way]) => [way, []]));
    for (let run = -3; run < runs; run++)
      for (const [way, url] of ways) {
        const answer = await ask(url, token, "direct-care", SAMPLE_QUERY, {}, SUMMARY_ONLY);
        if (run >= 0) times[way].push(answer.ms);
      }
    if (standIns.unmatched > 0)
      throw new Error(
        `${standIns.unmatched} subgraph requests were not recorded: the gateways alone were not measured fairly.`,
      );
    const measured = Object.fromEntries(Object.entries(times).map(([way, t]) => [way, stats(t)]));
    const own = Object.fromEntries(started.map((g) => [g.way, round(measured[g.way].p50 - measured.floor.p50)]));
    return { ...measured, ownMs: own };
  } finally {
    for (const g of started) await g.stop();
    await floor?.stop();
    await standIns.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const families = args.families ?? Number(process.env.BOROUGH_FAMILIES || DEFAULT_FAMILIES);
  const documents = appDocuments();
  for (const name of ["PersonPage", "SearchPeople", ...LISTS.map((l) => l.operation)])
    if (!documents.has(name)) throw new Error(`The app has no operation ${name}: run the web codegen.`);
  const log = (line) => process.stdout.write(`${line}\n`);

  const secrets = {
    INTERNAL_TOKEN_SECRET: crypto.randomBytes(32).toString("base64"),
    DEV_JWT_SECRET: crypto.randomBytes(32).toString("base64"),
  };
  const checkCaller = callerCheck(secrets.DEV_JWT_SECRET);
  log(
    args.cacheOnOnly
      ? `Starting the stack as npm start does (${families} families), the agencies' record cache on (as by default)…`
      : `Starting the stack twice as npm start does (${families} families), the agencies' record cache on (as by default) and off…`,
  );
  const env = { BOROUGH_FAMILIES: String(families), START_TIMEOUT_SECONDS: String(START_TIMEOUT_SECONDS), ...secrets };
  const first = await startWatched((onSpawn) => startStacks(env, { cacheOnOnly: args.cacheOnOnly, onSpawn }));
  let [stack, uncachedStack = null] = first.stacks;
  const stacks = () => [stack, uncachedStack].filter((s) => s !== null);
  log(
    `Ready in ${stack.seconds.toFixed(1)} s${uncachedStack ? ` and ${uncachedStack.seconds.toFixed(1)} s` : ""}; the index complete ${first.completeSeconds} s after the start`,
  );
  const uncachedSeconds = uncachedStack ? round(uncachedStack.seconds) : null;
  let restart = null;
  let again = null;
  const recordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ffd-bench-gateway-")), "recorded.json");
  const others = [];
  try {
    const gatewayEnv = { ...secrets, SUBGRAPH_URLS: JSON.stringify(stack.subgraphUrls), BENCH_RECORD_FILE: recordFile };
    for (const gateway of OTHER_GATEWAYS) others.push(await startGateway(gateway, gatewayEnv));
    const plain = others.find((g) => g.way === "plain");
    /** Every gateway measured, ours first: [way, URL, name]. */
    const ways = [
      ["ours", stack.url, "our gateway"],
      ...(uncachedStack ? [["oursNoCache", uncachedStack.url, "our gateway with the record cache off"]] : []),
      ...others.map((g) => [g.way, g.url, g.name]),
    ];
    const processes = [
      ...processTree([stack.pid, ...others.map((g) => g.pid)], new Map(others.map((g) => [g.pid, g.name]))),
      ...(uncachedStack
        ? processTree([uncachedStack.pid], new Map()).map((p) => ({ ...p, service: `${p.service}, cache off` }))
        : []),
    ];
    const idle = await idleCpu(processes, 5);

    const tokens = new Map();
    for (const role of new Set(["front-door", ...LISTS.map((l) => l.role)]))
      tokens.set(role, await devToken(stack.url, role));
    const front = tokens.get("front-door");
    const family = await ask(stack.url, front, "direct-care", SAMPLE_QUERY, {}, SUMMARY_ONLY);
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

    /** One operation through every way and replayed: its figures (any failure thrown). */
    const measureOne = async (op) => {
      const token = tokens.get(op.role);
      const caller = await checkCaller(`Bearer ${token}`, op.purpose);
      const asked = { allowedErrors: op.allowedErrors ?? [] };
      // Warm every way first (caches, connections, JIT, query plans): a cold first answer may time out.
      for (const [, url] of ways) {
        await ask(url, token, op.purpose, op.query, op.variables, asked).catch(() => undefined);
      }
      fs.rmSync(recordFile, { force: true });
      const recorded = await ask(plain.url, token, op.purpose, op.query, op.variables, {
        ...asked,
        headers: { "x-bench-record": "1" },
      }).catch((err) => {
        throw new Error(`${op.name} through the plain gateway: ${err.message}`);
      });
      for (const [way, url, name] of ways) {
        if (way === "plain") continue;
        const answer = await ask(url, token, op.purpose, op.query, op.variables, asked).catch((err) => {
          throw new Error(`${op.name} through ${name}: ${err.message}`);
        });
        if (JSON.stringify(answer.data) !== JSON.stringify(recorded.data)) {
          throw new Error(`${op.name}: ${name}'s answer is not the plain gateway's: not a fair comparison.`);
        }
      }
      const steps = stepsOf(JSON.parse(fs.readFileSync(recordFile, "utf8")));
      const times = Object.fromEntries([...ways.map(([way]) => [way, []]), ["direct", []]]);
      for (let run = -3; run < args.runs; run++) {
        for (const [way, url] of ways) {
          const { ms } = await ask(url, token, op.purpose, op.query, op.variables, asked);
          if (run >= 0) times[way].push(ms);
        }
        const direct = await replay(steps, secrets.INTERNAL_TOKEN_SECRET, caller).catch((err) => {
          throw new Error(`${op.name} replayed: ${err.message}`);
        });
        if (run >= 0) times.direct.push(direct);
      }
      const measured = Object.fromEntries(Object.entries(times).map(([way, t]) => [way, stats(t)]));
      const overheadOf = (way) => round(measured[way].p50 - measured.direct.p50);
      return {
        operation: op.name,
        subgraphRequests: steps.reduce((n, s) => n + s.length, 0),
        steps: steps.length,
        ...measured,
        overheadMs: overheadOf("ours"),
        plainOverheadMs: overheadOf("plain"),
        hiveOverheadMs: overheadOf("hive"),
        hiveNoDedupOverheadMs: overheadOf("hiveNoDedup"),
      };
    };
    // An operation that fails (a list too slow for the subgraph timeout at a large borough) is a
    // figure of its own, printed as failed; the family record must answer, the rest is measured on.
    const latency = [];
    for (const op of operations) {
      try {
        latency.push(await measureOne(op));
      } catch (err) {
        if (latency.length === 0) throw err;
        latency.push({ operation: op.name, failed: err instanceof Error ? err.message : String(err) });
      }
    }

    const gatewaysAlone = await alone(stack, secrets, front, args.runs);

    const rounds = Object.fromEntries(ways.map(([way]) => [way, []]));
    const failedAnswers = Object.fromEntries(ways.map(([way]) => [way, 0]));
    const lookupsBefore = await Promise.all(stacks().map(cacheLookupsOf));
    for (let r = 0; r < args.rounds; r++) {
      for (const [way, url] of ways) {
        const measured = await throughput(url, front, "direct-care", SAMPLE_QUERY, args.connections, args.seconds);
        rounds[way].push(measured.rate);
        failedAnswers[way] += measured.failed;
      }
    }
    // The record cache's lookups during the throughput rounds, with the cache on and off.
    const [cacheLookups, uncachedLookups = null] = (await Promise.all(stacks().map(cacheLookupsOf))).map((after, i) =>
      Object.fromEntries(Object.entries(after).map(([result, n]) => [result, n - lookupsBefore[i][result]])),
    );
    const hitShare = (l) => (l.hit + l.miss + l.error > 0 ? Math.round((l.hit / (l.hit + l.miss + l.error)) * 100) : 0);
    const rate = Object.fromEntries(Object.entries(rounds).map(([way, r]) => [way, round(median(r))]));
    const memory = processes.map((p, i) => ({ ...p, ...memoryOf(p.pid), idleCores: Number(idle[i].toFixed(3)) }));
    const ratios = {
      oursOverPlain: ratio(rate.ours, rate.plain),
      oursOverHive: ratio(rate.ours, rate.hive),
      oursOverHiveNoDedup: ratio(rate.ours, rate.hiveNoDedup),
      cachedOverUncached: uncachedStack ? ratio(rate.ours, rate.oursNoCache) : null,
      oursOverBefore: ratio(rate.ours, BEFORE.familyRecordsPerSecond),
      uncachedOverBefore: uncachedStack ? ratio(rate.oursNoCache, BEFORE.familyRecordsPerSecond) : null,
    };
    const targets = {
      overheadUnder2Ms: latency[0].overheadMs < TARGETS.overheadMs,
      atLeastHive: rate.ours >= rate.hive,
      threeTimesBefore: ratios.oursOverBefore >= TARGETS.throughputTimesBefore,
      cachedTenTimesUncached: uncachedStack ? ratios.cachedOverUncached >= TARGETS.cachedTimesBefore : null,
    };

    // The run's scale figures: feed timeouts and health pauses since the first start, then a restart
    // of our stack alone (the other gateways and the cache-off stack stopped) on its data folder.
    const otherPids = new Set(others.map((g) => g.pid));
    const oursProcesses = memory.filter((m) => !m.service.endsWith(", cache off") && !otherPids.has(m.pid));
    const firstFeedFailures = await feedFailuresOf(baseOf(stack.subgraphUrls["family-index"]));
    const runningHealth = await first.watcher.stop();
    for (const gateway of others.splice(0)) await gateway.stop();
    if (uncachedStack) {
      await uncachedStack.stop();
      uncachedStack = null;
    }
    log("Restarting our stack on its data folder (the generated databases and links kept)…");
    await stack.stop({ keepData: true });
    again = await startWatched(async (onSpawn) => [
      await startStack({ label: "bench-gateway", env, dataDir: stack.dataDir, onSpawn }),
    ]);
    stack = again.stacks[0];
    await ask(stack.url, front, "direct-care", SAMPLE_QUERY, {}, SUMMARY_ONLY); // it answers
    restart = {
      readySeconds: round(again.readySeconds),
      completeSeconds: again.completeSeconds,
      feedFailures: await feedFailuresOf(baseOf(stack.subgraphUrls["family-index"])),
      startHealth: again.startHealth,
      processes: processTree([stack.pid], new Map()).map((p) => ({ ...p, ...memoryOf(p.pid) })),
    };
    const scale = {
      firstStart: {
        readySeconds: round(first.readySeconds),
        completeSeconds: first.completeSeconds,
        feedFailures: firstFeedFailures,
        startHealth: first.startHealth,
      },
      runningHealth,
      restart,
    };
    const slowestHealth = (health) =>
      Object.entries(health).reduce((w, [service, h]) => (h.slowestMs > w.ms ? { service, ms: h.slowestMs } : w), {
        service: "none",
        ms: 0,
      });
    const scaleTargets = {
      firstStartUnder3Minutes: first.completeSeconds < SCALE_TARGETS.firstStartSeconds,
      restartUnder30Seconds: restart.completeSeconds < SCALE_TARGETS.restartSeconds,
      everyProcessUnder1Gb: [...oursProcesses, ...restart.processes].every((m) => m.peakMb < SCALE_TARGETS.peakMb),
      idleNearZero: oursProcesses.every((m) => m.idleCores < SCALE_TARGETS.idleCores),
      familyRecordP50Under50Ms: latency[0].ours.p50 < SCALE_TARGETS.familyRecordP50Ms,
      familyRecordP95Under150Ms: latency[0].ours.p95 < SCALE_TARGETS.familyRecordP95Ms,
      noFeedTimeouts: firstFeedFailures.identityTimeout === 0 && restart.feedFailures.identityTimeout === 0,
      noHealthPauseOver100Ms: slowestHealth(runningHealth).ms < SCALE_TARGETS.healthPauseMs,
    };

    log("");
    log(
      `Latency, ${args.runs} requests one at a time per way after 3 warm-ups, p50/p95 (ms); direct = the critical path replayed against the subgraphs (p50); overhead = a gateway's p50 less direct's`,
    );
    const columns = [
      ["ours", "ours"],
      ["oursNoCache", "ours, no cache"],
      ["plain", "plain"],
      ["hive", "hive"],
      ["hiveNoDedup", "hive unmerged"],
    ].filter(([way]) => ways.some(([measured]) => measured === way));
    log(
      [
        "operation".padEnd(28),
        "fetches".padStart(8),
        ...columns.map(([, label]) => label.padStart(15)),
        "direct".padStart(8),
        "  overhead: ours / plain / hive / hive unmerged",
      ].join(""),
    );
    for (const l of latency)
      if (l.failed) log(`${l.operation.padEnd(28)}  FAILED: ${l.failed}`);
      else
        log(
          [
            l.operation.padEnd(28),
            `${l.subgraphRequests}/${l.steps}`.padStart(8),
            ...columns.map(([way]) => `${l[way].p50}/${l[way].p95}`.padStart(15)),
            String(l.direct.p50).padStart(8),
            `  ${l.overheadMs} / ${l.plainOverheadMs} / ${l.hiveOverheadMs} / ${l.hiveNoDedupOverheadMs}`,
          ].join(""),
        );
    const fr = latency[0];
    log(
      `Gateway overhead on the family record: ${fr.overheadMs} ms at the median (target under ${TARGETS.overheadMs} ms: ${metOrMissed(targets.overheadUnder2Ms)}); the plain @apollo/gateway's ${fr.plainOverheadMs} ms, Hive's ${fr.hiveOverheadMs} ms (${fr.hiveNoDedupOverheadMs} ms unmerged)`,
    );
    log(
      `The family record through each gateway alone (subgraphs answering at once from a recording), p50/p95 (ms): ours ${gatewaysAlone.ours.p50}/${gatewaysAlone.ours.p95}, plain ${gatewaysAlone.plain.p50}/${gatewaysAlone.plain.p95}, Hive ${gatewaysAlone.hive.p50}/${gatewaysAlone.hive.p95}, Hive unmerged ${gatewaysAlone.hiveNoDedup.p50}/${gatewaysAlone.hiveNoDedup.p95}; a server doing no work ${gatewaysAlone.floor.p50}/${gatewaysAlone.floor.p95}`,
    );
    log(
      `  each gateway's own time (its p50 less that server's): ours ${gatewaysAlone.ownMs.ours} ms, plain @apollo/gateway ${gatewaysAlone.ownMs.plain} ms, Hive ${gatewaysAlone.ownMs.hive} ms, Hive unmerged ${gatewaysAlone.ownMs.hiveNoDedup} ms (ours over the plain one: ${round(gatewaysAlone.ownMs.ours - gatewaysAlone.ownMs.plain)} ms)`,
    );
    log("");
    log(
      `Family-record throughput at ${args.connections} connections, median of ${args.rounds} rounds of ${args.seconds} s (answers a second):`,
    );
    const notMeasured = "not measured (--cache-on-only)";
    log(
      `  ours ${rate.ours}, plain @apollo/gateway ${rate.plain}, Hive Gateway ${rate.hive}, Hive with merging off ${rate.hiveNoDedup}; ours with the record cache off ${rate.oursNoCache ?? notMeasured}`,
    );
    const failures = Object.entries(failedAnswers).filter(([, n]) => n > 0);
    log(
      failures.length
        ? `  FAILED requests in those rounds (not counted as answers): ${failures.map(([way, n]) => `${way} ${n}`).join(", ")}; a ratio with one of these ways is not a fair comparison`
        : "  no request failed in those rounds",
    );
    log(
      `  the agencies' record cache in those rounds: ${cacheLookups.hit + cacheLookups.miss + cacheLookups.error} lookups, ${hitShare(cacheLookups)}% hits (${cacheLookups.error} failed); with it off: ${uncachedLookups ? `${uncachedLookups.hit + uncachedLookups.miss + uncachedLookups.error} lookups` : notMeasured}`,
    );
    log(`  ours / plain @apollo/gateway: ${ratios.oursOverPlain}x`);
    log(
      `  ours / Hive Gateway (its defaults, identical subgraph requests in flight merged): ${ratios.oursOverHive}x (target at least 1x: ${metOrMissed(targets.atLeastHive)})`,
    );
    log(`  ours / Hive Gateway with merging off: ${ratios.oursOverHiveNoDedup}x`);
    log(
      `  ours with the agencies' record cache / without it: ${ratios.cachedOverUncached === null ? notMeasured : `${ratios.cachedOverUncached}x (target ${TARGETS.cachedTimesBefore}x: ${metOrMissed(targets.cachedTenTimesUncached)})`}`,
    );
    log(
      `  ours / issue 13's ${BEFORE.familyRecordsPerSecond}/s before it: ${ratios.oursOverBefore}x with the cache (target ${TARGETS.throughputTimesBefore}x: ${metOrMissed(targets.threeTimesBefore)}), ${ratios.uncachedOverBefore === null ? notMeasured : `${ratios.uncachedOverBefore}x`} without it (that figure is from an earlier run on such a machine, not this one)`,
    );
    log("");
    log("Processes (resident memory now and at its peak, share of a core over 5 s idle before the load):");
    for (const m of memory)
      log(
        `  ${m.service.padEnd(34)} ${`${m.rssMb} MB`.padStart(8)} ${`peak ${m.peakMb} MB`.padStart(14)} ${`idle ${m.idleCores}`.padStart(12)}`,
      );
    log("");
    log(`Scale (issue 13's targets for a 100,000-family borough through npm start; this run: ${families} families):`);
    const sayTarget = (text, met) => log(`  ${text}: ${metOrMissed(met)}`);
    sayTarget(
      `first start: ready in ${scale.firstStart.readySeconds} s, the index complete in ${scale.firstStart.completeSeconds} s (target under ${SCALE_TARGETS.firstStartSeconds} s${args.cacheOnOnly ? "" : "; two stacks were starting at once"})`,
      scaleTargets.firstStartUnder3Minutes,
    );
    sayTarget(
      `restart on the same data folder: ready in ${restart.readySeconds} s, the index complete in ${restart.completeSeconds} s (target under ${SCALE_TARGETS.restartSeconds} s)`,
      scaleTargets.restartUnder30Seconds,
    );
    const biggest = [...oursProcesses, ...restart.processes].reduce((b, m) => (m.peakMb > b.peakMb ? m : b));
    sayTarget(
      `every process of our stack under 1 GB at its peak, first start and restart (the largest: ${biggest.service}, ${biggest.peakMb} MB)`,
      scaleTargets.everyProcessUnder1Gb,
    );
    const busiest = oursProcesses.reduce((b, m) => (m.idleCores > b.idleCores ? m : b));
    sayTarget(
      `idle CPU near zero, under ${SCALE_TARGETS.idleCores} of a core each (the busiest: ${busiest.service}, ${busiest.idleCores})`,
      scaleTargets.idleNearZero,
    );
    sayTarget(
      `family record p50 ${fr.ours.p50} ms (target under ${SCALE_TARGETS.familyRecordP50Ms} ms)`,
      scaleTargets.familyRecordP50Under50Ms,
    );
    sayTarget(
      `family record p95 ${fr.ours.p95} ms (target under ${SCALE_TARGETS.familyRecordP95Ms} ms)`,
      scaleTargets.familyRecordP95Under150Ms,
    );
    sayTarget(
      `family-index's identity feed reads timed out: ${scale.firstStart.feedFailures.identityTimeout} from the first start to the end of the load, ${restart.feedFailures.identityTimeout} in the restart (any feed, the involvement and event feeds asked during requests among them: ${scale.firstStart.feedFailures.timeout} and ${restart.feedFailures.timeout}; failed for any reason: ${scale.firstStart.feedFailures.all} and ${restart.feedFailures.all}; target none timed out)`,
      scaleTargets.noFeedTimeouts,
    );
    const pause = slowestHealth(runningHealth);
    sayTarget(
      `slowest /health answer (each service every 100 ms) once the index was complete, through the measurements and the load: ${pause.ms} ms (${pause.service}) (target under ${SCALE_TARGETS.healthPauseMs} ms)`,
      scaleTargets.noHealthPauseOver100Ms,
    );
    const pauses = (label, health) => {
      const slowest = slowestHealth(health);
      const slow = Object.entries(health)
        .filter(([, h]) => h.slow > 0 || h.failed > 0)
        .map(([service, h]) => `${service} ${h.slow}/${h.answers}${h.failed ? `, ${h.failed} failed` : ""}`);
      log(
        `    ${label}: slowest ${slowest.ms} ms (${slowest.service}); answers over ${SCALE_TARGETS.healthPauseMs} ms: ${slow.join("; ") || "none"}`,
      );
    };
    pauses("once complete", runningHealth);
    pauses("first start, to the complete index", first.startHealth);
    pauses("restart, to the complete index", again.startHealth);
    const loadAverage = os.loadavg().map((x) => Number(x.toFixed(1)));
    log(`(load average ${loadAverage.join(", ")} on ${os.cpus().length} cores)`);
    if (args.json)
      log(
        JSON.stringify({
          families,
          runs: args.runs,
          startSeconds: { cached: round(first.readySeconds), uncached: uncachedSeconds },
          latency,
          gatewaysAlone,
          throughput: { connections: args.connections, seconds: args.seconds, ...rate, rounds, failedAnswers },
          cacheLookups: { cached: cacheLookups, uncached: uncachedLookups },
          ratios,
          before: BEFORE,
          targets,
          scale,
          scaleTargets,
          processes: memory,
          loadAverage,
          cores: os.cpus().length,
        }),
      );
  } finally {
    await first.watcher.stop();
    await again?.watcher.stop();
    for (const gateway of others) await gateway.stop();
    await Promise.all(stacks().map((s) => s.stop()));
    fs.rmSync(path.dirname(recordFile), { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
