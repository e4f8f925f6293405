import { createLogger } from "@ffd/shared";
import { startTestGateway, type GatewayMode, type TestGateway } from "../../tests/support/gateway";
import { captureOutput, type CapturedOutput } from "../../tests/support/output";

/*
 * Issue 8, findings 1 and 10: a request the gateway cannot use (malformed JSON, too large, not
 * JSON, not GraphQL, not valid against the schema, wrong variables) is answered with a
 * GraphQL-shaped JSON error, with no stack trace or file path, in every mode; and nothing of
 * its body reaches a log line. Each body carries a marker standing in for an NHS number, and
 * every write to stdout, stderr and the console is captured while the gateway runs: the
 * project's logger (at debug, its most talkative) and anything express or Apollo print.
 */

const MARKER = "NHS9434765919MARKER";
/**
 * JSON.parse quotes ten characters either side of where it failed, so a log line may hold only
 * a piece of the marker: these pieces must be absent too.
 */
const MARKER_PIECES = [MARKER, "9434765", "MARKER"];

interface Case {
  name: string;
  method?: "GET" | "POST";
  /** Appended to /graphql (GET). */
  search?: string;
  contentType?: string;
  body?: string;
  status: number;
  code: string;
  /** Whether the answer may quote the marker back (GraphQL's own messages name the bad token). */
  mayEcho?: boolean;
}

const CASES: Case[] = [
  {
    name: "malformed JSON (a trailing character after the object)",
    contentType: "application/json",
    body: `{"query":"{ __typename }","variables":{"nhsNumber":"${MARKER}","givenName":"Amira"}}x`,
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "malformed JSON (a bare word where a value should be)",
    contentType: "application/json",
    body: `{"query":"{ __typename }","variables":{"nhsNumber":${MARKER}}}`,
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "a body that is not JSON at all",
    contentType: "application/json",
    body: `nhsNumber=${MARKER}&givenName=Amira`,
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "JSON cut short",
    contentType: "application/json",
    body: `{"query":"{ __typename }","variables":{"nhsNumber":"${MARKER}"`,
    status: 400,
    code: "BAD_REQUEST",
  },
  {
    name: "an oversized body",
    contentType: "application/json",
    body: JSON.stringify({ query: "{ __typename }", variables: { givenName: MARKER + "a".repeat(300_000) } }),
    status: 413,
    code: "BAD_REQUEST",
  },
  {
    name: "a text/plain body",
    contentType: "text/plain",
    body: JSON.stringify({ query: "{ __typename }", variables: { nhsNumber: MARKER } }),
    status: 415,
    code: "BAD_REQUEST",
  },
  {
    name: "a form post",
    contentType: "application/x-www-form-urlencoded",
    body: `query=${MARKER}`,
    status: 415,
    code: "BAD_REQUEST",
  },
  {
    name: "no content type",
    body: `{"query":"{ person(id: \\"${MARKER}\\") { id } }"}`,
    status: 415,
    code: "BAD_REQUEST",
  },
  {
    name: "an unknown charset",
    contentType: "application/json; charset=klingon",
    body: `{"query":"{ person(id: \\"${MARKER}\\") { id } }"}`,
    status: 415,
    code: "BAD_REQUEST",
  },
  {
    name: "a GraphQL syntax error",
    contentType: "application/json",
    body: JSON.stringify({ query: `{ person(id: "${MARKER}" { id } }` }),
    status: 400,
    code: "GRAPHQL_PARSE_FAILED",
  },
  {
    name: "a GraphQL syntax error in a GET",
    method: "GET",
    search: `?query=${encodeURIComponent(`{ ${MARKER}( }`)}`,
    status: 400,
    code: "GRAPHQL_PARSE_FAILED",
    mayEcho: true,
  },
  {
    name: "a query invalid against the schema",
    contentType: "application/json",
    body: JSON.stringify({ query: `{ person(id: "${MARKER}") { ${MARKER} } }` }),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    mayEcho: true,
  },
  {
    name: "variables of the wrong type",
    contentType: "application/json",
    body: JSON.stringify({ query: "query ($id: ID!) { person(id: $id) { id } }", variables: { id: { [MARKER]: 1 } } }),
    status: 400,
    code: "BAD_USER_INPUT",
    mayEcho: true,
  },
];

/** Signs of internals: a stack frame, a source or module path, Apollo's stacktrace extension. */
const INTERNALS = [/\n\s*at /, /\bat \S+ \(/, /node_modules/, /\.[jt]s:\d+/, /stacktrace/i, /<html|<pre/i];

describe.each<GatewayMode>(["development", "test", "production"])("the gateway in %s mode", (mode) => {
  let gw: TestGateway;
  let output: CapturedOutput;

  beforeAll(async () => {
    output = captureOutput();
    // Express picks its mode (and whether its default error handler prints) from NODE_ENV when the app is made.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = mode;
    try {
      gw = await startTestGateway(mode, createLogger("gateway", "debug"));
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
  afterAll(async () => {
    await gw?.stop();
    output.restore();
  });

  it.each(CASES)("answers $name with a JSON $code error and no internals", async (c) => {
    const res = await fetch(`${gw.gateway.url}${c.search ?? ""}`, {
      method: c.method ?? "POST",
      headers: {
        ...(await gw.authHeaders()),
        ...(c.contentType ? { "content-type": c.contentType } : {}),
        // Apollo's CSRF prevention lets a GET through only with a header a form cannot send.
        ...(c.method === "GET" ? { "apollo-require-preflight": "true" } : {}),
      },
      body: c.body === undefined ? undefined : new Blob([c.body]),
    });
    const text = await res.text();
    expect(res.status).toBe(c.status);
    expect(res.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
    const body = JSON.parse(text);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe(c.code);
    expect(typeof body.errors[0].message).toBe("string");
    for (const pattern of INTERNALS) expect(text).not.toMatch(pattern);
    if (!c.mayEcho) for (const piece of MARKER_PIECES) expect(text).not.toContain(piece);
  });

  it("wrote no part of any of those bodies to a log line, stdout, stderr or the console", () => {
    const lines = output.writes.join("\n");
    for (const piece of MARKER_PIECES) expect(lines).not.toContain(piece);
    // The capture did see the gateway's logs (it logs each refused body, without the body).
    expect(lines).toContain('"event":"http.bad_request"');
  });
});
