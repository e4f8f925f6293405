import { AGENCY_SERVICES, type AgencyEntry } from "@ffd/shared";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { PG_ADMIN_URL, postgresAvailable } from "./support/postgres";
import { secretEnv } from "./support/secrets";
import { describeIf } from "./support/services";
import { loadedModulesHook } from "./support/loaded-modules";

/**
 * THE GENERATOR STAYS OFF THE PRODUCTION PATH (issue 10 item 3). Each agency subgraph's built
 * entry point (what `npm start` and the container run) is started with its database URL pointing
 * at the real PostgreSQL server, under a preload hook that writes down every module the process
 * loaded. Not one of them may be `@ffd/borough` (the synthetic data generator): a static import
 * of it anywhere on the entry's path fails this test. The control starts one entry without a URL
 * and sees the generator loaded, so the hook is known to see what it looks for.
 * Needs `tsc -b` first (as `npm test` does), like the other tests that start entry points.
 */

const root = path.join(__dirname, "..");
const boroughDir = path.join(root, "borough") + path.sep;
/** Startup is slow on a loaded two-core machine: the embedded control generates a small borough. */
jest.setTimeout(180_000);

const loaded = loadedModulesHook("ffd-agency-entry-");

/** Starts `agency`'s entry point with `env`, waits until it listens, stops it, and answers the modules it loaded. */
async function modulesLoadedBy(agency: AgencyEntry, env: Record<string, string>): Promise<string[]> {
  const loadedFile = path.join(loaded.workDir(), `${agency.name}-${Date.now()}.json`);
  const child = spawn(process.execPath, ["--require", loaded.hook(), path.join(root, agency.dir, "dist", "index.js")], {
    cwd: root,
    // A clean environment: nothing of this shell's settings (a stray *_DATABASE_URL) decides the path.
    env: {
      PATH: process.env.PATH ?? "",
      ...secretEnv(),
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: "0",
      FFD_LOADED_MODULES_FILE: loadedFile,
      // Production requires the council's locality reference where a service reads it (a JSON file, not a module).
      LOCALITY_REFERENCE_FILE: path.join(root, "borough", "locality-reference.json"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const events: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => {
        try {
          const event = (JSON.parse(line) as { event?: string }).event ?? "";
          events.push(event);
          if (event === "service.listening") resolve();
        } catch {
          events.push(line);
        }
      });
    }
    void exited.then((code) =>
      reject(new Error(`${agency.name} exited (${code}) before listening: ${events.join(", ")}`)),
    );
  });
  try {
    await listening;
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  return JSON.parse(fs.readFileSync(loadedFile, "utf8")) as string[];
}

const ofBorough = (modules: string[]) => modules.filter((m) => m.startsWith(boroughDir));

describeIf(postgresAvailable())("an agency entry point given its database URL", () => {
  it.each(AGENCY_SERVICES.map((agency) => [agency.name, agency] as const))(
    "%s loads nothing of @ffd/borough (the synthetic data generator)",
    async (_name, agency) => {
      const modules = await modulesLoadedBy(agency, { [`${agency.envPrefix}_DATABASE_URL`]: PG_ADMIN_URL });
      // The hook saw the entry's own modules and the kit, so an empty answer below means something.
      expect(modules).toContain(path.join(root, agency.dir, "dist", "index.js"));
      expect(modules.some((m) => m.includes(`${path.sep}agency-kit${path.sep}runner.js`))).toBe(true);
      expect(ofBorough(modules)).toEqual([]);
    },
  );
});

describe("an agency entry point without a database URL", () => {
  it("loads the generator (dynamically) for its embedded database: the control for the test above", async () => {
    const registration = AGENCY_SERVICES.find((a) => a.name === "registration") as AgencyEntry;
    const modules = await modulesLoadedBy(registration, { BOROUGH_FAMILIES: "3" });
    expect(ofBorough(modules)).toContain(path.join(boroughDir, "dist", "generate.js"));
  });
});
