/**
 * What `npm run bench:gateway` watches for issue 13's scale targets while a stack starts and runs:
 * every service's /health answered one request after another (a long answer is a paused event
 * loop: the kernel takes the connection, the process answers when it runs again), when
 * family-index's index is complete (its /metrics: no agency missing), and its failed feed requests.
 */
const http = require("node:http");
const path = require("node:path");
const { Worker } = require("node:worker_threads");

/** One GET with plain http (fetch refuses some ports): its status and how long it took, in ms. */
function timedGet(url, timeoutMs, headers = {}) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.get(url, { headers, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode, body, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      );
      res.on("error", () => resolve({ status: 0, body: "", ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err) =>
      resolve({
        status: 0,
        body: "",
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        refused: /** @type {NodeJS.ErrnoException} */ (err).code === "ECONNREFUSED",
      }),
    );
  });
}

/**
 * Asks each service's /health one request after another, `intervalMs` apart: per service, the
 * answers, the slowest (ms), how many took over `slowMs`, and how many failed once it had answered
 * (refused connections before its first answer are a service still starting). `take()` gives the
 * figures so far and starts counting afresh (a phase: starting, then running); `stop()` ends the
 * watch with the last phase's. Runs in the calling thread: see watchHealth.
 * @param {Record<string, string>} baseUrls service name -> base URL (http://host:port)
 */
function healthWatch(baseUrls, { intervalMs = 100, slowMs = 100, timeoutMs = 60_000 } = {}) {
  let stopped = false;
  const fresh = () =>
    Object.fromEntries(Object.keys(baseUrls).map((name) => [name, { answers: 0, slowestMs: 0, slow: 0, failed: 0 }]));
  let results = fresh();
  const answered = new Set();
  const loops = Object.entries(baseUrls).map(async ([name, base]) => {
    while (!stopped) {
      const answer = await timedGet(new URL("/health", base), timeoutMs);
      const r = results[name];
      if (answer.status === 200) {
        answered.add(name);
        r.answers++;
        r.slowestMs = Math.max(r.slowestMs, Math.round(answer.ms * 10) / 10);
        if (answer.ms > slowMs) r.slow++;
      } else if (answered.has(name) && !stopped) r.failed++;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  });
  return {
    take() {
      const taken = results;
      results = fresh();
      return taken;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return results;
    },
  };
}

/**
 * healthWatch in a worker thread of its own (scripts/lib/health-worker.js), so that the bench's
 * own work (32 connections of load in this thread) never delays an answer it times: a slow answer
 * is the service's. `take()` and `stop()` resolve with the figures.
 * @param {Record<string, string>} baseUrls service name -> base URL (http://host:port)
 * @param {{ intervalMs?: number, slowMs?: number, timeoutMs?: number }} [options]
 */
function watchHealth(baseUrls, options = {}) {
  const worker = new Worker(path.join(__dirname, "health-worker.js"), { workerData: { baseUrls, options } });
  let failed = null;
  worker.on("error", (err) => (failed = err));
  let asking = Promise.resolve();
  let stopped = null;
  /** One question at a time: the worker answers in order. */
  const ask = (message) => {
    const answer = asking.then(
      () =>
        new Promise((resolve, reject) => {
          if (failed) return reject(failed);
          worker.once("message", (reply) => resolve(reply.results));
          worker.once("error", reject);
          worker.postMessage(message);
        }),
    );
    asking = answer.catch(() => undefined);
    return answer;
  };
  return {
    take: () => ask("take"),
    stop() {
      stopped ??= ask("stop").finally(() => worker.terminate());
      return stopped;
    },
  };
}

/** The base URL (http://host:port) of a service's /graphql URL. */
const baseOf = (graphqlUrl) => graphqlUrl.replace(/\/graphql$/, "");

/** A service's /metrics samples whose name starts with `prefix`: `name{labels}` -> value. */
async function metricsOf(baseUrl, prefix) {
  const token = process.env.METRICS_TOKEN;
  const answer = await timedGet(
    new URL("/metrics", baseUrl),
    30_000,
    token ? { authorization: `Bearer ${token}` } : {},
  );
  if (answer.status !== 200)
    throw Object.assign(new Error(`${baseUrl}/metrics answered HTTP ${answer.status || "nothing"}.`), {
      status: answer.status,
    });
  const samples = new Map();
  for (const [, name, value] of answer.body.matchAll(/^(\S+) (\S+)$/gm))
    if (name.startsWith(prefix)) samples.set(name, Number(value));
  return samples;
}

/**
 * Waits until family-index's index holds every agency (ffd_index_agencies{state="missing"} 0),
 * asking every `intervalMs`; resolves with the time it was first seen complete (Date.now()), or
 * null after `deadlineMs`. A /metrics that refuses (401: METRICS_TOKEN; 404) fails at once; one not
 * answering yet (starting, 5xx) is asked again.
 */
async function whenIndexComplete(familyIndexBase, { intervalMs = 500, deadlineMs = 3_600_000 } = {}) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const samples = await metricsOf(familyIndexBase, "ffd_index_agencies").catch((err) => {
      if (err.status >= 400 && err.status < 500) throw err;
      return new Map();
    });
    if (
      samples.get('ffd_index_agencies{state="missing"}') === 0 &&
      samples.get('ffd_index_agencies{state="indexed"}') > 0
    )
      return Date.now();
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return null;
}

/**
 * family-index's failed feed requests so far: timeouts of its identity feed reads (the index's
 * own), timeouts of any feed (the involvement and event feeds are asked during requests), and all
 * failures.
 */
async function feedFailuresOf(familyIndexBase) {
  const totals = { identityTimeout: 0, timeout: 0, all: 0 };
  for (const [name, value] of await metricsOf(familyIndexBase, "ffd_index_feed_failures_total")) {
    totals.all += value;
    if (!name.includes('reason="timeout"')) continue;
    totals.timeout += value;
    if (name.includes('feed="identity"')) totals.identityTimeout += value;
  }
  return totals;
}

module.exports = { baseOf, feedFailuresOf, healthWatch, metricsOf, watchHealth, whenIndexComplete };
