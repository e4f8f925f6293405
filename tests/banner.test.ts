/**
 * The sample request `npm start` prints (scripts/banner.js) runs when pasted into bash: whatever
 * the query holds (quotes, comments, $ and backslashes), bash hands curl exactly the request meant.
 * The printed command against a real running stack: tests/start.e2e.test.ts.
 */
import { spawnSync } from "node:child_process";
import { printedCurl } from "./support/printed-curl";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { banner } = require("../scripts/banner.js") as {
  banner(options: Record<string, unknown>): string;
};

/** Runs the printed command in bash with curl replaced by a function that prints its arguments. */
function argumentsCurlWouldGet(command: string): string[] {
  const r = spawnSync("bash", ["-c", `curl() { printf '%s\\0' "$@"; }\n${command}`], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout.split("\0").slice(0, -1);
}

const options = (query: string) => ({
  url: "http://127.0.0.1:6000",
  token: "eyJ.header.sig-_",
  purposeHeader: "X-Purpose-Of-Access",
  purposes: ["direct-care", "safeguarding"],
  purpose: "direct-care",
  query,
  readySeconds: 12.34,
  secretsFile: ".data/dev-secrets.json",
});

describe("the printed sample command", () => {
  const awkward = `# Each agency's summary: it's what front-door staff see.
# A second comment line, then $HOME, $(touch /tmp/ffd-pwned), \`id\` and a backslash \\n.
query Awkward($name: String = "O'Brien") {
  searchPeople(query: { familyName: $name }) { score } # trailing comment with 'quotes'
}
`;

  it("passes a query with quotes, # comments, $ and backslashes to curl unchanged", () => {
    const args = argumentsCurlWouldGet(printedCurl(banner(options(awkward))));
    expect(args).toEqual([
      "-s",
      "http://127.0.0.1:6000/graphql",
      "-H",
      "Content-Type: application/json",
      "-H",
      "Authorization: Bearer eyJ.header.sig-_",
      "-H",
      "X-Purpose-Of-Access: direct-care",
      "--data",
      expect.any(String),
    ]);
    expect(JSON.parse(args[9])).toEqual({ query: awkward });
  });

  it("passes the real sample query (agency's, # comment lines) unchanged", async () => {
    const { SAMPLE_QUERY } = await import("../gateway/src/sample");
    expect(SAMPLE_QUERY).toMatch(/'/);
    expect(SAMPLE_QUERY).toMatch(/^#/m);
    const args = argumentsCurlWouldGet(printedCurl(banner(options(SAMPLE_QUERY))));
    expect(JSON.parse(args[9])).toEqual({ query: SAMPLE_QUERY });
  });

  it("says where this run's secrets are, or that they are the user's", () => {
    expect(banner(options("{ __typename }"))).toContain(".data/dev-secrets.json");
    expect(banner({ ...options("{ __typename }"), secretsFile: null })).toContain(
      "the INTERNAL_TOKEN_SECRET and DEV_JWT_SECRET you set",
    );
  });
});

describe("the banner's addresses", () => {
  it("names the staff app first, then the GraphQL endpoint and the IDE at /graphiql", () => {
    const text = banner(options("{ __typename }"));
    const app = text.indexOf("Staff app:         http://127.0.0.1:6000/\n");
    const endpoint = text.indexOf("GraphQL endpoint:  http://127.0.0.1:6000/graphql");
    const ide = text.indexOf("GraphQL IDE:       http://127.0.0.1:6000/graphiql");
    expect(app).toBeGreaterThan(-1);
    expect(endpoint).toBeGreaterThan(app);
    expect(ide).toBeGreaterThan(endpoint);
  });
});
