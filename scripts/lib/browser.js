/**
 * Launching Debian's Chromium with playwright-core (Playwright's own browser download does not
 * work on these machines): shared by the end-to-end tests (tests/support/browser.ts) and
 * `npm run bench:app`. Plain CommonJS so that both a script and ts-jest can load it.
 */
const fs = require("node:fs");
const { chromium } = require("playwright-core");

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether Chromium is installed where the tests and the benchmark look for it. */
function chromiumInstalled() {
  return fs.existsSync(CHROMIUM);
}

/**
 * Launches headless Chromium. `allowPorts`: ports browsers refuse as unsafe (6000, 6666) that the
 * server under test listens on nonetheless (npm start's e2e test runs there on purpose).
 * @param {number[]} [allowPorts]
 * @returns {Promise<import("playwright-core").Browser>}
 */
function launchChromium(allowPorts = []) {
  const allow = allowPorts.length > 0 ? [`--explicitly-allowed-ports=${allowPorts.join(",")}`] : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...allow] });
}

module.exports = { CHROMIUM, CHROMIUM_ARGS, chromiumInstalled, launchChromium };
