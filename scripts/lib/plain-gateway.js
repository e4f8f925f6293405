/**
 * A plain @apollo/gateway over a running stack's agency subgraphs, for `npm run bench:gateway`'s
 * side-by-side comparison. It does only what any federation gateway in front of these subgraphs
 * must: check the development token, sign the subgraphs' internal caller token (once per
 * request), plan and execute. No audit trail, breakers, input bounds or persisted documents:
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
const { PURPOSE_OF_ACCESS_HEADER, isPurposeOfAccess, isRole, signCallerToken } = require("../../shared/dist");
const { supergraphSdl } = require("./supergraph");

const DEV_ISSUER = "family-front-door-development";
const DEV_AUDIENCE = "family-front-door";

function setting(name) {
  const value = process.env[name];
  if (!value) throw new Error(`plain gateway: ${name} is not set`);
  return value;
}

class RecordingDataSource extends RemoteGraphQLDataSource {
  constructor(name, url, internalSecret) {
    super({ url });
    this.name = name;
    this.internalSecret = internalSecret;
  }

  async willSendRequest({ request, context }) {
    // One internal token per client request, shared by all its subgraph requests.
    context.internalToken ??= signCallerToken(this.internalSecret, context.caller, 60);
    request.http.headers.set("authorization", `Bearer ${await context.internalToken}`);
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
  const { jwtVerify } = await import("jose");
  const port = Number(setting("PLAIN_GATEWAY_PORT"));
  const devSecret = new TextEncoder().encode(setting("DEV_JWT_SECRET"));
  const internalSecret = setting("INTERNAL_TOKEN_SECRET");
  const urls = JSON.parse(setting("SUBGRAPH_URLS"));
  const recordFile = process.env.BENCH_RECORD_FILE;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSdl(urls),
    buildService: ({ name, url }) => new RecordingDataSource(name, url, internalSecret),
  });
  const server = new ApolloServer({
    gateway,
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
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer) throw new Error("no token");
      const { payload } = await jwtVerify(bearer, devSecret, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ["HS256"],
      });
      const purpose = req.headers[PURPOSE_OF_ACCESS_HEADER.toLowerCase()];
      if (!isRole(payload.role) || !isPurposeOfAccess(purpose)) throw new Error("no role or purpose");
      const caller = {
        subject: payload.sub,
        role: payload.role,
        organisation: typeof payload.org === "string" ? payload.org : null,
        centre: typeof payload.centre === "string" ? payload.centre : null,
        caseload: typeof payload.caseload === "string" ? payload.caseload : null,
        purpose,
        breakGlass: false,
      };
      return { caller, recorded: req.headers["x-bench-record"] === "1" ? [] : undefined };
    },
  });
  process.stdout.write("plain gateway ready\n");
}

main().catch((err) => {
  process.stderr.write(`plain gateway: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
