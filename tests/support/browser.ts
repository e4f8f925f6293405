import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { CHROMIUM, chromiumInstalled, launchChromium } from "../../scripts/lib/browser";

/*
 * A real browser for end-to-end tests of the staff app: Debian's Chromium driven by
 * playwright-core (Playwright's own browser download does not work on these machines). In CI
 * (CI=true) Chromium must be there (.ci/run installs the `chromium` package); elsewhere the
 * browser tests are skipped with a note.
 */

/** Whether the browser tests run: Chromium is installed, or CI (which then fails without it). */
export function chromiumAvailable(): boolean {
  if (chromiumInstalled()) return true;
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`Chromium is missing at ${CHROMIUM} but CI requires it for the browser tests.`);
  }
  process.stderr.write(`Chromium is not installed at ${CHROMIUM}: skipping the browser tests (CI runs them).\n`);
  return false;
}

/** Launching Chromium is shared with `npm run bench:app` (scripts/lib/browser.js). */
export { CHROMIUM, launchChromium };

/** What a page complained about: console errors and warnings (CSP violations among them) and uncaught errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  // The app sends operations by document id only (persisted documents): query text is a problem.
  page.on("request", (r) => {
    if (new URL(r.url()).pathname !== "/graphql") return;
    let body: unknown = null;
    try {
      body = JSON.parse(r.postData() ?? "null");
    } catch {
      problems.push(`a request to ${r.url()} that is not JSON`);
    }
    const text = body !== null && typeof body === "object" && "query" in body;
    if (text || new URL(r.url()).searchParams.has("query")) {
      problems.push(`query text sent to ${r.url()}`);
    }
  });
  return problems;
}

/** What the app sent to /graphql from this page: the JSON body's keys, the document id and the client name. */
export function watchGraphQLRequests(
  page: Page,
): { keys: string[]; documentId: unknown; clientName: string | undefined }[] {
  const sent: { keys: string[]; documentId: unknown; clientName: string | undefined }[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname !== "/graphql") return;
    const body = JSON.parse(r.postData() ?? "{}") as Record<string, unknown>;
    sent.push({
      keys: Object.keys(body).sort(),
      documentId: body.documentId,
      clientName: r.headers()["apollographql-client-name"],
    });
  });
  return sent;
}

/** WCAG 2.2 A and AA, and the earlier versions' rules it includes. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** axe's WCAG 2.2 A/AA violations on the page as it is now: rule id and the elements, for a readable failure. */
export async function accessibilityViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // A page axe checked nothing on (not loaded, or axe not injected) must not pass as accessible.
  if (result.passes.length === 0) throw new Error(`axe checked no rule on ${page.url()}`);
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

/** The git-ignored folder the e2e run writes screenshots of the main pages into. */
export const SCREENSHOTS = path.join(__dirname, "..", "..", ".screenshots");

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
