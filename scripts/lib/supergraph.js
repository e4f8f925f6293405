/**
 * The committed supergraph (gateway/supergraph.graphql) with each subgraph's URL replaced by
 * where it runs now, for the benchmark's plain gateways over a stack started on free ports.
 */
const fs = require("node:fs");
const path = require("node:path");

const FILE = path.join(__dirname, "..", "..", "gateway", "supergraph.graphql");

/** @param {Record<string, string>} urls subgraph name -> its /graphql URL */
function supergraphSdl(urls) {
  const seen = new Set();
  const sdl = fs.readFileSync(FILE, "utf8").replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name) => {
    if (!(name in urls)) return whole;
    seen.add(name);
    return `@join__graph(name: "${name}", url: "${urls[name]}")`;
  });
  const missing = Object.keys(urls).filter((n) => !seen.has(n));
  if (missing.length > 0) throw new Error(`the supergraph has no subgraph ${missing.join(", ")}`);
  return sdl;
}

module.exports = { supergraphSdl };
