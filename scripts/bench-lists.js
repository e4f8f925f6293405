/**
 * `npm run bench:lists`: the locality lists' speed against issue 11's targets, measured, not
 * asserted. Starts the stack as `npm start` does (on free ports, in a fresh data folder), signs a
 * development token per role, and asks each list through the gateway with the staff app's own
 * document (web/src/gql/persisted-documents.json, by operation name), for every locality in
 * turn: one warm-up round, then RUNS rounds, one request at a time. Prints, per list, the median
 * and p95 over every request, the slowest locality's median and the entries listed, against the
 * target (300 ms at the median on the default borough; 1 s at 100,000 families).
 * Options: --families N (default: npm start's borough), --runs N (default 10), --json (the last
 * line is one JSON object).
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { PURPOSE_OF_ACCESS_HEADER } = require("../shared/dist");
const { startStack } = require("./lib/stack");

const root = path.join(__dirname, "..");
const DEFAULT_FAMILIES = 2000;
const TARGET_MS = { default: 300, large: 1000 };
/** A borough this size or larger is held to the large-borough target. */
const LARGE_BOROUGH = 100_000;

/**
 * The lists, each by the app's operation, the role and purpose it is read with, its variables for
 * a locality, and how many entries an answer holds (for the table; aggregates count their rows).
 */
const LISTS = [
  {
    list: "newBirthsNotKnownToCentres",
    operation: "NewBirthsNotKnownToCentres",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    entries: (data) => data.newBirthsNotKnownToCentres.length,
  },
  {
    list: "mandatedReviewWorklist",
    operation: "MandatedReviewWorklist",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    entries: (data) => data.mandatedReviewWorklist.length,
  },
  {
    list: "safeguardingMeetingList",
    operation: "SafeguardingMeetingList",
    role: "safeguarding-lead",
    purpose: "safeguarding",
    variables: (locality) => ({ locality }),
    entries: (data) => data.safeguardingMeetingList.length,
  },
  {
    list: "mandatedReviewPerformance",
    operation: "MandatedReviewPerformance",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    entries: (data) => data.mandatedReviewPerformance.reviews.length,
  },
  {
    list: "localityProfile",
    operation: "LocalityProfile",
    role: "front-door",
    purpose: "direct-care",
    variables: (locality) => ({ locality }),
    // The children's figures' rows (the births registered at a centre among them) and the review rates' rows.
    entries: (data) => 4 + (data.localityProfile.reviewPerformance?.reviews.length ?? 0),
  },
];

function parseArgs(argv) {
  const out = { families: null, runs: 10, json: false };
  const usage = "usage: npm run bench:lists -- [--families N] [--runs N] [--json]";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const whole = (name) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number of 1 or more.\n${usage}`);
      return n;
    };
    if (a === "--json") out.json = true;
    else if (a === "--families") out.families = whole("--families");
    else if (a === "--runs") out.runs = whole("--runs");
    else throw new Error(`Unknown option "${a}".\n${usage}`);
  }
  return out;
}

/** The app's documents by operation name. */
function appDocuments() {
  const file = path.join(root, "web", "src", "gql", "persisted-documents.json");
  const byName = new Map();
  for (const text of Object.values(JSON.parse(fs.readFileSync(file, "utf8")))) {
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(text)?.[1];
    if (name) byName.set(name, text);
  }
  return byName;
}

async function devToken(url, role) {
  const res = await fetch(new URL("/auth/dev-token", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ role }),
  });
  if (!res.ok) throw new Error(`The gateway refused a development token for ${role} (HTTP ${res.status}).`);
  return (await res.json()).token;
}

/** One request through the gateway: its time in ms and its data; any error fails the benchmark. */
async function ask(url, token, purpose, query, variables) {
  const started = process.hrtime.bigint();
  const res = await fetch(new URL("/graphql", url), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      [PURPOSE_OF_ACCESS_HEADER]: purpose,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!res.ok || body.errors?.length) {
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? "?").join(", ");
    throw new Error(`HTTP ${res.status}, errors: ${codes || "none"}: not a fair measurement.`);
  }
  return { ms, data: body.data };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round = (ms) => Math.round(ms * 10) / 10;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const families = args.families ?? Number(process.env.BOROUGH_FAMILIES || DEFAULT_FAMILIES);
  const target = families >= LARGE_BOROUGH ? TARGET_MS.large : TARGET_MS.default;
  const documents = appDocuments();
  for (const l of LISTS)
    if (!documents.has(l.operation)) throw new Error(`The app has no operation ${l.operation}: run the web codegen.`);

  const log = (line) => process.stdout.write(`${line}\n`);
  log(`Starting the stack as npm start does (${families} families)…`);
  const stack = await startStack({ label: "bench-lists", env: { BOROUGH_FAMILIES: String(families) } });
  log(`Ready in ${stack.seconds.toFixed(1)} s at ${stack.url}`);
  try {
    const tokens = new Map();
    for (const role of new Set(LISTS.map((l) => l.role))) tokens.set(role, await devToken(stack.url, role));
    const localities = (
      await ask(stack.url, tokens.get("front-door"), "direct-care", "query BenchLocalities { localities { id } }", {})
    ).data.localities.map((l) => l.id);

    const results = [];
    for (const l of LISTS) {
      const query = documents.get(l.operation);
      const token = tokens.get(l.role);
      const byLocality = new Map(localities.map((id) => [id, []]));
      const entries = [];
      for (let pass = -1; pass < args.runs; pass++) {
        for (const locality of localities) {
          const { ms, data } = await ask(stack.url, token, l.purpose, query, l.variables(locality));
          if (pass < 0)
            entries.push(l.entries(data)); // the warm-up round: counted, not timed
          else byLocality.get(locality).push(ms);
        }
      }
      const all = [...byLocality.values()].flat().sort((a, b) => a - b);
      const slowest = Math.max(
        ...[...byLocality.values()].map((t) =>
          percentile(
            [...t].sort((a, b) => a - b),
            50,
          ),
        ),
      );
      const median = percentile(all, 50);
      results.push({
        list: l.list,
        requests: all.length,
        medianMs: round(median),
        p95Ms: round(percentile(all, 95)),
        slowestLocalityMedianMs: round(slowest),
        entriesPerLocality: `${Math.min(...entries)}-${Math.max(...entries)}`,
        targetMs: target,
        meetsTarget: slowest <= target,
      });
    }

    log("");
    log(
      `${localities.length} localities, ${args.runs} rounds each after a warm-up, one request at a time; target: each list's median for one locality within ${target} ms`,
    );
    log(
      [
        "list".padEnd(28),
        "median".padStart(10),
        "p95".padStart(10),
        "slowest locality".padStart(19),
        "entries".padStart(10),
        "  verdict",
      ].join(""),
    );
    for (const r of results)
      log(
        [
          r.list.padEnd(28),
          `${r.medianMs} ms`.padStart(10),
          `${r.p95Ms} ms`.padStart(10),
          `${r.slowestLocalityMedianMs} ms`.padStart(19),
          r.entriesPerLocality.padStart(10),
          r.meetsTarget ? "  meets the target" : "  MISSES the target",
        ].join(""),
      );
    const load = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(", ");
    log(`(load average ${load} on ${os.cpus().length} cores)`);
    if (args.json) log(JSON.stringify({ families, localities: localities.length, runs: args.runs, lists: results }));
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
