import http from "node:http";
import { createHash } from "node:crypto";
import { networkInterfaces } from "node:os";
import { createLogger } from "@ffd/shared";
import { startTestGateway, type TestGateway } from "../../tests/support/gateway";

/*
 * Issue 8, finding 10: security headers on every page the gateway serves, a
 * Content-Security-Policy the GraphiQL page's one inline script passes by its hash (and no
 * other inline script would), and the IDE's working development token only for a browser on
 * the gateway's own machine.
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

/** The text of each inline script a browser would run (not `src=`, not a JSON data block). */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\bsrc=/.test(attrs) && !/type="application\/json"/.test(attrs))
    .map(([, , body]) => body);
}

/** The headers the IDE page preloads into GraphiQL's header editor, from its JSON data block. */
function ideHeaders(html: string): Record<string, string> {
  const block = /<script type="application\/json" id="ide-config">([\s\S]*?)<\/script>/.exec(html);
  expect(block).not.toBeNull();
  return JSON.parse(JSON.parse(block![1]).headers);
}

/** The headers every answer carries, page or JSON, success or error. */
function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get("content-security-policy")).toBeTruthy();
  expect(directive(res.headers.get("content-security-policy"), "frame-ancestors")).toEqual(["'none'"]);
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("x-powered-by")).toBeNull();
}

describe("the gateway's pages in development", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway("development", silent);
  });
  afterAll(() => gw.stop());

  it("sends the security headers on the IDE, /graphql, /health, the IDE's assets and error answers", async () => {
    const answers = [
      await fetch(`${gw.origin}/graphiql`),
      await fetch(`${gw.origin}/ide/assets/graphiql.min.js`),
      await fetch(`${gw.origin}/health`),
      await fetch(`${gw.origin}/graphql`, {
        method: "POST",
        headers: { ...(await gw.authHeaders()), "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      }),
      // Refused: no token; malformed JSON; an unknown route.
      await fetch(`${gw.origin}/graphql`, { method: "POST" }),
      await fetch(`${gw.origin}/graphql`, {
        method: "POST",
        headers: { ...(await gw.authHeaders()), "content-type": "application/json" },
        body: "{x",
      }),
      await fetch(`${gw.origin}/internal/nowhere`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 401, 400, 404]);
    for (const res of answers) expectSecurityHeaders(res);
    // JSON answers may load nothing at all.
    for (const res of answers.slice(2)) {
      expect(directive(res.headers.get("content-security-policy"), "default-src")).toEqual(["'none'"]);
    }
  });

  it("serves the IDE under a policy that runs its inline script by hash, and nothing inline besides", async () => {
    const res = await fetch(`${gw.origin}/graphiql`);
    const csp = res.headers.get("content-security-policy");
    const scriptSrc = directive(csp, "script-src");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directive(csp, "script-src-attr")).toEqual(["'none'"]);
    const scripts = inlineScripts(await res.text());
    expect(scripts).toHaveLength(1);
    const hash = `'sha256-${createHash("sha256").update(scripts[0]).digest("base64")}'`;
    expect(scriptSrc).toEqual(["'self'", hash]);
  });

  it("gives a browser on this machine a working development token", async () => {
    const page = await fetch(`${gw.origin}/graphiql`);
    const html = await page.text();
    const headers = ideHeaders(html);
    expect(headers.Authorization).toMatch(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(html).not.toContain("Paste your own token");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const res = await fetch(gw.gateway.url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: "Query" } });
  });
});

/** A GET with a Host header of our choosing (fetch will not send one), over loopback. */
function getWithHost(origin: string, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}${path}`, { headers: { host } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
}

describe("the IDE asked for under another host name, over loopback (DNS rebinding)", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway("development", silent);
  });
  afterAll(() => gw.stop());

  it("serves the page without the token", async () => {
    const { status, body } = await getWithHost(gw.origin, "/graphiql", `evil.example:${gw.gateway.port}`);
    expect(status).toBe(200);
    expect(body).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(body).toContain("Paste your own token");
  });
});

/** An address of this machine that is not loopback, to reach the gateway as another host would. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

(outside ? describe : describe.skip)(
  `the IDE reached from another address (${outside ?? "this machine has no non-loopback IPv4 address: skipped"})`,
  () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway("development", silent, { host: outside });
    });
    afterAll(() => gw.stop());

    it("serves the page without the token, with a note to paste one's own", async () => {
      const res = await fetch(`http://${outside}:${gw.gateway.port}/graphiql`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
      expect(ideHeaders(html)).toEqual({
        Authorization: "Bearer <paste your own token here>",
        "X-Purpose-Of-Access": "direct-care",
      });
      expect(html).toContain("Paste your own token");
      expectSecurityHeaders(res);
    });
  },
);
