import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLogger } from "@ffd/shared";
import { startTestGateway, type TestGateway } from "../../tests/support/gateway";

/*
 * Issue 9: the gateway serves the staff app at / (and every page path, for deep links) under a
 * policy that runs only its own scripts; the API, health, the internal subgraph and the IDE keep
 * their addresses; an unbuilt app says so and how to build it.
 */

const silent = createLogger("gateway", "silent");

/** The directive's sources in a Content-Security-Policy header. */
function directive(csp: string | null, name: string): string[] {
  const found = (csp ?? "")
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

const INDEX = `<!doctype html><html lang="en"><head><script type="module" src="/assets/app-1.js"></script></head><body><div id="root"></div></body></html>`;

/** A built app as Vite lays it out: index.html and hashed assets. */
function builtApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-web-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "index.html"), INDEX);
  fs.writeFileSync(path.join(dir, "assets", "app-1.js"), "console.log('app');\n");
  return dir;
}

describe("the staff app, built", () => {
  let gw: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = builtApp();
    gw = await startTestGateway("development", silent, { env: { WEB_APP_DIR: dir } });
  });
  afterAll(async () => {
    await gw.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is served at / and at every page path, under a policy that runs only this origin's scripts", async () => {
    for (const page of ["/", "/people/abc123", "/sign-in", "/people/abc%20def/"]) {
      const res = await fetch(`${gw.origin}${page}`);
      expect({ page, status: res.status }).toEqual({ page, status: 200 });
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toBe(INDEX);
      const csp = res.headers.get("content-security-policy");
      expect(directive(csp, "script-src")).toEqual(["'self'"]);
      expect(directive(csp, "script-src-attr")).toEqual(["'none'"]);
      expect(directive(csp, "style-src")).toEqual(["'self'"]);
      expect(directive(csp, "connect-src")).toEqual(["'self'"]);
      expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-cache");
    }
  });

  it("serves the hashed assets, cached for good", async () => {
    const res = await fetch(`${gw.origin}/assets/app-1.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toMatch(/immutable/);
    expect((await fetch(`${gw.origin}/assets/missing-2.js`)).status).toBe(404);
  });

  it("never answers the API, health, the internal subgraph, the IDE or a file with the app", async () => {
    const health = await fetch(`${gw.origin}/health`);
    expect(health.headers.get("content-type")).toMatch(/json/);
    const api = await fetch(`${gw.origin}/graphql`, { method: "POST" });
    expect(api.status).toBe(401);
    for (const notApp of ["/internal/nowhere", "/auth/nowhere", "/robots.txt", "/favicon.png"]) {
      const res = await fetch(`${gw.origin}${notApp}`);
      expect({ notApp, status: res.status }).toEqual({ notApp, status: 404 });
      expect(res.headers.get("content-type")).toMatch(/json/);
      expect(directive(res.headers.get("content-security-policy"), "default-src")).toEqual(["'none'"]);
    }
    expect((await fetch(`${gw.origin}/ide/assets/nowhere.js`)).status).toBe(404);
  });

  it("says plainly, while the app is not built, that it is not and how to build it", async () => {
    fs.renameSync(path.join(dir, "index.html"), path.join(dir, "index.html.away"));
    try {
      for (const page of ["/", "/people/abc123"]) {
        const res = await fetch(`${gw.origin}${page}`);
        expect(res.status).toBe(503);
        const html = await res.text();
        expect(html).toContain("The staff app is not built");
        expect(html).toContain("npm run build");
        expect(html).not.toMatch(/ENOENT|at .*\.js:\d+|\/tmp\//);
      }
    } finally {
      fs.renameSync(path.join(dir, "index.html.away"), path.join(dir, "index.html"));
    }
    expect((await fetch(`${gw.origin}/`)).status).toBe(200);
  });

  it("moves the GraphQL IDE to /graphiql, where a browser asking /graphql for a page is sent", async () => {
    const ide = await fetch(`${gw.origin}/graphiql`);
    expect(ide.status).toBe(200);
    expect(await ide.text()).toContain("GraphiQL");
    const browser = await fetch(`${gw.origin}/graphql`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/graphiql");
    const old = await fetch(`${gw.origin}/ide`, { redirect: "manual" });
    expect(old.headers.get("location")).toBe("/graphiql");
  });
});

describe("the staff app in production", () => {
  let gw: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = builtApp();
    gw = await startTestGateway("production", silent, { env: { WEB_APP_DIR: dir } });
  });
  afterAll(async () => {
    await gw.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is served, with no IDE and no development sign-in", async () => {
    expect((await fetch(`${gw.origin}/`)).status).toBe(200);
    expect((await fetch(`${gw.origin}/graphiql`)).status).toBe(404);
    const token = await fetch(`${gw.origin}/auth/dev-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "front-door" }),
    });
    expect(token.status).toBe(404);
  });
});
