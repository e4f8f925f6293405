import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDirOf, DEFAULT_DATA_DIR, EmbeddedStoreLocked, lockEmbeddedStore, REPO_ROOT } from "./embedded";

/*
 * Where embedded stores keep their data, and the lock that keeps a second process off a PGlite
 * folder. (Opening real stores on a folder is tested with the audit store and the link store.)
 */

describe("the data folder", () => {
  it("is <repo>/.data by default, found from the code and not from the working directory", () => {
    const cwd = process.cwd();
    try {
      process.chdir(os.tmpdir());
      expect(dataDirOf({ NODE_ENV: "development" })).toBe(path.join(REPO_ROOT, ".data"));
      expect(DEFAULT_DATA_DIR).toBe(path.join(REPO_ROOT, ".data"));
    } finally {
      process.chdir(cwd);
    }
    // The repository root is the folder with the workspace's package.json.
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).workspaces).toBeDefined();
  });

  it("is DATA_DIR when set (a relative one from the repository root)", () => {
    const absolute = path.join(os.tmpdir(), "ffd-data");
    expect(dataDirOf({ NODE_ENV: "production", DATA_DIR: absolute })).toBe(absolute);
    expect(dataDirOf({ NODE_ENV: "development", DATA_DIR: "var/ffd" })).toBe(path.join(REPO_ROOT, "var", "ffd"));
    expect(dataDirOf({ NODE_ENV: "test", DATA_DIR: absolute })).toBe(absolute);
  });

  it("is none (in memory) under NODE_ENV=test without DATA_DIR, so tests never write into the repository", () => {
    expect(dataDirOf({ NODE_ENV: "test" })).toBeNull();
  });
});

describe("the embedded store lock", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), "ffd-lock-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("is held by one holder at a time, and released", () => {
    const release = lockEmbeddedStore(folder, "audit");
    expect(readFileSync(path.join(folder, "audit.lock"), "utf8").trim()).toBe(String(process.pid));
    let refused: unknown;
    try {
      lockEmbeddedStore(folder, "audit");
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(EmbeddedStoreLocked);
    expect((refused as EmbeddedStoreLocked).pid).toBe(process.pid);
    expect((refused as Error).message).toMatch(/is open in a process \(pid \d+\)/);
    // Another store in the same folder is another lock.
    lockEmbeddedStore(folder, "family-index")();
    release();
    expect(existsSync(path.join(folder, "audit.lock"))).toBe(false);
    lockEmbeddedStore(folder, "audit")();
  });

  it("is taken over from a process that is gone", () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(path.join(folder, "audit.lock"), `${gone.stdout}\n`);
    const release = lockEmbeddedStore(folder, "audit");
    expect(readFileSync(path.join(folder, "audit.lock"), "utf8").trim()).toBe(String(process.pid));
    release();
  });
});
