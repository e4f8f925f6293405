import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A work folder for the suite and, in it, a preload hook (`node -r <hook>`) that on exit (the
 * runner's SIGTERM shutdown ends with process.exit) writes every module in the CommonJS cache
 * (what TypeScript's dynamic import() compiles to as well) to the file named by
 * FFD_LOADED_MODULES_FILE: what a test of which modules an entry point loads reads. Made before
 * the suite's tests, removed after them.
 */
export function loadedModulesHook(prefix: string): { workDir: () => string; hook: () => string } {
  let workDir = "";
  let hook = "";
  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    hook = path.join(workDir, "loaded-modules.js");
    fs.writeFileSync(
      hook,
      `const fs = require("node:fs");
     process.on("exit", () => fs.writeFileSync(process.env.FFD_LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache))));`,
    );
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));
  return { workDir: () => workDir, hook: () => hook };
}
