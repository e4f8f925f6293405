/**
 * What `npm run bench:gateway` watches for issue 13's scale targets (scripts/lib/scale.js), against
 * small servers standing in for the stack's services: the /health watcher's pauses and failures
 * (from its own thread),
 * the wait for family-index's complete index, and its failed feed requests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { feedFailuresOf, watchHealth, whenIndexComplete } from "../scripts/lib/scale";

/** A server answering each request with `answer` (status, body, after a delay); its base URL. */
async function serve(
  answer: (path: string, n: number) => { status: number; body: string; delayMs?: number },
): Promise<{ base: string; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    const a = answer(req.url ?? "", ++n);
    setTimeout(() => res.writeHead(a.status, { "content-type": "text/plain" }).end(a.body), a.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => n,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const waitFor = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("bench:gateway's /health watcher", () => {
  it("gives each service's slowest answer and counts those over the limit and those that failed", async () => {
    // A service pausing once for 2 s, then failing once it had answered (a limit well apart from
    // the pause: a loaded machine's ordinary answers may take a few hundred ms).
    const pausing = await serve((_path, n) =>
      n === 3
        ? { status: 200, body: "ok", delayMs: 2000 }
        : n === 6
          ? { status: 503, body: "" }
          : { status: 200, body: "ok" },
    );
    const steady = await serve(() => ({ status: 200, body: "ok" }));
    const watcher = watchHealth({ pausing: pausing.base, steady: steady.base }, { intervalMs: 5, slowMs: 1000 });
    await waitFor(() => pausing.requests() >= 8 && steady.requests() >= 8);
    const results = await watcher.stop();
    await Promise.all([pausing.close(), steady.close()]);
    expect(results.pausing.slowestMs).toBeGreaterThanOrEqual(2000);
    expect(results.pausing.slow).toBe(1);
    expect(results.pausing.failed).toBe(1);
    expect(results.pausing.answers).toBe(pausing.requests() - 1);
    expect(results.steady.slow).toBe(0);
    expect(results.steady.failed).toBe(0);
    expect(results.steady.slowestMs).toBeLessThan(2000);
  });

  it("counts each phase apart: take() gives the figures so far and counts afresh", async () => {
    const pausingFirst = await serve((_path, n) => ({ status: 200, body: "ok", delayMs: n === 1 ? 2000 : 0 }));
    const watcher = watchHealth({ service: pausingFirst.base }, { intervalMs: 5, slowMs: 1000 });
    await waitFor(() => pausingFirst.requests() >= 3);
    const starting = await watcher.take();
    await waitFor(() => pausingFirst.requests() >= 8);
    const running = await watcher.stop();
    await pausingFirst.close();
    expect(starting.service.slow).toBe(1);
    expect(starting.service.slowestMs).toBeGreaterThanOrEqual(2000);
    expect(running.service.slow).toBe(0);
    expect(running.service.answers).toBeGreaterThan(0);
    expect(starting.service.answers + running.service.answers).toBe(pausingFirst.requests());
  });

  it("does not count a service still starting (refusing connections) as failed", async () => {
    const later = await serve(() => ({ status: 200, body: "ok" }));
    const base = later.base;
    await later.close();
    const watcher = watchHealth({ starting: base }, { intervalMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const results = await watcher.stop();
    expect(results.starting).toEqual({ answers: 0, slowestMs: 0, slow: 0, failed: 0 });
  });
});

describe("bench:gateway's wait for a complete index", () => {
  const agencies = (indexed: number, missing: number) =>
    `# HELP ffd_index_agencies x\nffd_index_agencies{state="indexed"} ${indexed}\nffd_index_agencies{state="missing"} ${missing}\n`;

  it("resolves once family-index's /metrics shows no agency missing", async () => {
    const familyIndex = await serve((path, n) =>
      path === "/metrics" ? { status: 200, body: n < 3 ? agencies(4, 1) : agencies(5, 0) } : { status: 404, body: "" },
    );
    try {
      const at = await whenIndexComplete(familyIndex.base, { intervalMs: 5, deadlineMs: 10_000 });
      expect(at).not.toBeNull();
      expect(familyIndex.requests()).toBe(3);
    } finally {
      await familyIndex.close();
    }
  });

  it("fails at once when /metrics refuses (a missing METRICS_TOKEN), but asks again while it is not answering", async () => {
    const refusing = await serve(() => ({ status: 401, body: "" }));
    const starting = await serve((_path, n) =>
      n < 3 ? { status: 503, body: "" } : { status: 200, body: agencies(5, 0) },
    );
    try {
      await expect(whenIndexComplete(refusing.base, { intervalMs: 5, deadlineMs: 10_000 })).rejects.toThrow(
        /metrics answered HTTP 401/,
      );
      expect(refusing.requests()).toBe(1);
      expect(await whenIndexComplete(starting.base, { intervalMs: 5, deadlineMs: 10_000 })).not.toBeNull();
      expect(starting.requests()).toBe(3);
    } finally {
      await Promise.all([refusing.close(), starting.close()]);
    }
  });

  it("gives null at its deadline when an agency stays missing, and before the first index (nothing indexed)", async () => {
    const familyIndex = await serve((_path, n) => ({ status: 200, body: n % 2 ? agencies(4, 1) : agencies(0, 0) }));
    try {
      expect(await whenIndexComplete(familyIndex.base, { intervalMs: 5, deadlineMs: 200 })).toBeNull();
    } finally {
      await familyIndex.close();
    }
  });
});

describe("bench:gateway's count of family-index's failed feed requests", () => {
  it("sums timeouts apart from every failure", async () => {
    const familyIndex = await serve(() => ({
      status: 200,
      body: [
        'ffd_index_feed_failures_total{agency="maternity",feed="identity",reason="timeout"} 2',
        'ffd_index_feed_failures_total{agency="registration",feed="events",reason="timeout"} 1',
        'ffd_index_feed_failures_total{agency="registration",feed="identity",reason="http"} 4',
        'ffd_index_agencies{state="missing"} 0',
      ].join("\n"),
    }));
    try {
      expect(await feedFailuresOf(familyIndex.base)).toEqual({ identityTimeout: 2, timeout: 3, all: 7 });
    } finally {
      await familyIndex.close();
    }
  });

  it("fails plainly when /metrics is refused", async () => {
    const familyIndex = await serve(() => ({ status: 401, body: "" }));
    try {
      await expect(feedFailuresOf(familyIndex.base)).rejects.toThrow(/metrics answered HTTP 401/);
    } finally {
      await familyIndex.close();
    }
  });
});
