/**
 * The stand-in subgraphs `npm run bench:gateway` measures each gateway alone over
 * (scripts/lib/replay-subgraphs.js): they pass requests on and record the answers, then give the
 * recorded answers back with nothing behind them; a request never recorded is a 500 and counted,
 * so the benchmark fails rather than time errors. And our own gateway starts as the benchmark
 * starts it (OUR_GATEWAY) and answers over them.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PURPOSE_OF_ACCESS_HEADER, subgraphsOf, urlSetting } from "@ffd/shared";
import { signDevToken } from "../gateway/src/auth";
import { OUR_GATEWAY, startGateway } from "../scripts/lib/gateways";
import { startFloorServer, startReplaySubgraphs } from "../scripts/lib/replay-subgraphs";
import { freePorts } from "../scripts/lib/stack";
import { TEST_SECRETS } from "./support/secrets";

const LOCALITIES = JSON.stringify({ data: { localities: [{ id: "north" }] } });

/** A family-index that answers every request with one locality and counts them. */
async function upstream(): Promise<{ url: string; asked: () => number; close: () => Promise<void> }> {
  let asked = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      asked++;
      res.setHeader("content-type", "application/json");
      res.end(LOCALITIES);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    asked: () => asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const post = async (url: string, body: unknown, authorization: string | null = "Bearer internal") => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

describe("the benchmark's stand-in subgraphs", () => {
  it("record the real answers, then give them back with nothing behind them, and count what they never recorded", async () => {
    const real = await upstream();
    const standIns = await startReplaySubgraphs({ "family-index": real.url }, await freePorts(1));
    try {
      const url = standIns.urls["family-index"];
      const asked = { query: "query L { localities { id } }", variables: {} };
      expect(await post(url, asked)).toEqual({ status: 200, text: LOCALITIES });
      // Without an internal token nothing is recorded (a gateway always sends one).
      await post(url, { query: "query Other { localities { id } }" }, null);
      expect(standIns.recordedCount).toBe(1);
      expect(real.asked()).toBe(2);

      standIns.replay();
      expect(await post(url, asked, "Bearer another-token")).toEqual({ status: 200, text: LOCALITIES });
      expect(real.asked()).toBe(2);
      expect(standIns.unmatched).toBe(0);
      expect((await post(url, { query: "query Other { localities { id } }" })).status).toBe(500);
      expect((await post(url, { ...asked, variables: { x: 1 } })).status).toBe(500);
      expect(standIns.unmatched).toBe(2);
      expect(real.asked()).toBe(2);
    } finally {
      await standIns.stop();
      await real.close();
    }
  });

  it("a floor server answers any request with the same text at once", async () => {
    const floor = await startFloorServer((await freePorts(1))[0], LOCALITIES);
    try {
      expect(await post(new URL("/graphql", floor.url).href, { query: "{ anything }" })).toEqual({
        status: 200,
        text: LOCALITIES,
      });
    } finally {
      await floor.stop();
    }
  });

  it("our gateway, started as the benchmark starts it, answers over them", async () => {
    const real = await upstream();
    const standIns = await startReplaySubgraphs({ "family-index": real.url }, await freePorts(1));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ffd-replay-"));
    const env = {
      ...TEST_SECRETS,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      ...Object.fromEntries(
        subgraphsOf().map((s) => [
          urlSetting(s),
          (standIns.urls[s.name] ?? standIns.urls["family-index"]).replace(/\/graphql$/, ""),
        ]),
      ),
    };
    const gateway = await startGateway(OUR_GATEWAY, env);
    try {
      const token = await signDevToken(TEST_SECRETS.DEV_JWT_SECRET, { role: "front-door" });
      const ask = () =>
        fetch(new URL("/graphql", gateway.url), {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${token}`,
            [PURPOSE_OF_ACCESS_HEADER]: "direct-care",
          },
          body: JSON.stringify({ query: "query Localities { localities { id } }" }),
        }).then((r) => r.json() as Promise<unknown>);
      expect(await ask()).toEqual({ data: { localities: [{ id: "north" }] } });
      standIns.replay();
      expect(await ask()).toEqual({ data: { localities: [{ id: "north" }] } });
      expect(real.asked()).toBe(1);
      expect(standIns.unmatched).toBe(0);
    } finally {
      await gateway.stop();
      await standIns.stop();
      await real.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
