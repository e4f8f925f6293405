import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { nhsukOffline } from "./vite/nhsuk-offline.ts";
import { persistedDocuments } from "./vite/persisted-documents.ts";

/**
 * The staff app's build: one small bundle and nhsuk-frontend's compiled CSS, written to dist/ for
 * the gateway to serve at /. The access policy is read from shared's source (pure data), so the
 * sign-in page offers exactly the roles and purposes the gateway enforces.
 */
export default defineConfig({
  plugins: [
    react(),
    nhsukOffline(),
    // The manifest of the operations this build sends by id, for the gateway (dist/persisted-documents.json).
    persistedDocuments(fileURLToPath(new URL("src/gql/persisted-documents.json", import.meta.url))),
  ],
  resolve: {
    alias: {
      "@ffd/shared/policy": fileURLToPath(new URL("../shared/src/policy.ts", import.meta.url)),
      "@ffd/shared/access": fileURLToPath(new URL("../shared/src/access.ts", import.meta.url)),
      "@ffd/shared/services": fileURLToPath(new URL("../shared/src/services.ts", import.meta.url)),
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // nhsuk-frontend's CSS comes minified, with old-browser hacks (`@media screen\0`) that
    // lightningcss refuses; the app's own CSS is a few lines.
    cssMinify: false,
  },
  server: {
    // `npm run dev -w web` against a gateway started by `npm start` (same origin through the proxy).
    proxy: { "/graphql": "http://127.0.0.1:4000", "/auth": "http://127.0.0.1:4000" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test-setup.ts"],
  },
});
