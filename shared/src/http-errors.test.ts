import express from "express";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { captureOutput, type CapturedOutput } from "../../tests/support/output";
import { signCallerToken, type Caller } from "./caller";
import { httpErrorHandler, notFound } from "./http-errors";
import { createLogger } from "./log";
import { startService, type RunningService } from "./service";
import { TEST_SECRETS } from "../../tests/support/secrets";

/*
 * Issue 8, findings 1 and 10, at a subgraph: every subgraph is a startService, so this is every
 * subgraph's /graphql. A body it cannot read is answered with a GraphQL-shaped BAD_REQUEST
 * error in JSON, with no stack and no path, in development mode too (where express's own
 * handler sends an HTML stack trace), and nothing of the body reaches stdout, stderr or the
 * console. Every answer carries the security headers.
 */

const SECRET = TEST_SECRETS.INTERNAL_TOKEN_SECRET;
const CALLER: Caller = {
  subject: "user-7",
  role: "health-visitor",
  organisation: "nhs-trust",
  centre: "CC03",
  caseload: null,
  purpose: "direct-care",
  breakGlass: false,
};
const MARKER = "NHS9434765919MARKER";
const MARKER_PIECES = [MARKER, "9434765", "MARKER"];

describe("startService: a body it cannot read", () => {
  let service: RunningService;
  let output: CapturedOutput;
  let authorization: string;

  beforeAll(async () => {
    output = captureOutput();
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: "Query", fields: { hello: { type: GraphQLString, resolve: () => "hi" } } }),
    });
    // Express reads its mode (development: HTML stack traces, errors printed) when the app is made.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "development";
    try {
      service = await startService(
        {
          name: "test-subgraph",
          schema,
          logger: createLogger("test-subgraph", "debug"),
          internalSecret: SECRET,
          context: async (_req, requestId) => ({ requestId }),
        },
        0,
      );
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    authorization = `Bearer ${await signCallerToken(SECRET, CALLER)}`;
  });
  afterAll(async () => {
    await service?.stop();
    output.restore();
  });

  const post = async (body: string, contentType: string | null) => {
    const res = await fetch(service.url, {
      method: "POST",
      headers: { authorization, ...(contentType ? { "content-type": contentType } : {}) },
      body: new Blob([body]),
    });
    return { res, text: await res.text() };
  };

  it.each([
    ["malformed JSON", `{"query":"{ hello }","variables":{"nhsNumber":"${MARKER}"}}x`, "application/json", 400],
    ["a bare word in JSON", `{"query":"{ hello }","variables":{"nhsNumber":${MARKER}}}`, "application/json", 400],
    [
      "an oversized body",
      JSON.stringify({ query: "{ hello }", variables: { n: MARKER + "a".repeat(1_100_000) } }),
      "application/json",
      413,
    ],
    ["a text/plain body", JSON.stringify({ query: "{ hello }", variables: { n: MARKER } }), "text/plain", 415],
  ] as const)("answers %s with JSON BAD_REQUEST, no internals, security headers", async (_name, body, type, status) => {
    const { res, text } = await post(body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: "BAD_REQUEST" } }],
    });
    for (const piece of MARKER_PIECES) expect(text).not.toContain(piece);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("still answers a good request", async () => {
    const { res, text } = await post(JSON.stringify({ query: "{ hello }" }), "application/json");
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { hello: "hi" } });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers an unknown route with JSON, not express's HTML page", async () => {
    const res = await fetch(service.url.replace(/\/graphql$/, "/nowhere"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: "NOT_FOUND" } }] });
  });

  it("wrote no part of those bodies to stdout, stderr or the console", () => {
    const lines = output.writes.join("\n");
    for (const piece of MARKER_PIECES) expect(lines).not.toContain(piece);
    expect(lines).toContain('"event":"http.bad_request"');
  });
});

describe("httpErrorHandler: a fault in a route", () => {
  it("answers 500 INTERNAL_SERVER_ERROR in JSON, and logs the fault without its message", async () => {
    const output = captureOutput();
    const app = express();
    app.get("/fails", () => {
      throw new Error(`a fault quoting ${MARKER}`);
    });
    app.use(notFound);
    app.use(httpErrorHandler(createLogger("test", "debug")));
    const server = http.createServer(app);
    try {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/fails`);
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: expect.stringContaining("request id"), extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      });
      for (const piece of MARKER_PIECES) expect(text).not.toContain(piece);
      const lines = output.writes.join("\n");
      expect(lines).toContain('"event":"http.error"');
      for (const piece of MARKER_PIECES) expect(lines).not.toContain(piece);
    } finally {
      output.restore();
      await new Promise((r) => server.close(r));
    }
  });
});
