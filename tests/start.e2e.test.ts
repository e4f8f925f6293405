/**
 * `npm start` end to end, once: the start script with the gateway on a port fetch refuses
 * (6000), fresh secrets for the run, the printed curl command pasted into bash, `npm run token`
 * while it runs, the staff app in a real browser (Chromium), and SIGTERM. One stack, a 50-family
 * borough. Needs the compiled packages and the built app (npm test builds both first).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  addDays,
  callerFor,
  generateDevelopmentSecrets,
  PURPOSE_OF_ACCESS_HEADER,
  readDevelopmentSecrets,
  signCallerToken,
  subgraphsOf,
  type DevelopmentSecrets,
} from "@ffd/shared";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { createAuthenticator, signDevToken } from "../gateway/src/auth";
import { parseGatewayConfig } from "../gateway/src/config";
import {
  accessibilityViolations,
  chromiumAvailable,
  launchChromium,
  screenshot,
  watchGraphQLRequests,
  watchProblems,
} from "./support/browser";
import { careHoldersOf } from "./support/care-units";
import { printedCurl } from "./support/printed-curl";
import { childPidsOf, pidListeningOn } from "./support/processes";
import { freePorts, READY_BANNER } from "../scripts/lib/stack";

const root = path.join(__dirname, "..");
const START = path.join(root, "scripts", "start.js");
const TOKEN_CLI = path.join(root, "gateway", "dist", "token.js");
/** Each subgraph's settings prefix (service registry): npm start reads `<PREFIX>_PORT`. */
const SUBGRAPH_PORT_ENV = subgraphsOf().map((s) => s.envPrefix);
/** The stack's borough, as npm start generates it by default (seed 1), fixed to one date for the whole run. */
const BOROUGH = { seed: 1, referenceDate: new Date().toISOString().slice(0, 10), families: 50 };

/** Ports WHATWG fetch refuses ("bad port"); the first one free on this machine is the gateway's. */
const BAD_PORTS = [6000, 6666];
const gatewayPort = BAD_PORTS.find((port) => {
  const probe = `require("net").createServer().once("error",()=>process.exit(1)).listen(${port},"127.0.0.1",function(){this.close();})`;
  return spawnSync(process.execPath, ["-e", probe]).status === 0;
});
const describeStart = gatewayPort ? describe : describe.skip;
const describeBrowser = gatewayPort && chromiumAvailable() ? describe : describe.skip;
if (!gatewayPort) process.stderr.write(`Ports ${BAD_PORTS.join(" and ")} are taken: skipping the npm start test.\n`);

/** Presses Tab until the element has the focus (at most 60 times): it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i++) {
    // Runs in the page: `el.ownerDocument.activeElement` (the tests' types have no DOM library).
    if (await target.evaluate((el) => el === (el as any).ownerDocument.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${String(target)} with Tab`);
}

async function post(url: string, token: string, query: string): Promise<{ status: number; body: any }> {
  // node:http, not fetch: fetch refuses the port under test.
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        // A fresh connection each time: Node's default agent keeps sockets alive, and a socket the
        // gateway closed while a test blocked the event loop (execFileSync) would be reused and hang up.
        agent: false,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ query }));
  });
}

describeStart(
  gatewayPort
    ? `npm start with PORT=${gatewayPort}`
    : `npm start on a port fetch refuses (skipped: ${BAD_PORTS.join(" and ")} are taken)`,
  () => {
    let start: ChildProcess;
    let output = "";
    let exited: Promise<number | null>;
    let dataDir: string;
    let subgraphPorts: number[];
    let secrets: DevelopmentSecrets;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-start-"));
      subgraphPorts = await freePorts(SUBGRAPH_PORT_ENV.length);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(gatewayPort),
        ...Object.fromEntries(SUBGRAPH_PORT_ENV.map((name, i) => [`${name}_PORT`, String(subgraphPorts[i])])),
        BOROUGH_FAMILIES: String(BOROUGH.families),
        REFERENCE_DATE: BOROUGH.referenceDate,
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
      };
      delete env.INTERNAL_TOKEN_SECRET;
      delete env.DEV_JWT_SECRET;
      start = spawn(process.execPath, [START], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
      exited = new Promise((resolve) => start.once("exit", (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (READY_BANNER.test(output)) resolve();
        };
        start.stdout!.on("data", onData);
        start.stderr!.on("data", onData);
        void exited.then((code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
      });
      secrets = readDevelopmentSecrets(dataDir)!;
    }, 660_000);

    afterAll(async () => {
      if (start && start.exitCode === null && start.signalCode === null) {
        start.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("shows which services are still starting while it waits", () => {
      const readySeconds = Number(/ready in ([\d.]+)s/.exec(output)![1]);
      if (readySeconds >= 11) expect(output).toMatch(/^Still starting after 10s: .*gateway/m);
      expect(output).not.toMatch(/Start-up failed/);
    });

    it("prints a curl command that, pasted into bash, finds the Hussain family", () => {
      const command = printedCurl(output);
      expect(command).toContain(`http://127.0.0.1:${gatewayPort}/graphql`);
      const r = spawnSync("bash", ["-c", command], { encoding: "utf8", timeout: 60_000 });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const body = JSON.parse(r.stdout);
      expect(body.errors).toBeUndefined();
      expect(body.data.searchPeople.length).toBeGreaterThan(0);
      expect(body.data.searchPeople[0].person).toMatchObject({ familyName: "Hussain" });
      expect(body.data.searchPeople[0].person.family.members.length).toBeGreaterThan(0);
    });

    it("runs on fresh random secrets, left for the owner only in the data folder", async () => {
      const file = path.join(dataDir, "dev-secrets.json");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(secrets.INTERNAL_TOKEN_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(secrets.DEV_JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const printedToken = /^(eyJ[\w-]+\.[\w-]+\.[\w-]+)$/m.exec(output)![1];
      const config = parseGatewayConfig({ ...secrets, NODE_ENV: "development" });
      await expect(createAuthenticator(config)(printedToken)).resolves.toMatchObject({ role: "front-door" });
    });

    it("keeps the audit trail and the link store in the data folder, and says where", () => {
      expect(output).toContain(`kept in\n${dataDir} (DATA_DIR)`);
      // The embedded stores are folders of PostgreSQL files there (the printed curl was audited).
      expect(fs.readdirSync(path.join(dataDir, "audit")).length).toBeGreaterThan(0);
      expect(fs.readdirSync(path.join(dataDir, "family-index")).length).toBeGreaterThan(0);
    });

    it("refuses a token signed with another run's secret, at the gateway and at a subgraph", async () => {
      const anotherRun = generateDevelopmentSecrets({});
      const foreign = await signDevToken(anotherRun.DEV_JWT_SECRET!, { role: "front-door" });
      expect((await post(gatewayUrl, foreign, "{ __typename }")).status).toBe(401);

      const familyIndex = `http://127.0.0.1:${subgraphPorts[0]}/graphql`;
      const caller = callerFor("safeguarding-lead", "safeguarding", { breakGlass: true });
      const forged = await signCallerToken(anotherRun.INTERNAL_TOKEN_SECRET!, caller);
      expect((await post(familyIndex, forged, "{ __typename }")).status).toBe(401);
      // The same request with this run's secret is answered: the refusal is the secret's doing.
      const genuine = await signCallerToken(secrets.INTERNAL_TOKEN_SECRET!, caller);
      expect(await post(familyIndex, genuine, "{ __typename }")).toMatchObject({ status: 200 });
    });

    it("lets npm run token sign for the running stack, from the data folder", async () => {
      const env = { PATH: process.env.PATH ?? "", DATA_DIR: dataDir };
      const token = execFileSync(process.execPath, [TOKEN_CLI, "--role", "front-door"], { env, encoding: "utf8" });
      expect(await post(gatewayUrl, token.trim(), "{ __typename }")).toEqual({
        status: 200,
        body: { data: { __typename: "Query" } },
      });
    });

    describeBrowser("the staff app in Chromium (axe on every page)", () => {
      const appUrl = `http://127.0.0.1:${gatewayPort}/`;
      let browser: Browser;
      let context: BrowserContext;
      let page: Page;
      let problems: string[];
      let graphqlRequests: ReturnType<typeof watchGraphQLRequests>;
      let zarasCaseload: string;
      /** Zara's page, as the health visitor reached it in the first test (later tests take `page` elsewhere). */
      let zaraPageUrl = "";

      beforeAll(async () => {
        expect(fs.existsSync(path.join(root, "web", "dist", "index.html"))).toBe(true); // npm run build first
        // Zara's health visiting caseload, from her records as a data steward sees them.
        const steward = await signDevToken(secrets.DEV_JWT_SECRET!, { role: "data-steward" });
        const zara = await post(
          gatewayUrl,
          steward,
          `{ searchPeople(query: { givenName: "Zara", familyName: "Hussain" }) { person { givenName records { agency localId } } } }`,
        );
        const records = zara.body.data.searchPeople.find((m: any) => m.person.givenName === "Zara").person.records;
        zarasCaseload = careHoldersOf(BOROUGH, records).caseload;
        // The gateway is on a port browsers refuse too (that is the point of this stack): allow it.
        browser = await launchChromium([gatewayPort!]);
        context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        page = await context.newPage();
        problems = watchProblems(page);
        graphqlRequests = watchGraphQLRequests(page);
      }, 120_000);

      afterAll(async () => {
        await browser?.close();
      });

      it("signs in as a health visitor with Zara's caseload, finds Amira despite the misspelling, and shows Zara's 6-8 week review due", async () => {
        await page.goto(appUrl);
        await page.getByLabel("Role").waitFor();
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "1-sign-in");
        await page.getByLabel("Role").selectOption("health-visitor");
        await page.getByLabel("Caseload").fill(zarasCaseload);
        await page.getByRole("button", { name: "Sign in" }).click();

        await page.getByLabel("Given name").fill("Amirah");
        await page.getByLabel("Family name").fill("Husain");
        await page.getByRole("button", { name: "Search" }).click();
        const amira = page.getByRole("link", { name: "Amira Hussain" });
        await amira.waitFor({ timeout: 30_000 });
        expect(await page.getByLabel("Purpose of access").inputValue()).toBe("direct-care");
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "2-search");

        await amira.click();
        await page.getByRole("heading", { name: "Amira Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        const family = page.getByRole("region", { name: "Family" });
        expect(await family.getByRole("row").allInnerTexts()).toEqual(
          expect.arrayContaining([expect.stringMatching(/Zara Hussain\s+Child/), expect.stringMatching(/Mother/)]),
        );
        await page.getByRole("region", { name: /^Health visiting/ }).waitFor();
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "3-person-amira");

        await family.getByRole("link", { name: "Zara Hussain" }).click();
        await page.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        const health = page.getByRole("region", { name: /^Health visiting/ });
        const review = health.getByRole("row", { name: /6-8 week review/ });
        await review.waitFor();
        expect(await review.getByRole("cell").last().innerText()).toBe("Due");
        // Her caseload gives the health visitor full detail: no field of the panel is withheld.
        expect(await health.getByText("Not visible to your role for this purpose").count()).toBe(0);
        expect(page.url()).toMatch(/\/people\/[^/]+$/);
        zaraPageUrl = page.url();
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "4-person-zara");

        // No Content-Security-Policy violation, script error or failed request on any page.
        expect(problems).toEqual([]);
        // Every operation went by its document id from the build's manifest, as the app, never as text.
        expect(graphqlRequests.length).toBeGreaterThanOrEqual(3);
        for (const sent of graphqlRequests) {
          expect(sent).toEqual({
            keys: ["documentId", "variables"],
            documentId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
            clientName: "ffd-web",
          });
        }
      }, 120_000);

      it("opens the list of new births not known to a centre for Brindleford Central as the front door: Arjun Patel on it, Zara Hussain not", async () => {
        const own = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const fd = await own.newPage();
        const fdProblems = watchProblems(fd);
        await fd.goto(appUrl);
        await fd.getByLabel("Role").selectOption("front-door");
        await fd.getByRole("button", { name: "Sign in" }).click();
        await fd
          .getByRole("navigation", { name: "Main" })
          .getByRole("link", { name: "New births not known to a centre" })
          .click();
        await fd
          .getByRole("heading", { name: "New births not known to a centre", level: 1 })
          .waitFor({ timeout: 30_000 });
        await fd.getByLabel("Locality").selectOption({ label: "Brindleford Central" });
        await fd.getByRole("button", { name: "Show the list" }).click();
        const list = fd.getByRole("table", { name: /in Brindleford Central not known to a children's centre$/ });
        await list.waitFor({ timeout: 30_000 });
        const arjun = list.getByRole("row", { name: /Arjun Patel/ });
        expect(await arjun.getByRole("cell").allInnerTexts()).toEqual([
          "Arjun Patel",
          expect.any(String),
          "Priya Patel",
          expect.stringMatching(/^Yes, Brindleford, on /),
          expect.stringMatching(/Brindleford Central Locality HV Team$/),
        ]);
        expect(await list.getByRole("link", { name: "Zara Hussain" }).count()).toBe(0);
        expect(new URL(fd.url()).search).toBe("?locality=brindleford-central");
        expect(await accessibilityViolations(fd)).toEqual([]);
        await screenshot(fd, "17-new-births");
        await arjun.getByRole("link", { name: "Arjun Patel" }).click();
        await fd.getByRole("heading", { name: "Arjun Patel", level: 1 }).waitFor({ timeout: 30_000 });
        expect(fdProblems).toEqual([]);
        await own.close();
      }, 120_000);
      it("opens the weekly safeguarding list for Brindleford Central as a safeguarding lead: the Okafors in the week their plans started, both plans named", async () => {
        const own = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const sl = await own.newPage();
        const slProblems = watchProblems(sl);
        await sl.goto(appUrl);
        await sl.getByLabel("Role").selectOption("safeguarding-lead");
        await sl.getByRole("button", { name: "Sign in" }).click();
        await sl
          .getByRole("navigation", { name: "Main" })
          .getByRole("link", { name: "Weekly safeguarding list" })
          .click();
        await sl.getByRole("heading", { name: "Weekly safeguarding list", level: 1 }).waitFor({ timeout: 30_000 });
        // The Okafors' plans started 10 days before the reference date (borough/README.md), at DY2 8NS.
        const [y, m, d] = addDays(BOROUGH.referenceDate, -10).split("-");
        await sl.getByLabel("Locality").selectOption({ label: "Brindleford Central" });
        await sl.getByLabel("A day of the week (optional)").fill(`${d}/${m}/${y}`);
        await sl.getByRole("button", { name: "Show the list" }).click();
        const list = sl.getByRole("table", { name: /in Brindleford Central with something new this week$/ });
        await list.waitFor({ timeout: 30_000 });
        const okafors = list.getByRole("row", { name: /Grace Okafor/ });
        const reasons = await okafors.getByRole("cell").nth(1).innerText();
        expect(reasons).toContain("Children's social care: Unborn child protection plan started (Grace Okafor");
        expect(reasons).toContain("Children's social care: Child protection plan started (Daniel Okafor");
        expect(await accessibilityViolations(sl)).toEqual([]);
        await screenshot(sl, "18-safeguarding-list");
        await okafors.getByRole("link", { name: "Daniel Okafor" }).first().click();
        await sl.getByRole("heading", { name: "Daniel Okafor", level: 1 }).waitFor({ timeout: 30_000 });
        expect(slProblems).toEqual([]);
        await own.close();
      }, 120_000);

      it("shows the health visitor Zara's involved services: her named health visitor with a number to call, and her last contact", async () => {
        // Still on Zara's page from the sign-in above (no new stack, no new sign-in).
        await page.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        const named = await page
          .getByRole("region", { name: /^Health visiting/ })
          .locator("dt", { hasText: "Named health visitor" })
          .locator("xpath=following-sibling::dd")
          .innerText();
        const involved = page.getByRole("region", { name: "Involved services" });
        const hv = involved.getByRole("row", { name: /^Health visiting/ });
        await hv.waitFor();
        const text = await hv.innerText();
        expect(text).toContain(`${named.trim()}, Health visitor`);
        expect(await hv.getByRole("link").getAttribute("href")).toMatch(/^tel:01384\d{6}$/);
        // Her new birth visit, on day 11: the last contact, as a date.
        expect(await hv.getByRole("cell").last().innerText()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "4b-person-zara-involved-services");
        expect(problems).toEqual([]);
      }, 60_000);

      it("opens Netherby's mandated reviews due as the health visitor and sees Leo Nowak's 1 year review Overdue; then the review performance", async () => {
        await page
          .getByRole("navigation", { name: "Main" })
          .getByRole("link", { name: "Mandated reviews due" })
          .click();
        await page.getByLabel("Locality").selectOption("netherby");
        await page.getByRole("button", { name: "Show the list" }).click();
        const leo = page.getByRole("row", { name: /Leo Nowak\s+1 year review/ });
        await leo.waitFor({ timeout: 60_000 });
        expect(await leo.getByRole("cell").nth(3).innerText()).toBe("Overdue");
        expect(await leo.getByRole("link", { name: "Leo Nowak" }).getAttribute("href")).toMatch(/^\/people\/[^/]+$/);
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "4a-mandated-reviews");

        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review performance" }).click();
        const table = page.getByRole("table", { name: /Mandated reviews in the borough/ });
        await table.waitFor({ timeout: 60_000 });
        expect(await table.getByRole("row", { name: /1 year review/ }).innerText()).toMatch(/75%$/);
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, "4b-review-performance");
        expect(problems).toEqual([]);
      }, 120_000);
      it("opens Brindleford Central's 0-5 profile as a data steward (counts, no one named): its under-5s, births and centre reach, then the review rates", async () => {
        const own = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const ds = await own.newPage();
        const dsProblems = watchProblems(ds);
        await ds.goto(appUrl);
        await ds.getByLabel("Role").selectOption("data-steward");
        await ds.getByRole("button", { name: "Sign in" }).click();
        const nav = ds.getByRole("navigation", { name: "Main" });
        await nav.getByRole("link", { name: "Locality 0-5 profile" }).click();
        // The lists that name children are not offered to a data steward; the profile is.
        expect(await nav.getByRole("link", { name: "Mandated reviews due" }).count()).toBe(0);
        await ds.getByRole("heading", { name: "Locality 0-5 profile", level: 1 }).waitFor({ timeout: 30_000 });
        await ds.getByLabel("Locality").selectOption({ label: "Brindleford Central" });
        await ds.getByRole("button", { name: "Show the profile" }).click();
        const children = ds.getByRole("table", { name: /^Children of Brindleford Central on / });
        await children.waitFor({ timeout: 60_000 });
        const cellsOf = async (name: RegExp) => children.getByRole("row", { name }).getByRole("cell").allInnerTexts();
        const [underFives, registered, reach] = await cellsOf(/^Children under 5\s/);
        expect(Number(underFives)).toBeGreaterThan(0);
        expect(Number(registered)).toBeLessThanOrEqual(Number(underFives));
        expect(reach).toMatch(/^\d{1,3}%$/);
        // Zara and Arjun Patel are among the births of the last 12 months.
        const [births] = await cellsOf(/^Born since /);
        expect(Number(births)).toBeGreaterThanOrEqual(2);
        expect(await cellsOf(/most deprived/)).toEqual([
          expect.stringMatching(/^\d+$/),
          expect.stringMatching(/^\d+$/),
          expect.stringMatching(/^(\d{1,3}%|No children)$/),
        ]);
        const reviews = ds.getByRole("table", { name: /^Mandated reviews in Brindleford Central, / });
        expect(await reviews.getByRole("row", { name: /New birth visit/ }).innerText()).toMatch(/85%$/);
        expect(new URL(ds.url()).search).toBe("?locality=brindleford-central");
        expect(await accessibilityViolations(ds)).toEqual([]);
        await screenshot(ds, "19-locality-profile");
        expect(dsProblems).toEqual([]);
        await own.close();
      }, 120_000);

      it("shows a registrar no health panels but the reason, and the register in full", async () => {
        const registrar = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const other = await registrar.newPage();
        const otherProblems = watchProblems(other);
        await other.goto(appUrl);
        await other.getByLabel("Role").selectOption("registrar");
        await other.getByRole("button", { name: "Sign in" }).click();
        expect(await other.getByLabel("Purpose of access").inputValue()).toBe("registration");
        await other.getByLabel("Given name").fill("Zara");
        await other.getByLabel("Family name").fill("Hussain");
        await other.getByRole("button", { name: "Search" }).click();
        await other.getByRole("link", { name: "Zara Hussain" }).click();
        await other.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        for (const agency of ["Health visiting", "Maternity", "Children's centres"]) {
          const region = other.getByRole("region", { name: new RegExp(`^${agency}`) });
          expect(await region.innerText()).toMatch(
            /Not visible to your role for this purpose\.\s+The registrar role is not shown .+ for registration\./,
          );
        }
        expect(await other.getByRole("region", { name: "Family" }).innerText()).toMatch(
          /Not visible to your role for this purpose\./,
        );
        const register = other.getByRole("region", { name: /^Birth registration/ });
        expect(await register.innerText()).toMatch(/Birth registered on/);
        expect(await register.getByText("Not visible to your role for this purpose").count()).toBe(0);
        expect(await accessibilityViolations(other)).toEqual([]);
        await screenshot(other, "5-person-registrar");
        expect(otherProblems).toEqual([]);
        await registrar.close();
      }, 60_000);

      it("shows the front door Daniel Okafor's child protection plan and his mother's unborn plan, prominent, with the social worker to call and the plan's detail withheld", async () => {
        const frontDoor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const fd = await frontDoor.newPage();
        const fdProblems = watchProblems(fd);
        await fd.goto(appUrl);
        await fd.getByLabel("Role").selectOption("front-door");
        await fd.getByRole("button", { name: "Sign in" }).click();
        expect(await fd.getByLabel("Purpose of access").inputValue()).toBe("direct-care");
        await fd.getByLabel("Given name").fill("Daniel");
        await fd.getByLabel("Family name").fill("Okafor");
        await fd.getByRole("button", { name: "Search" }).click();
        await fd.getByRole("link", { name: "Daniel Okafor" }).click();
        await fd.getByRole("heading", { name: "Daniel Okafor", level: 1 }).waitFor({ timeout: 30_000 });

        const socialCare = fd.getByRole("region", { name: /^Children's social care/ });
        const plan = socialCare.locator(".nhsuk-warning-callout").filter({ hasText: "Child protection plan" });
        await plan.waitFor();
        expect(await plan.innerText()).toMatch(/Social worker: \S.+, .+, 0[0-9 ]+/);
        // A front door triaging for direct care sees that the plan exists, never why (CP-IS's summary).
        expect(await plan.getByText("Not visible to your role for this purpose").count()).toBeGreaterThan(0);
        expect(await accessibilityViolations(fd)).toEqual([]);
        await screenshot(fd, "16-person-daniel-social-care");

        await fd.getByRole("region", { name: "Family" }).getByRole("link", { name: "Grace Okafor" }).click();
        await fd.getByRole("heading", { name: "Grace Okafor", level: 1 }).waitFor({ timeout: 30_000 });
        await fd
          .getByRole("region", { name: /^Children's social care/ })
          .locator(".nhsuk-warning-callout")
          .filter({ hasText: "Unborn child protection plan" })
          .waitFor();
        expect(await accessibilityViolations(fd)).toEqual([]);
        expect(fdProblems).toEqual([]);
        await frontDoor.close();
      }, 60_000);

      it("reaches a person from sign-in through search with the keyboard alone", async () => {
        const keyboard = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const kb = await keyboard.newPage();
        await kb.goto(appUrl);
        await kb.getByLabel("Role").waitFor();
        // Sign in as front door (the first role), by Tab and Enter only.
        await tabTo(kb, kb.getByRole("button", { name: "Sign in" }));
        await kb.keyboard.press("Enter");
        await tabTo(kb, kb.getByLabel("Given name"));
        await kb.keyboard.type("Amirah");
        await kb.keyboard.press("Tab");
        await kb.keyboard.type("Husain");
        await kb.keyboard.press("Enter");
        const amira = kb.getByRole("link", { name: "Amira Hussain" });
        await amira.waitFor({ timeout: 30_000 });
        await tabTo(kb, amira);
        await kb.keyboard.press("Enter");
        await kb.getByRole("heading", { name: "Amira Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        await tabTo(kb, kb.getByRole("region", { name: "Family" }).getByRole("link", { name: "Zara Hussain" }));
        await kb.keyboard.press("Enter");
        await kb.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        await keyboard.close();
      }, 60_000);

      it("opens a deep link to a person after signing in", async () => {
        const zaraUrl = zaraPageUrl;
        expect(zaraUrl).toMatch(/\/people\/[^/]+$/);
        await page.goto(zaraUrl);
        await page.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        const fresh = await context.browser()!.newContext();
        const other = await fresh.newPage();
        await other.goto(zaraUrl);
        await other.getByLabel("Role").selectOption("front-door");
        await other.getByRole("button", { name: "Sign in" }).click();
        await other.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        expect(other.url()).toBe(zaraUrl);
        await fresh.close();
      }, 60_000);

      /** The break-glass reason the next two tests follow from the person page to the auditor's queue. */
      const breakGlassReason = `Strategy meeting with police at ${new Date().toISOString().slice(11, 16)} about Zara`;
      /** Zara's id, from her page's address: her break-glass read is the one the auditor follows. */
      let zaraId = "";

      it("breaks glass on Zara's page as a safeguarding lead, from search with the keyboard alone, and sees full detail for that view only", async () => {
        const lead = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const sl = await lead.newPage();
        const slProblems = watchProblems(sl);
        await sl.goto(appUrl);
        await sl.getByLabel("Role").selectOption("safeguarding-lead");
        await sl.getByRole("button", { name: "Sign in" }).click();
        // No caseload: the policy's "full with relationship" gives this lead summaries only.
        await sl.getByLabel("Purpose of access").selectOption("safeguarding");
        // The purpose's confirm step, open: axe on the select with its question and buttons.
        await sl.getByRole("group", { name: "Confirm the purpose of access" }).waitFor();
        expect(await accessibilityViolations(sl)).toEqual([]);
        await sl.getByRole("button", { name: "Change purpose" }).click();

        await tabTo(sl, sl.getByLabel("Given name"));
        await sl.keyboard.type("Zara");
        await sl.keyboard.press("Tab");
        await sl.keyboard.type("Hussain");
        await sl.keyboard.press("Enter");
        const zaraLink = sl.getByRole("link", { name: "Zara Hussain" });
        await zaraLink.waitFor({ timeout: 30_000 });
        await tabTo(sl, zaraLink);
        await sl.keyboard.press("Enter");
        await sl.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        zaraId = decodeURIComponent(new URL(sl.url()).pathname.split("/").pop()!);
        const health = sl.getByRole("region", { name: /^Health visiting/ });
        await health.waitFor();
        expect(await health.getByText("Not visible to your role for this purpose").count()).toBeGreaterThan(0);

        const breakGlass = sl.getByRole("button", { name: "See full record (break glass)" });
        await tabTo(sl, breakGlass);
        await sl.keyboard.press("Enter");
        const dialog = sl.getByRole("dialog", { name: "See the full record (break glass)" });
        await dialog.waitFor();
        const reason = dialog.getByLabel("Why do you need to see the full record?");
        expect(await reason.evaluate((el) => el === (el as any).ownerDocument.activeElement)).toBe(true);
        // Too short: the NHS error message, and nothing sent.
        await sl.keyboard.type("urgent");
        await tabTo(sl, dialog.getByRole("button", { name: "Break glass and see the full record" }));
        await sl.keyboard.press("Enter");
        await dialog.getByText("Reason must be 10 characters or more").waitFor();
        expect(await accessibilityViolations(sl)).toEqual([]);
        await screenshot(sl, "6-break-glass-dialog");
        // Focus stays in the dialog: Tab from its last button comes back to the reason.
        await tabTo(sl, dialog.getByRole("button", { name: "Cancel" }));
        await sl.keyboard.press("Tab");
        expect(await reason.evaluate((el) => el === (el as any).ownerDocument.activeElement)).toBe(true);
        await reason.press("Control+A");
        await sl.keyboard.type(breakGlassReason);
        await sl.keyboard.press("Tab");
        await sl.keyboard.press("Enter");

        await sl.getByRole("region", { name: "Break-glass view" }).waitFor({ timeout: 30_000 });
        expect(await sl.getByRole("region", { name: "Break-glass view" }).innerText()).toContain(breakGlassReason);
        const review = health.getByRole("row", { name: /6-8 week review/ });
        await review.waitFor({ timeout: 30_000 });
        expect(await review.getByRole("cell").last().innerText()).toBe("Due");
        expect(await health.getByText("Not visible to your role for this purpose").count()).toBe(0);
        expect(await accessibilityViolations(sl)).toEqual([]);
        await screenshot(sl, "7-person-break-glass");

        // Reloading returns to normal access: the reason was never stored.
        await sl.reload();
        await sl.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });
        await health.waitFor();
        expect(await sl.getByRole("region", { name: "Break-glass view" }).count()).toBe(0);
        expect(await health.getByText("Not visible to your role for this purpose").count()).toBeGreaterThan(0);
        expect(slProblems).toEqual([]);
        await lead.close();
      }, 120_000);

      it("shows an IG auditor that break-glass in the review queue, in Zara's trail and in the lead's access report, and reviewing it takes it off the queue", async () => {
        const audit = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const ig = await audit.newPage();
        const igProblems = watchProblems(ig);
        await ig.goto(appUrl);
        await ig.getByLabel("Role").selectOption("ig-auditor");
        await ig.getByRole("button", { name: "Sign in" }).click();
        await ig.getByRole("heading", { name: "Audit", level: 1 }).waitFor({ timeout: 30_000 });
        expect(await ig.getByLabel("Purpose of access").inputValue()).toBe("audit");
        expect(await accessibilityViolations(ig)).toEqual([]);

        await ig.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
        await ig.getByRole("link", { name: "Break-glass review" }).click();
        // The break-glass page read Zara and each member of her family: one event per person read.
        const item = ig
          .getByRole("region", { name: /^dev-safeguarding-lead \(Safeguarding lead\)/ })
          .filter({ has: ig.getByRole("link", { name: `Who has seen this record (${zaraId})` }) });
        await item.waitFor({ timeout: 30_000 });
        expect(await item.innerText()).toContain(breakGlassReason);
        expect(await accessibilityViolations(ig)).toEqual([]);
        await screenshot(ig, "8-audit-break-glass-queue");

        // Who has seen Zara's record: the lead's break-glass read, flagged with the reason.
        await item.getByRole("link", { name: /Who has seen this record/ }).click();
        const trail = ig.getByRole("table", { name: /reads?, newest first/ });
        await trail.waitFor({ timeout: 30_000 });
        const glassRow = trail
          .getByRole("row", { name: /dev-safeguarding-lead/ })
          .filter({ hasText: breakGlassReason });
        expect(await glassRow.count()).toBe(1);
        expect(await glassRow.innerText()).toMatch(
          /Safeguarding lead\s+dev-council\s+Safeguarding[\s\S]*Break glass\s+Awaiting review/,
        );
        expect(await accessibilityViolations(ig)).toEqual([]);
        await screenshot(ig, "9-audit-trail");

        // The lead's access report for today: Zara among the people read.
        await ig.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
        await ig.getByRole("link", { name: "Access report" }).click();
        await ig.getByLabel("User").fill("dev-safeguarding-lead");
        const today = new Date().toISOString().slice(0, 10);
        await ig.getByLabel("Start date").fill("1/1/2020");
        await ig.getByLabel("End date").fill(today);
        await ig.getByRole("button", { name: "Show the report" }).click();
        await ig.getByText("The period must be 366 days or fewer", { exact: false }).first().waitFor();
        expect(await accessibilityViolations(ig)).toEqual([]);
        await ig.getByLabel("Start date").fill(today);
        await ig.getByRole("button", { name: "Show the report" }).click();
        await ig.getByRole("heading", { name: /^\d+ reads? of \d+ (person|people)$/ }).waitFor({ timeout: 30_000 });
        const actor = new URL(ig.url()).searchParams.get("actor");
        expect(actor).toBe("dev-safeguarding-lead");
        expect(await accessibilityViolations(ig)).toEqual([]);
        await screenshot(ig, "10-audit-access-report");

        // Review it: it leaves the queue.
        await ig.goto(`${appUrl}audit/break-glass`);
        await item.waitFor({ timeout: 30_000 });
        await item.getByRole("radio", { name: "Appropriate", exact: true }).check();
        await item.getByLabel("Note (optional)").fill("Confirmed with the safeguarding lead's manager");
        await item.getByRole("button", { name: "Record review" }).click();
        await ig
          .getByRole("status")
          .getByText(/Review recorded/)
          .waitFor({ timeout: 30_000 });
        expect(await item.count()).toBe(0);
        expect(await accessibilityViolations(ig)).toEqual([]);
        // Reloaded from the gateway, the queue no longer holds it.
        await ig.reload();
        await ig.getByRole("heading", { name: /waiting for review, oldest first$/ }).waitFor({ timeout: 30_000 });
        expect(await item.count()).toBe(0);
        expect(igProblems).toEqual([]);
        await audit.close();
      }, 120_000);

      it("lets a data steward open the link review queue, compare a pair's evidence, reject it with a note and see it leave the queue", async () => {
        const review = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const ds = await review.newPage();
        const dsProblems = watchProblems(ds);
        await ds.goto(appUrl);
        await ds.getByLabel("Role").selectOption("data-steward");
        await ds.getByRole("button", { name: "Sign in" }).click();
        expect(await ds.getByLabel("Purpose of access").inputValue()).toBe("direct-care");
        await ds.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Link review" }).click();
        await ds.getByRole("heading", { name: "Link review queue", level: 1 }).waitFor({ timeout: 30_000 });
        // The default borough's noise (typos, nicknames, moved postcodes) leaves pairs between the two thresholds.
        const queue = ds.getByRole("table", { name: /pairs? waiting for review/ });
        await queue.waitFor({ timeout: 30_000 });
        expect(await accessibilityViolations(ds)).toEqual([]);
        await screenshot(ds, "11-review-queue");

        const first = queue.getByRole("link", { name: /^Review / }).first();
        const pairHref = (await first.getAttribute("href"))!;
        expect(pairHref).toMatch(/^\/review\/pairs\/C[0-9A-F]{16}$/);
        await first.click();
        const evidence = ds.getByRole("table", { name: "The two records and how each field compared" });
        await evidence.waitFor({ timeout: 30_000 });
        expect(await evidence.getByRole("rowheader").allInnerTexts()).toEqual([
          "NHS number",
          "Given name",
          "Family name",
          "Date of birth",
          "Sex",
          "Postcode",
          "Person now",
        ]);
        expect(await ds.getByText(/Probability they are the same person: \d+%/).count()).toBe(1);
        expect(await accessibilityViolations(ds)).toEqual([]);
        await screenshot(ds, "12-review-pair");

        await ds.getByRole("button", { name: "Not the same person" }).click();
        const dialog = ds.getByRole("dialog", { name: "Record that these are not the same person?" });
        await dialog.waitFor();
        expect(await accessibilityViolations(ds)).toEqual([]);
        await screenshot(ds, "13-review-reject-dialog");
        const note = "Different dates of birth on the two red books";
        await dialog.getByLabel("Note (optional)").fill(note);
        await dialog.getByRole("button", { name: "Yes, not the same person" }).click();
        await ds
          .getByRole("status")
          .getByText(/are not the same person\. They will not be linked\./)
          .waitFor({ timeout: 60_000 });
        expect(new URL(ds.url()).pathname).toBe("/review");
        await ds
          .getByRole("heading", { name: "Nothing to review" })
          .or(ds.getByRole("table", { name: /pairs? waiting for review/ }))
          .waitFor({ timeout: 30_000 });
        expect(await ds.locator(`a[href="${pairHref}"]`).count()).toBe(0);
        expect(await accessibilityViolations(ds)).toEqual([]);
        // The decision is the review log's latest, with the note, by the steward.
        const steward = await signDevToken(secrets.DEV_JWT_SECRET!, { role: "data-steward" });
        const log = await post(gatewayUrl, steward, `{ reviewDecisions(first: 1) { kind decision decidedRole note } }`);
        expect(log.body.data.reviewDecisions).toEqual([
          { kind: "REJECT", decision: "NOT_SAME_PERSON", decidedRole: "data-steward", note },
        ]);
        // Going to the pair's address again: it is no longer in the queue.
        await ds.goto(`${appUrl}${pairHref.slice(1)}`);
        await ds.getByRole("heading", { name: "This pair is not in the queue" }).waitFor({ timeout: 30_000 });
        expect(await accessibilityViolations(ds)).toEqual([]);

        // On Amira's page the steward sees her linked records, each with Unlink and its confirmation (cancelled here).
        await ds.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
        await ds.getByLabel("Given name").fill("Amira");
        await ds.getByLabel("Family name").fill("Hussain");
        await ds.getByRole("button", { name: "Search" }).click();
        await ds.getByRole("link", { name: "Amira Hussain" }).click();
        const linked = ds.getByRole("region", { name: "Linked records" });
        const unlink = linked.getByRole("button", { name: /^Unlink Maternity record / });
        await unlink.waitFor({ timeout: 30_000 });
        expect(await accessibilityViolations(ds)).toEqual([]);
        await unlink.click();
        const unlinkDialog = ds.getByRole("dialog", { name: "Unlink this record from the person?" });
        await unlinkDialog.waitFor();
        expect(await accessibilityViolations(ds)).toEqual([]);
        await screenshot(ds, "14-unlink-dialog");
        await unlinkDialog.getByRole("button", { name: "Cancel" }).click();
        expect(await unlinkDialog.count()).toBe(0);
        expect(dsProblems).toEqual([]);
        await review.close();
      }, 180_000);

      // Last of the browser tests: it stops maternity's subgraph for the rest of the run.
      it("warns that the maternity system is not answering when its subgraph has stopped, and shows the rest of the page", async () => {
        // The child of npm start listening on maternity's port: its subgraph, and nothing else.
        const maternityPort = subgraphPorts[SUBGRAPH_PORT_ENV.indexOf("MATERNITY")];
        const maternity = pidListeningOn(maternityPort, childPidsOf(start.pid!));
        expect(maternity).not.toBeNull();
        process.kill(maternity!, "SIGTERM");
        // npm start says so and carries on with the other services.
        for (let waited = 0; !/^\[maternity\s*\] stopped/m.test(output); waited += 100) {
          if (waited > 30_000) throw new Error(`maternity did not stop:\n${output}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(start.exitCode).toBeNull();

        const down = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const hv = await down.newPage();
        const hvProblems = watchProblems(hv);
        await hv.goto(appUrl);
        await hv.getByLabel("Role").selectOption("health-visitor");
        await hv.getByLabel("Caseload").fill(zarasCaseload);
        await hv.getByRole("button", { name: "Sign in" }).click();
        await hv.getByLabel("Given name").fill("Zara");
        await hv.getByLabel("Family name").fill("Hussain");
        await hv.getByRole("button", { name: "Search" }).click();
        await hv.getByRole("link", { name: "Zara Hussain" }).click();
        await hv.getByRole("heading", { name: "Zara Hussain", level: 1 }).waitFor({ timeout: 30_000 });

        const maternityPanel = hv.getByRole("region", { name: /^Maternity/ });
        await maternityPanel.waitFor();
        expect(await maternityPanel.innerText()).toContain(
          "Maternity system is not answering: its information is missing from this page",
        );
        // The rest of the page: her family, her health visiting record in full, the register.
        expect(await hv.getByRole("region", { name: "Family" }).getByRole("link").count()).toBeGreaterThan(0);
        const health = hv.getByRole("region", { name: /^Health visiting/ });
        const review = health.getByRole("row", { name: /6-8 week review/ });
        await review.waitFor();
        expect(await review.getByRole("cell").last().innerText()).toBe("Due");
        expect(await health.innerText()).not.toMatch(/not answering/);
        expect(await hv.getByRole("region", { name: /^Birth registration/ }).innerText()).toMatch(
          /Birth registered on/,
        );
        // The chronology keeps the other agencies' events and names maternity as missing.
        const chronology = hv.getByRole("region", { name: "Chronology" });
        const events = chronology.getByRole("list", { name: "Chronology" }).getByRole("listitem");
        expect(await events.filter({ hasText: "6-8 week review" }).count()).toBe(1);
        expect(await events.filter({ hasText: "Maternity" }).count()).toBe(0);
        expect(await chronology.innerText()).toContain("Maternity system is not answering: its events are missing.");
        expect(await accessibilityViolations(hv)).toEqual([]);
        await screenshot(hv, "15-person-maternity-down");
        expect(hvProblems).toEqual([]);
        await down.close();
      }, 120_000);
    });

    it("stops everything on SIGTERM and removes the run's secrets", async () => {
      start.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, "dev-secrets.json"))).toBe(false);
      await expect(post(gatewayUrl, "x", "{ __typename }")).rejects.toThrow(/ECONNREFUSED/);
    });
  },
);

describe("npm start's deadline", () => {
  it("is set by START_TIMEOUT_SECONDS, and a service not ready by then stops the start, named", async () => {
    const ports = await freePorts(SUBGRAPH_PORT_ENV.length + 1);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-start-"));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(ports[0]),
        ...Object.fromEntries(SUBGRAPH_PORT_ENV.map((name, i) => [`${name}_PORT`, String(ports[i + 1])])),
        DATA_DIR: dataDir,
        START_TIMEOUT_SECONDS: "1",
      };
      const r = spawnSync(process.execPath, [START], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/was not ready after 1s \(set START_TIMEOUT_SECONDS to wait longer\)/);
      expect(fs.existsSync(path.join(dataDir, "dev-secrets.json"))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a START_TIMEOUT_SECONDS that is not a whole number of seconds", () => {
    const r = spawnSync(process.execPath, [START], {
      cwd: root,
      env: { ...process.env, START_TIMEOUT_SECONDS: "ten" },
      encoding: "utf8",
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('START_TIMEOUT_SECONDS must be a whole number of seconds (1 or more), not "ten"');
  });
});
