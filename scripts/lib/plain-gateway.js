/**
 * A plain @apollo/gateway over a running stack's agency subgraphs, for `npm run bench:gateway`'s
 * side-by-side comparison. It does only what any federation gateway in front of these subgraphs
 * must: check the development token, sign the subgraphs' internal caller token (once per
 * request; gateway-caller.js, shared with hive-gateway.js), plan and execute. No audit trail, breakers, input bounds or persisted documents:
 * the difference between it and our gateway is what those cost.
 *
 * Run as a child process by the benchmark, configured by its environment:
 *   PLAIN_GATEWAY_PORT, DEV_JWT_SECRET, INTERNAL_TOKEN_SECRET, SUBGRAPH_URLS (JSON: name -> /graphql URL)
 *   BENCH_RECORD_FILE: where the subgraph requests of a request sent with `x-bench-record: 1` are
 *   written (JSON: [{ service, url, body, startMs, endMs }]), so the benchmark can replay them.
 * Prints "plain gateway ready" once it listens.
 */
const fs = require("node:fs");
const { performance } = require("node:perf_hooks");
const { ApolloGateway, RemoteGraphQLDataSource } = require("@apollo/gateway");
const { ApolloServer } = require("@apollo/server");
const { startStandaloneServer } = require("@apollo/server/standalone");
const { PURPOSE_HEADER, callerCheck, setting: settingOf, subgraphAuthorization } = require("./gateway-caller");
const { supergraphSdl } = require("./supergraph");

const setting = (name) => settingOf("plain gateway", name);

class RecordingDataSource extends RemoteGraphQLDataSource {
  constructor(name, url, internalSecret) {
    super({ url });
    this.name = name;
    this.internalSecret = internalSecret;
  }

  async willSendRequest({ request, context }) {
    // One internal token per client request, shared by all its subgraph requests.
    context.authorization ??= subgraphAuthorization(this.internalSecret, context.caller);
    request.http.headers.set("authorization", await context.authorization);
  }

  async process(options) {
    const startMs = performance.now();
    const response = await super.process(options);
    const { context } = options;
    if (context.recorded) {
      context.recorded.push({
        service: this.name,
        url: this.url,
        body: { query: options.request.query, variables: options.request.variables },
        startMs,
        endMs: performance.now(),
      });
    }
    return response;
  }
}

async function main() {
  const port = Number(setting("PLAIN_GATEWAY_PORT"));
  const checkCaller = callerCheck(setting("DEV_JWT_SECRET"));
  const internalSecret = setting("INTERNAL_TOKEN_SECRET");
  const urls = JSON.parse(setting("SUBGRAPH_URLS"));
  const recordFile = process.env.BENCH_RECORD_FILE;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSdl(urls),
    buildService: ({ name, url }) => new RecordingDataSource(name, url, internalSecret),
  });
  const server = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [
      {
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse() {
              if (contextValue.recorded && recordFile) {
                fs.writeFileSync(recordFile, JSON.stringify(contextValue.recorded));
              }
            },
          };
        },
      },
    ],
  });
  await startStandaloneServer(server, {
    listen: { port, host: "127.0.0.1" },
    context: async ({ req }) => {
      const caller = await checkCaller(req.headers.authorization, req.headers[PURPOSE_HEADER]);
      return { caller, recorded: req.headers["x-bench-record"] === "1" ? [] : undefined };
    },
  });
  process.stdout.write("plain gateway ready\n");
}

main().catch((err) => {
  process.stderr.write(`plain gateway: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
