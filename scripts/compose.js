#!/usr/bin/env node
/**
 * npm run compose            writes each subgraph's schema.graphql, the audit subgraph's
 *                            gateway/audit.graphql and gateway/supergraph.graphql
 * npm run compose -- --check exits 1, naming the files, when any committed one is stale
 *
 * Runs on the compiled packages (npm run compose builds first).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { SERVICES, printSubgraphSdl } = require("../shared/dist");
const { composeSupergraph, staleFiles } = require("../gateway/dist/composition");
const { buildAuditSchema } = require("../gateway/dist/audit-subgraph/schema");

const root = path.join(__dirname, "..");
const check = process.argv.includes("--check");

async function main() {
  const sdls = {};
  const files = {};
  for (const name of SERVICES) {
    const { buildSchema } = require(path.join(root, "subgraphs", name, "dist", "server.js"));
    sdls[name] = printSubgraphSdl(await buildSchema());
    files[path.join("subgraphs", name, "schema.graphql")] = sdls[name];
  }
  // The audit subgraph is served by the gateway process itself (gateway/src/audit-subgraph).
  sdls.audit = printSubgraphSdl(await buildAuditSchema());
  files[path.join("gateway", "audit.graphql")] = sdls.audit;
  files[path.join("gateway", "supergraph.graphql")] = composeSupergraph(sdls);

  if (check) {
    const stale = staleFiles(files, (f) =>
      fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8") : null,
    );
    if (stale.length) {
      console.error(`Stale: ${stale.join(", ")}. Run \`npm run compose\` and commit the result.`);
      process.exit(1);
    }
    console.log("Supergraph and subgraph schemas are up to date.");
    return;
  }
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(root, file), content);
  console.log(`Wrote ${Object.keys(files).join(", ")}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
