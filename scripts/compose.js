#!/usr/bin/env node
/**
 * npm run compose            writes each subgraph's schema.graphql, the audit subgraph's
 *                            gateway/audit.graphql and gateway/supergraph.graphql, unless the
 *                            client-facing schema breaks in a way gateway/schema-changes.json
 *                            does not record (then it writes nothing and exits 1)
 * npm run compose -- --check exits 1, naming the files, when any committed one is stale, and
 *                            when the client-facing schema has an unrecorded breaking change
 *   --against <git ref>      the commit whose committed supergraph is the baseline; default: the
 *                            merge-base with main, or HEAD~1 when HEAD is on main
 *   --root <dir>             the git checkout whose schema files are checked or written, and
 *                            whose history and changelog are read (default: this one); the
 *                            schemas are always those of this checkout's compiled code
 *
 * Runs on the compiled packages (npm run compose builds first).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { SERVICES, printSubgraphSdl } = require("../shared/dist");
const { composeSupergraph, staleFiles } = require("../gateway/dist/composition");
const { buildAuditSchema } = require("../gateway/dist/audit-subgraph/schema");
const { checkSchemaChanges, describeUnrecorded, SUPERGRAPH_FILE } = require("../gateway/dist/schema-changes/check");
const { SCHEMA_CHANGELOG_FILE } = require("../gateway/dist/schema-changes/changelog");

const code = path.join(__dirname, "..");
const args = process.argv.slice(2);
const check = args.includes("--check");

/** The value of `--name value` or `--name=value`; undefined when the option is absent. */
function option(name) {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const value = args[i].includes("=") ? args[i].slice(name.length + 1) : args[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

const root = path.resolve(option("--root") ?? code);

const readFile = (f) => (fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8") : null);

async function main() {
  const against = option("--against");
  const sdls = {};
  const files = {};
  for (const name of SERVICES) {
    const { buildSchema } = require(path.join(code, "subgraphs", name, "dist", "server.js"));
    sdls[name] = printSubgraphSdl(await buildSchema());
    files[path.join("subgraphs", name, "schema.graphql")] = sdls[name];
  }
  // The audit subgraph is served by the gateway process itself (gateway/src/audit-subgraph).
  sdls.audit = printSubgraphSdl(await buildAuditSchema());
  files[path.join("gateway", "audit.graphql")] = sdls.audit;
  files[SUPERGRAPH_FILE] = composeSupergraph(sdls);

  const report = await checkSchemaChanges({
    root,
    supergraphSdl: files[SUPERGRAPH_FILE],
    changelogText: readFile(SCHEMA_CHANGELOG_FILE),
    against,
  });
  const where = `${report.baseline.description}, ${report.baseline.commit.slice(0, 12)}`;
  if (report.breaking.length > report.unrecorded.length)
    console.log(`Recorded breaking changes since ${where}: ${report.breaking.length - report.unrecorded.length}.`);
  const refused = report.unrecorded.length > 0;
  if (refused) console.error(describeUnrecorded(report));

  if (check) {
    const stale = staleFiles(files, readFile);
    if (stale.length) console.error(`Stale: ${stale.join(", ")}. Run \`npm run compose\` and commit the result.`);
    if (stale.length || refused) process.exit(1);
    console.log(`Supergraph and subgraph schemas are up to date; no unrecorded breaking change since ${where}.`);
    return;
  }
  if (refused) {
    console.error("Nothing written.");
    process.exit(1);
  }
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(root, file), content);
  console.log(`Wrote ${Object.keys(files).join(", ")}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
