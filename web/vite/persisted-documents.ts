import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

/**
 * Writes the app's persisted documents manifest (src/gql/persisted-documents.json, made by
 * `npm run codegen`: document id -> document) into the build as dist/persisted-documents.json,
 * beside the bundle that sends those ids: the gateway loads it from the app's folder at start.
 */
export function persistedDocuments(manifest: string): Plugin {
  return {
    name: "ffd-persisted-documents",
    apply: "build",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "persisted-documents.json", source: readFileSync(manifest, "utf8") });
    },
  };
}
