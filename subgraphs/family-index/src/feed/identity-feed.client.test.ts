import { AGENCIES, type Agency, type IdentityRecord } from "@ffd/shared";
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
    expect(feed.calls).toEqual([
      { after: null, limit: 2, service: "family-index" },
      { after: "MAT0000002", limit: 2, service: "family-index" },
      { after: "MAT0000004", limit: 2, service: "family-index" },
    ]);
  });

  it("asks for pages of 5000 by default", async () => {
    const reader = new HttpFeedReader({ baseUrls: urls(feed.baseUrl), secret: SECRET, timeoutMs: 2000 });
    expect(await reader.read("maternity")).toHaveLength(5);
    expect(feed.calls).toEqual([{ after: null, limit: 5000, service: "family-index" }]);
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
    });
    for (let i = 0; i < 3; i++)
      await expect(nowhere.read("maternity")).rejects.toMatchObject({ reason: "unreachable" });
    expect(nowhere.breakerStates().maternity).toBe("closed");
    nowhere.close();
    expect(reader.breakerStates().maternity).toBe("closed");
    expect(breakerEvents()).toEqual([]);
  });
});
