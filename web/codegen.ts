import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The app's typed operations: every `graphql(...)` document in src/ is checked against the API
 * schema of the committed gateway/supergraph.graphql (what clients see: no join directives, no
 * @inaccessible fields) and typed into src/gql/. `npm run codegen -w web` after changing an
 * operation or the schema; src/codegen.test.ts fails when src/gql/ is stale or an operation no
 * longer validates.
 */
const config: CodegenConfig = {
  schema: { "../gateway/supergraph.graphql": { loader: "./codegen/api-schema.cjs" } },
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**", "!src/**/*.test.{ts,tsx}"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      // The build's manifest of every operation (sha256 of the printed document -> document): the app
      // sends only the hash, and the gateway answers only documents it finds there.
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "replaceDocumentWithHash", hashAlgorithm: "sha256" },
      },
      config: {
        // Documents as strings: no GraphQL library in the browser bundle.
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: "string", DateTime: "string" },
      },
    },
  },
};

export default config;
