import { AGENCIES, encodeFeedCursor, type Agency, type IdentityRecord } from "@ffd/shared";
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closedPortUrl, FakeFeed } from "../testing/fake-feed";
import { capturingLogger, eventually } from "../testing/harness";
import { FeedError, HttpFeedReader } from "./identity-feed.client";
import { freeUnsafePort as findUnsafePort, unsafePortName } from "../../../../tests/support/ports";

const freeUnsafePort = findUnsafePort(1);

const SECRET = "a-test-secret-that-is-at-least-32-characters";

const records = (n: number): IdentityRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    localId: `MAT${String(i + 1).padStart(7, "0")}`,
    nhsNumber: null,
    givenName: "Given",
    familyName: "Family",
    dateOfBirth: "1990-01-01",
    sex: "FEMALE",
    postcode: "DY1 1AA",
    relations: [],
  }));

function urls(base: string): Record<Agency, string> {
  return Object.fromEntries(AGENCIES.map((a) => [a, base])) as Record<Agency, string>;
}

describe("HttpFeedReader", () => {
  let feed: FakeFeed;
  beforeEach(async () => {
    feed = await new FakeFeed("maternity", records(5), SECRET).start();
  });
  afterEach(() => feed.stop());

  it("pages through the feed until nextCursor is null, with a valid family-index service token", async () => {
    const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000, pageSize: 2 });
    const got = await reader.read("maternity");
    expect(got.map((r) => r.localId)).toEqual(["MAT0000001", "MAT0000002", "MAT0000003", "MAT0000004", "MAT0000005"]);
    expect(got.every((r) => r.agency === "maternity")).toBe(true);
    expect(feed.calls.map(({ after, limit, service }) => ({ after, limit, service }))).toEqual([
      { after: null, limit: 2, service: "family-index" },
      { after: "MAT0000002", limit: 2, service: "family-index" },
      { after: "MAT0000004", limit: 2, service: "family-index" },
    ]);
  });

  it("asks for pages of 5000 by default", async () => {
    const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000 });
    expect(await reader.read("maternity")).toHaveLength(5);
    expect(feed.calls.map(({ after, limit, service }) => ({ after, limit, service }))).toEqual([
      { after: null, limit: 5000, service: "family-index" },
    ]);
  });

  it("carries each record's care unit, null when the feed names none", async () => {
    feed.records = records(3).map((r, i) => ({
      ...r,
      ...(i === 0 ? {} : { careUnit: i === 1 ? null : "maternity-provider:RNA" }),
    }));
    const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000 });
    expect((await reader.read("maternity")).map((r) => r.careUnit)).toEqual([null, null, "maternity-provider:RNA"]);
  });

  it("handles an exact multiple of the page size (a last empty page)", async () => {
    feed.records = records(4);
    const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000, pageSize: 2 });
    expect(await reader.read("maternity")).toHaveLength(4);
    expect(feed.calls.map((c) => c.after)).toEqual([null, "MAT0000002", "MAT0000004"]);
  });

  it("fails with the HTTP status when the feed refuses the token (wrong secret)", async () => {
    const reader = new HttpFeedReader({
      baseUrls: urls(feed.baseUrl),
      secret: "another-secret-that-is-at-least-32-chars",
      timeoutMs: 2000,
    });
    await expect(reader.read("maternity")).rejects.toMatchObject({
      name: "FeedError",
      agency: "maternity",
      reason: "http",
      status: 401,
    });
    expect(feed.calls[0].service).toBeNull();
  });

  it("fails when the agency is unavailable (503) or unreachable", async () => {
    feed.available = false;
    const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000 });
    await expect(reader.read("maternity")).rejects.toMatchObject({ reason: "http", status: 503 });
    const nowhere = new HttpFeedReader({ baseUrls: urls(await closedPortUrl()), secret: SECRET, timeoutMs: 2000 });
    await expect(nowhere.read("maternity")).rejects.toMatchObject({ reason: "unreachable" });
  });
});

describe("HttpFeedReader: paging with the agency kit's cursors", () => {
  let feed: FakeFeed;
  beforeEach(async () => {
    feed = await new FakeFeed("maternity", records(7), SECRET).start();
  });
  afterEach(() => feed.stop());
  const reader = (options: { pageSize?: number; pageRetries?: number } = {}) =>
    new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000, pageRetryMs: 1, ...options });

  it("reads an empty feed in one page, with a change cursor", async () => {
    feed.records = [];
    const got = await reader({ pageSize: 3 }).readWhole("maternity");
    expect(got.records).toEqual([]);
    expect(got.changeCursor).toEqual(expect.any(String));
    expect(feed.calls).toHaveLength(1);
  });

  it("reads several pages, each page's cursor opaque (not a local id) and no page read twice", async () => {
    const got = await reader({ pageSize: 3 }).readWhole("maternity");
    expect(got.records.map((r) => r.localId)).toEqual(records(7).map((r) => r.localId));
    expect(feed.calls.map((c) => c.after)).toEqual([null, "MAT0000003", "MAT0000006"]);
    for (const c of feed.calls.slice(1)) expect(c.cursor).not.toMatch(/^MAT/);
  });

  it("does not lose or repeat a record inserted between pages, before or after the cursor (keyset, not offset)", async () => {
    const r = reader({ pageSize: 3 });
    const template = records(1)[0];
    feed.records = records(7).filter((x) => x.localId !== "MAT0000002");
    // While the read is on its second page, one record is inserted before its cursor, one after.
    feed.beforePage = (call) => {
      if (call !== 2) return;
      feed.upsert({ ...template, localId: "MAT0000002" });
      feed.upsert({ ...template, localId: "MAT0000009" });
    };
    const got = await r.readWhole("maternity");
    const ids = got.records.map((x) => x.localId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      "MAT0000001",
      "MAT0000003",
      "MAT0000004",
      "MAT0000005",
      "MAT0000006",
      "MAT0000007",
      "MAT0000009",
    ]);
    // The one inserted behind the cursor comes with the change read from the cursor the read gave.
    const changes = await r.readChanges("maternity", got.changeCursor!);
    expect(changes.records.map((x) => x.localId).sort()).toEqual(["MAT0000002", "MAT0000009"]);
  });

  it("asks a failed page again from its own cursor, not from the first page", async () => {
    feed.failCalls.add(2); // the second page fails once
    const got = await reader({ pageSize: 3 }).readWhole("maternity");
    expect(got.records).toHaveLength(7);
    expect(feed.calls.map((c) => c.after)).toEqual([null, "MAT0000003", "MAT0000003", "MAT0000006"]);
  });

  it("after a read that failed mid-way, the next read goes on from the last cursor", async () => {
    const r = reader({ pageSize: 3, pageRetries: 0 });
    feed.failCalls.add(2);
    await expect(r.readWhole("maternity")).rejects.toMatchObject({ reason: "http", status: 503 });
    expect(r.resumesFrom("maternity")).toEqual({ pages: 1, records: 3 });
    const got = await r.readWhole("maternity");
    expect(got.records.map((x) => x.localId)).toEqual(records(7).map((x) => x.localId));
    expect(feed.calls.map((c) => c.after)).toEqual([null, "MAT0000003", "MAT0000003", "MAT0000006"]);
    expect(r.resumesFrom("maternity")).toBeNull();
  });

  it("a change cursor of another change log (the agency's database generated again) is gone (410)", async () => {
    const r = reader({ pageSize: 3 });
    const { changeCursor } = await r.readWhole("maternity");
    feed.upsert({ ...records(1)[0], localId: "MAT0000008" });
    feed.changeLog.recreate();
    await expect(r.readChanges("maternity", changeCursor!)).rejects.toMatchObject({
      reason: "cursor_gone",
      status: 410,
    });
  });

  it("a change cursor with positions the log cannot have is gone (410): until before since, since past the horizon", async () => {
    const r = reader();
    const log = feed.changeLog.log;
    feed.upsert({ ...records(1)[0], localId: "MAT0000008" });
    feed.upsert({ ...records(1)[0], localId: "MAT0000009" });
    // The horizon is now 3: changes 1 and 2 are readable.
    const impossible = [
      { kind: "changes", log, since: "2", until: "1", after: null },
      { kind: "changes", log, since: "4", until: null, after: null },
      { kind: "changes", log, since: "1", until: "4", after: null },
    ] as const;
    for (const cursor of impossible)
      await expect(r.readChanges("maternity", encodeFeedCursor(cursor))).rejects.toMatchObject({
        reason: "cursor_gone",
        status: 410,
      });
    const possible = await r.readChanges("maternity", encodeFeedCursor({ ...impossible[0], since: "1", until: "3" }));
    expect(possible.records.map((x) => x.localId)).toEqual(["MAT0000008", "MAT0000009"]);
  });

  it("a change cursor the agency refuses (400: one of an earlier form) is gone too", async () => {
    const before = Buffer.from(JSON.stringify({ v: 1, k: "c", s: "1", u: null, a: null })).toString("base64url");
    await expect(reader().readChanges("maternity", before)).rejects.toMatchObject({
      reason: "cursor_gone",
      status: 400,
    });
  });

  it("a whole read interrupted mid-way whose page cursor is then gone (another log) reads again from the first page", async () => {
    const r = reader({ pageSize: 3, pageRetries: 0 });
    feed.failCalls.add(2);
    await expect(r.readWhole("maternity")).rejects.toMatchObject({ reason: "http", status: 503 });
    feed.changeLog.recreate();
    feed.records = records(4);
    const got = await r.readWhole("maternity");
    expect(got.records.map((x) => x.localId)).toEqual(records(4).map((x) => x.localId));
    expect(feed.calls.map((c) => c.after)).toEqual([null, "MAT0000003", "MAT0000003", null, "MAT0000003"]);
    expect(r.resumesFrom("maternity")).toBeNull();
    // Its change cursor is the new log's.
    feed.upsert({ ...records(1)[0], localId: "MAT0000005" });
    expect((await r.readChanges("maternity", got.changeCursor!)).records.map((x) => x.localId)).toEqual(["MAT0000005"]);
  });

  it("the kit refuses a cursor it did not give (400)", async () => {
    const url = new URL(feed.baseUrl + "/internal/identity-feed");
    url.searchParams.set("after", "MAT0000003");
    const { signServiceToken } = await import("@ffd/shared");
    const token = await signServiceToken(SECRET, "family-index", "identity-feed");
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
  });
});

describe("HttpFeedReader: an agency on a port fetch calls unsafe", () => {
  (freeUnsafePort ? it : it.skip)(`reads a feed listening on ${unsafePortName(freeUnsafePort)}`, async () => {
    const feed = await new FakeFeed("registration", records(3), SECRET).start(freeUnsafePort);
    try {
      const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 5000 });
      expect(await reader.read("registration")).toHaveLength(3);
    } finally {
      await feed.stop();
    }
  });
});

describe("HttpFeedReader against a misbehaving feed", () => {
  let server: http.Server;
  let base: string;
  let respond: (res: express.Response) => void;
  beforeAll(async () => {
    const app = express();
    app.get("/internal/identity-feed", (_req, res) => respond(res));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("refuses a page that does not match the contract", async () => {
    respond = (res) =>
      res.json({ agency: "maternity", records: [{ localId: "X", dateOfBirth: "12/03/1994" }], nextCursor: null });
    const reader = new HttpFeedReader({ baseUrls: urls(base), secret: SECRET, timeoutMs: 2000 });
    const err = await reader.read("maternity").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({ reason: "invalid" });
  });

  it.each(["RNA", "gp-practice:Y001", "centre:", ""])(
    "refuses a care unit that is not <known kind>:<id>: %p",
    async (unit) => {
      respond = (res) =>
        res.json({ agency: "maternity", records: [{ ...records(1)[0], careUnit: unit }], nextCursor: null });
      const reader = new HttpFeedReader({ baseUrls: urls(base), secret: SECRET, timeoutMs: 2000 });
      await expect(reader.read("maternity")).rejects.toMatchObject({ reason: "invalid" });
    },
  );

  it("refuses a cursor that does not move", async () => {
    respond = (res) => res.json({ agency: "maternity", records: [], nextCursor: "SAME" });
    const reader = new HttpFeedReader({ baseUrls: urls(base), secret: SECRET, timeoutMs: 2000 });
    await expect(reader.read("maternity")).rejects.toMatchObject({ reason: "invalid" });
  });

  it("gives up on a page after the timeout", async () => {
    respond = (res) => void setTimeout(() => res.json({ agency: "maternity", records: [], nextCursor: null }), 1500);
    const reader = new HttpFeedReader({ baseUrls: urls(base), secret: SECRET, timeoutMs: 200 });
    const started = Date.now();
    await expect(reader.read("maternity")).rejects.toMatchObject({ reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(1200);
  });
});

describe("HttpFeedReader: a circuit breaker per agency feed", () => {
  const TIMEOUT_MS = 300;
  const RESET_MS = 800;
  let maternity: FakeFeed;
  let registration: FakeFeed;
  let reader: HttpFeedReader;
  let logger: ReturnType<typeof capturingLogger>;
  beforeEach(async () => {
    maternity = await new FakeFeed("maternity", records(5), SECRET).start();
    registration = await new FakeFeed("registration", records(3), SECRET).start();
    logger = capturingLogger();
    reader = new HttpFeedReader({
      baseUrls: { ...urls(maternity.baseUrl), registration: registration.baseUrl },
      secret: SECRET,
      timeoutMs: TIMEOUT_MS,
      breakerResetMs: RESET_MS,
      pageRetries: 0,
      logger,
    });
  });
  afterEach(async () => {
    reader.close();
    await maternity.stop();
    await registration.stop();
  });
  const breakerEvents = () =>
    logger.lines.filter((l) => l.event.startsWith("index.feed_breaker.")).map((l) => [l.event, l.fields]);

  it("after a page times out, fails that agency at once without asking it (others unaffected), until a probe after the reset sees it answer", async () => {
    maternity.stalled = true;
    await expect(reader.read("maternity")).rejects.toMatchObject({ reason: "timeout" });
    expect(maternity.calls).toHaveLength(1);
    expect(reader.breakerStates()).toEqual({
      maternity: "open",
      "health-visiting": "closed",
      "childrens-centres": "closed",
      registration: "closed",
      "childrens-social-care": "closed",
    });

    const started = Date.now();
    const err = await reader.read("maternity").catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 3);
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({ agency: "maternity", reason: "breaker_open" });
    expect(maternity.calls).toHaveLength(1);
    expect(await reader.read("registration")).toHaveLength(3);

    maternity.stalled = false;
    await eventually(() => reader.breakerStates().maternity === "half_open", RESET_MS * 10);
    expect(await reader.read("maternity")).toHaveLength(5);
    expect(maternity.calls).toHaveLength(2);
    expect(reader.breakerStates().maternity).toBe("closed");
    expect(breakerEvents()).toEqual([
      ["index.feed_breaker.open", expect.objectContaining({ agency: "maternity" })],
      ["index.feed_breaker.half_open", { agency: "maternity" }],
      ["index.feed_breaker.closed", { agency: "maternity" }],
    ]);
  });

  it("stays closed on 503s and refused connections, which come back at once", async () => {
    maternity.available = false;
    for (let i = 0; i < 3; i++) await expect(reader.read("maternity")).rejects.toMatchObject({ reason: "http" });
    expect(maternity.calls).toHaveLength(3);
    const nowhere = new HttpFeedReader({
      baseUrls: urls(await closedPortUrl()),
      secret: SECRET,
      timeoutMs: TIMEOUT_MS,
      breakerResetMs: RESET_MS,
      pageRetries: 0,
    });
    for (let i = 0; i < 3; i++)
      await expect(nowhere.read("maternity")).rejects.toMatchObject({ reason: "unreachable" });
    expect(nowhere.breakerStates().maternity).toBe("closed");
    nowhere.close();
    expect(reader.breakerStates().maternity).toBe("closed");
    expect(breakerEvents()).toEqual([]);
  });
});
