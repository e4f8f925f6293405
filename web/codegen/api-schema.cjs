/**
 * graphql-codegen's schema loader: the API schema of the committed supergraph, derived by the
 * gateway's own composition code (compiled by `tsc -b`), so the app is typed against exactly what
 * the gateway serves to clients.
 */
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { apiSchemaOf } = require("../../gateway/dist/composition.js");

module.exports = (pointer) => apiSchemaOf(readFileSync(path.resolve(__dirname, "..", pointer), "utf8"));
