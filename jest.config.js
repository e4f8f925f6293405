/**
 * One jest run over every workspace. Tests sit beside the code (`*.test.ts`) and cross-service
 * tests in tests/. ts-jest compiles with decorator metadata (type-graphql needs it); `tsc -b`
 * type-checks before jest runs. jose is ESM-only, so it is transformed too, and PGlite loads its
 * WebAssembly through a dynamic import(), which needs --experimental-vm-modules (set in the
 * npm test script).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/shared", "<rootDir>/borough", "<rootDir>/subgraphs", "<rootDir>/gateway", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  modulePathIgnorePatterns: ["<rootDir>/.*/dist/"],
  moduleNameMapper: {
    "^@ffd/shared$": "<rootDir>/shared/src",
    "^@ffd/borough$": "<rootDir>/borough/src",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }],
    "^.+/node_modules/jose/.+\\.js$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }],
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  testTimeout: 60_000,
  maxWorkers: 2,
};
