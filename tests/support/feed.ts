import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { TEST_SECRETS } from "./secrets";
import { IDENTITY_FEED_AUDIENCE, signServiceToken } from "@ffd/shared";

/** The secret the feed tests sign their service tokens with. */
export const FEED_TEST_SECRET = TEST_SECRETS.INTERNAL_TOKEN_SECRET;

/**
 * One internal feed route served on a free port for the describe block it is called in (started
 * before its tests, closed after): `post` sends a JSON body with an optional bearer token, and
 * `familyIndexToken` signs family-index's service token, the one the feeds accept.
 */
export function servedFeed(path: string, mount: (app: express.Express) => void) {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    mount(app);
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    post: (body: unknown, token?: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
    familyIndexToken: () => signServiceToken(FEED_TEST_SECRET, "family-index", IDENTITY_FEED_AUDIENCE),
  };
}
