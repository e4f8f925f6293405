// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

/*
 * The first load's budget (issue 9): under 200 KB of JavaScript gzipped. Reads the build in
 * web/dist, which `npm test` makes before running these tests.
 */

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const BUDGET_BYTES = 200 * 1024;

describe("the built app", () => {
  it("loads under 200 KB of JavaScript gzipped, all of it from this origin", () => {
    expect(existsSync(path.join(dist, "index.html")), "web/dist is missing: run `npm run build` first").toBe(true);
    const html = readFileSync(path.join(dist, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).toMatch(/^\/assets\//);
    // Inline scripts would need 'unsafe-inline' under the gateway's policy.
    expect([...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)]).toEqual([]);
    const js = readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js"));
    const gzipped = js.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, "assets", f))).length, 0);
    expect(gzipped).toBeLessThan(BUDGET_BYTES);
  });
});
