// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["**/dist/**", "**/dist-types/**", "**/node_modules/**", "coverage/**", "web/src/gql/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        fetch: "readonly",
        AbortSignal: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URL: "readonly",
        TextEncoder: "readonly",
        Buffer: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Logs go through the shared logger; the CLIs write to process.stdout/stderr directly.
      "no-console": "error",
    },
  },
  {
    files: ["**/*.test.ts", "tests/**/*.ts", "**/testing/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "no-console": "off" },
  },
  {
    files: ["scripts/**/*.js", "eslint.config.js", "jest.config.js", "web/codegen/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off", "no-console": "off" },
  },
);
