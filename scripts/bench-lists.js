/**
 * `npm run bench:lists`: the locality lists' speed against issue 11's targets, measured, not
 * asserted. Starts the stack as `npm start` does (on free ports, in a fresh data folder), signs a
 * development token per role, and asks each list through the gateway with the staff app's own
 * document (web/src/gql/persisted-documents.json, by operation name), for every locality in
 * turn: one warm-up round, then RUNS rounds, one request at a time. Prints, per list, the median
 * and p95 over every request, the slowest locality's median and the entries listed, against the
 * target (300 ms at the median on the default borough; 1 s at 100,000 families).
 * A request that fails is counted and said beside its list (FAILED, with its error codes), not
 * timed, and the list misses its target. The lists are asked once family-index's index is complete (at 100,000 families that is minutes
 * after the stack is ready).
 * Options: --families N (default: npm start's borough), --runs N (default 10), --data-dir DIR (start
 * on this data folder and keep it: a restart when it holds an earlier start's databases, which at
 * 100,000 families saves generating the borough again), --json (the last line is one JSON object).
 */
const os = require("node:os");
const { LISTS, appDocuments, ask, devToken, percentile, round, wholeNumberOption } = require("./lib/bench");
const path = require("node:path");
const { baseOf, whenIndexComplete } = require("./lib/scale");
const { startStack } = require("./lib/stack");

const DEFAULT_FAMILIES = 2000;
const TARGET_MS = { default: 300, large: 1000 };
/** A borough this size or larger is held to the large-borough target. */
const LARGE_BOROUGH = 100_000;

function parseArgs(argv) {
  const out = { families: null, runs: 10, dataDir: null, json: false };
  const usage = "usage: npm run bench:lists -- [--families N] [--runs N] [--data-dir DIR] [--json]";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const whole = (name) => wholeNumberOption(argv[++i], name, usage);
    if (a === "--json") out.json = true;
    else if (a === "--families") out.families = whole("--families");
    else if (a === "--runs") out.runs = whole("--runs");
    else if (a === "--data-dir") {
      const dir = argv[++i];
      if (!dir || dir.startsWith("--")) throw new Error(`--data-dir takes a folder.\n${usage}`);
      out.dataDir = path.resolve(dir);
    } else throw new Error(`Unknown option "${a}".\n${usage}`);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const families = args.families ?? Number(process.env.BOROUGH_FAMILIES || DEFAULT_FAMILIES);
  const target = families >= LARGE_BOROUGH ? TARGET_MS.large : TARGET_MS.default;
  const documents = appDocuments();
  for (const l of LISTS)
    if (!documents.has(l.operation)) throw new Error(`The app has no operation ${l.operation}: run the web codegen.`);

  const log = (line) => process.stdout.write(`${line}\n`);
  log(`Starting the stack as npm start does (${families} families)…`);
  const stack = await startStack({
    label: "bench-lists",
    env: { BOROUGH_FAMILIES: String(families) },
    ...(args.dataDir ? { dataDir: args.dataDir } : {}),
  });
  log(`Ready in ${stack.seconds.toFixed(1)} s at ${stack.url}${args.dataDir ? ` on ${args.dataDir}` : ""}`);
  try {
    const complete = await whenIndexComplete(baseOf(stack.subgraphUrls["family-index"]));
    if (complete === null) throw new Error("family-index's index was not complete within an hour of its being ready.");
    log(`The index complete ${((complete - stack.startedAt) / 1000).toFixed(1)} s after the start`);
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
      // A request that fails (an agency not answering within the gateway's subgraph timeout) is
      // counted and said, not timed; the run goes on to the other requests and lists.
      const failures = [];
      for (let pass = -1; pass < args.runs; pass++) {
        for (const locality of localities) {
          let answer;
          try {
            answer = await ask(stack.url, token, l.purpose, query, l.variables(locality));
          } catch (err) {
            failures.push(`${locality}: ${err.message}`);
            continue;
          }
          if (pass < 0)
            entries.push(l.entries(answer.data)); // the warm-up round: counted, not timed
          else byLocality.get(locality).push(answer.ms);
        }
      }
      const sorted = (t) => [...t].sort((a, b) => a - b);
      const all = sorted([...byLocality.values()].flat());
      const medians = [...byLocality.values()].filter((t) => t.length > 0).map((t) => percentile(sorted(t), 50));
      const slowest = medians.length > 0 ? Math.max(...medians) : null;
      results.push({
        list: l.list,
        requests: all.length,
        failedRequests: failures.length,
        failures,
        medianMs: all.length > 0 ? round(percentile(all, 50)) : null,
        p95Ms: all.length > 0 ? round(percentile(all, 95)) : null,
        slowestLocalityMedianMs: slowest === null ? null : round(slowest),
        entriesPerLocality: entries.length > 0 ? `${Math.min(...entries)}-${Math.max(...entries)}` : "?",
        targetMs: target,
        meetsTarget: failures.length === 0 && slowest !== null && slowest <= target,
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
          r.failedRequests > 0
            ? ` (${r.failedRequests} FAILED: ${[...new Set(r.failures)].slice(0, 2).join("; ")})`
            : "",
        ].join(""),
      );
    const load = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(", ");
    log(`(load average ${load} on ${os.cpus().length} cores)`);
    if (args.json) log(JSON.stringify({ families, localities: localities.length, runs: args.runs, lists: results }));
  } finally {
    await stack.stop({ keepData: args.dataDir !== null });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
