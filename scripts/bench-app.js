/**
 * `npm run bench:app`: the staff app's speed against issue 9's targets, measured, not asserted.
 * Starts the stack as `npm start` does, on the default borough (2,000 families), in a fresh data
 * folder and on free ports; signs in in Chromium as front-door staff (direct care) and finds Amira
 * Hussain; then measures
 *   (a) the JavaScript the first load fetches (the sign-in page: every script response), gzipped
 *       here with Node's zlib at its default level, against 200 KB;
 *   (b) the time from navigating to Amira's page (a deep link, the app already cached) to the
 *       page being complete: her name, the family and every agency panel rendered with the
 *       answer, the chronology too (performance.now() in the page, from the navigation's start),
 *       over RUNS runs after one warm-up, median and p95 against 1 s.
 * Environment: RUNS (default 10), BOROUGH_FAMILIES (default: npm start's).
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { gzipSync } = require("node:zlib");
const { chromiumInstalled, CHROMIUM, launchChromium } = require("./lib/browser");
const { startStack } = require("./lib/stack");

const root = path.join(__dirname, "..");
const RUNS = Number(process.env.RUNS || 10);
const JS_TARGET_BYTES = 200 * 1024;
const PAGE_TARGET_MS = 1000;

/** The scripts a first load fetches, and their size gzipped. */
async function firstLoadJavaScript(page, url) {
  const scripts = [];
  const onResponse = (r) => {
    if (r.request().resourceType() === "script") scripts.push(r);
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  await page.getByLabel("Role").waitFor();
  page.off("response", onResponse);
  const bodies = await Promise.all(scripts.map((r) => r.body()));
  return {
    files: scripts.length,
    bytes: bodies.reduce((sum, b) => sum + b.length, 0),
    gzipped: bodies.reduce((sum, b) => sum + gzipSync(b).length, 0),
  };
}

/**
 * Milliseconds from the navigation's start until the person page is complete (in the page's own
 * clock), when the page's GraphQL request was sent and how long it took (sent to answer received).
 */
async function timePersonPage(page, url) {
  await page.goto("about:blank");
  await page.goto(url, { waitUntil: "commit" });
  const done = await page.waitForFunction(
    () => {
      const doc = globalThis.document;
      const complete =
        doc.querySelector("h1") &&
        doc.getElementById("family-heading") &&
        doc.querySelectorAll("section[data-agency]").length > 0 &&
        doc.getElementById("chronology-heading");
      if (!complete) return false;
      // The person page's one GraphQL request (the last to /graphql): how long the graph took.
      const graph = globalThis.performance
        .getEntriesByType("resource")
        .filter((e) => new URL(e.name).pathname === "/graphql")
        .pop();
      return {
        total: globalThis.performance.now(),
        sentAt: graph ? graph.startTime : NaN,
        graphql: graph ? graph.duration : NaN,
      };
    },
    undefined,
    { polling: 5, timeout: 30_000 },
  );
  return done.jsonValue();
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok) => (ok ? "meets the target" : "MISSES the target");

async function main() {
  if (!chromiumInstalled()) throw new Error(`bench:app needs Chromium at ${CHROMIUM}.`);
  if (!fs.existsSync(path.join(root, "web", "dist", "index.html"))) throw new Error("Build the app first.");
  process.stdout.write("Starting the stack as npm start does (default borough)…\n");
  const stack = await startStack({ label: "bench-app" });
  process.stdout.write(`Ready in ${stack.seconds.toFixed(1)} s at ${stack.url}\n`);
  let browser;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const js = await firstLoadJavaScript(page, stack.url);

    await page.getByLabel("Role").selectOption("front-door");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Given name").fill("Amira");
    await page.getByLabel("Family name").fill("Hussain");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "Amira Hussain" }).first().click();
    await page.getByRole("heading", { name: "Amira Hussain", level: 1 }).waitFor({ timeout: 30_000 });
    const personUrl = page.url();
    const panels = await page.locator("section[data-agency]").count();
    const down = await page.locator("section[data-agency] .nhsuk-warning-callout").count();
    if (down > 0) throw new Error(`${down} agency panel(s) say the agency is not answering: not a fair measurement.`);

    await timePersonPage(page, personUrl); // warm-up: not counted
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timePersonPage(page, personUrl));
    const times = runs.map((r) => r.total).sort((a, b) => a - b);
    const graph = runs.map((r) => r.graphql).sort((a, b) => a - b);
    const sentAt = runs.map((r) => r.sentAt).sort((a, b) => a - b);
    const median = percentile(times, 50);
    const p95 = percentile(times, 95);

    process.stdout.write(
      [
        "",
        `First load: ${js.files} script file(s), ${kb(js.bytes)} (${kb(js.gzipped)} gzipped); target under ${kb(JS_TARGET_BYTES)} gzipped: ${verdict(js.gzipped < JS_TARGET_BYTES)}`,
        `Family page (Amira Hussain, ${panels} agency panels and the chronology, front-door, direct care), ${RUNS} runs:`,
        `  median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms; target under ${PAGE_TARGET_MS} ms: ${verdict(p95 < PAGE_TARGET_MS)} (p95)`,
        `  the app sent its one GraphQL request at median ${percentile(sentAt, 50).toFixed(0)} ms (page, script, start-up);`,
        `  the request took median ${percentile(graph, 50).toFixed(0)} ms, p95 ${percentile(graph, 95).toFixed(0)} ms (the gateway and the subgraphs)`,
        `  (load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(", ")} on ${os.cpus().length} cores)`,
        "",
      ].join("\n"),
    );
  } finally {
    await browser?.close();
    await stack.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
