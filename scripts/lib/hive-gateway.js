/**
 * Hive Gateway (@graphql-hive/gateway-runtime) over a running stack's agency subgraphs, for
 * `npm run bench:gateway`'s side-by-side comparison. Like the plain @apollo/gateway beside it
 * (plain-gateway.js) it does only what any federation gateway in front of these subgraphs must,
 * with the same code (gateway-caller.js): check the development token and purpose, sign the
 * subgraphs' internal caller token once per request, plan and execute, over the same supergraph
 * (supergraph.js). Everything else is Hive's defaults, among them the merging of identical
 * subgraph requests in flight, which HIVE_DEDUPLICATE=off turns off. The internal token goes to
 * the subgraphs as Hive propagates a client's headers (`propagateHeaders`), so Hive merges only
 * requests whose headers are the same too: the same caller's, signed in the same second.
 *
 * Run as a child process by the benchmark, configured by its environment:
 *   HIVE_GATEWAY_PORT, DEV_JWT_SECRET, INTERNAL_TOKEN_SECRET, SUBGRAPH_URLS (JSON: name -> /graphql URL),
 *   HIVE_DEDUPLICATE: "on" (Hive's default) or "off".
 * Logs nothing (Hive's logging off: no request of the benchmark is written anywhere). Prints
 * "hive gateway ready" once it listens.
 */
const http = require("node:http");
const { createGatewayRuntime } = require("@graphql-hive/gateway-runtime");
const { PURPOSE_HEADER, callerCheck, setting: settingOf, subgraphAuthorization } = require("./gateway-caller");
const { supergraphSdl } = require("./supergraph");

const setting = (name) => settingOf("hive gateway", name);

function deduplicateSetting() {
  const value = setting("HIVE_DEDUPLICATE");
  if (value !== "on" && value !== "off") {
    throw new Error(`hive gateway: HIVE_DEDUPLICATE must be "on" or "off", not "${value}"`);
  }
  return value === "on";
}

async function main() {
  const port = Number(setting("HIVE_GATEWAY_PORT"));
  const checkCaller = callerCheck(setting("DEV_JWT_SECRET"));
  const internalSecret = setting("INTERNAL_TOKEN_SECRET");
  const urls = JSON.parse(setting("SUBGRAPH_URLS"));
  const deduplicate = deduplicateSetting();

  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl(urls),
    logging: false,
    transportEntries: { "*.http": { options: { deduplicateInflightRequests: deduplicate } } },
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }) => ({ authorization: context.subgraphAuthorization }),
    },
    plugins: () => [
      {
        async onContextBuilding({ context, extendContext }) {
          const headers = context.request.headers;
          const caller = await checkCaller(headers.get("authorization"), headers.get(PURPOSE_HEADER));
          // One internal token per client request, shared by all its subgraph requests.
          extendContext({ subgraphAuthorization: await subgraphAuthorization(internalSecret, caller) });
        },
      },
    ],
  });
  const server = http.createServer(gateway);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(undefined));
  });
  const stop = () => {
    server.close();
    void gateway.dispose().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.stdout.write("hive gateway ready\n");
}

main().catch((err) => {
  process.stderr.write(`hive gateway: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
