import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  dataDirOf,
  DEFAULT_DATA_DIR,
  EmbeddedStoreLocked,
  lockEmbeddedStore,
  openEmbeddedStore,
  REPO_ROOT,
} from "./embedded";
import { processStartTime } from "./embedded-lock";

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
    expect(holderOf(path.join(folder, "audit.lock"))).toBe(process.pid);
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
    expect(holderOf(path.join(folder, "audit.lock"))).toBe(process.pid);
    release();
  });

  it("is taken over from an earlier process that had this process's pid (a restart in a container)", () => {
    const file = path.join(folder, "audit.lock");
    for (const stale of [`${process.pid}\n`, `${process.pid} ${processStartTime(process.pid) ?? "-"} 0123abcd\n`]) {
      writeFileSync(file, stale);
      const release = lockEmbeddedStore(folder, "audit");
      const now = readFileSync(file, "utf8");
      expect(now).not.toBe(stale);
      expect(holderOf(file)).toBe(process.pid);
      release();
      expect(existsSync(file)).toBe(false);
    }
  });

  const withProc = processStartTime(process.pid) !== null ? it : it.skip;

  withProc(
    "is taken over from a process that is gone even when a later process got its pid (Linux: start times)",
    () => {
      // The parent process is alive; a lock naming it with another start time was left by an earlier process.
      writeFileSync(path.join(folder, "audit.lock"), `${process.ppid} 1 0123abcd\n`);
      lockEmbeddedStore(folder, "audit")();
      // With its own start time it is that live process's lock.
      writeFileSync(path.join(folder, "audit.lock"), `${process.ppid} ${processStartTime(process.ppid)} 0123abcd\n`);
      expect(() => lockEmbeddedStore(folder, "audit")).toThrow(EmbeddedStoreLocked);
    },
  );

  it("never removes a stale lock while another process is taking it over, and waits for it", () => {
    const file = path.join(folder, "audit.lock");
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(file, `${gone.stdout}\n`);
    // A live process (the parent) holds the takeover guard: only it may remove the stale lock now.
    writeFileSync(`${file}.takeover`, `${process.ppid} - 0123abcd\n`);
    const started = Date.now();
    expect(() => lockEmbeddedStore(folder, "audit", { waitMs: 300 })).toThrow(EmbeddedStoreLocked);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(readFileSync(file, "utf8")).toBe(`${gone.stdout}\n`);
    // Once the guard is gone, the stale lock is taken over.
    rmSync(`${file}.takeover`);
    const release = lockEmbeddedStore(folder, "audit");
    expect(holderOf(file)).toBe(process.pid);
    release();
  });

  it("has one holder when several processes race to take over a stale lock, round after round", async () => {
    const ROUNDS = 50;
    const RACERS = 4;
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    for (let r = 0; r < ROUNDS; r++) writeFileSync(path.join(folder, `round${r}.lock`), `${gone.stdout}\n`);
    const outputs = await Promise.all(Array.from({ length: RACERS }, (_, id) => runRacer(folder, id, RACERS, ROUNDS)));
    const reports = outputs.map((o) => JSON.parse(o) as { pid: number; held: boolean[] });
    const twoHolders: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const holders = reports.filter((report) => report.held[r]);
      if (holders.length !== 1) twoHolders.push(r);
    }
    expect(twoHolders).toEqual([]);
  }, 30_000);
});

/** The pid a lock file names. */
function holderOf(file: string): number {
  return Number(readFileSync(file, "utf8").split(/\s/)[0]);
}

/**
 * One racer: a process that, in each round, waits until every racer is ready, then (at one
 * instant agreed from the files' times, so the racers really overlap) tries to take the
 * round's (stale) lock, holds it briefly, and reports whether it holds it then: it believed it
 * took the lock, and the lock file still names it. It keeps every lock it took until it exits.
 * It runs the compiled module (the tests build first), as a service would.
 */
function runRacer(folder: string, id: number, racers: number, rounds: number): Promise<string> {
  const script = `
    const fs = require("node:fs");
    const path = require("node:path");
    const { lockEmbeddedStore } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "embedded.js"))});
    const [folder, id, racers, rounds] = [process.argv[1], process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const held = [];
    for (let r = 0; r < rounds; r++) {
      fs.writeFileSync(path.join(folder, "ready-" + r + "-" + id), "");
      let ready = [];
      while ((ready = fs.readdirSync(folder).filter((f) => f.startsWith("ready-" + r + "-"))).length < racers) sleep(1);
      // Every racer starts at the same instant: 5 ms after the last one was ready (all read the same times).
      const go = Math.max(...ready.map((f) => fs.statSync(path.join(folder, f)).mtimeMs)) + 5;
      const now = () => performance.timeOrigin + performance.now();
      if (go - now() > 1) sleep(go - now() - 1);
      while (now() < go);
      let took = false;
      try {
        lockEmbeddedStore(folder, "round" + r);
        took = true;
      } catch (err) {
        if (err.name !== "EmbeddedStoreLocked") throw err;
      }
      sleep(15);
      let named = false;
      try {
        named = fs.readFileSync(path.join(folder, "round" + r + ".lock"), "utf8").split(" ")[0].trim() === String(process.pid);
      } catch {}
      held.push(took && named);
    }
    process.stdout.write(JSON.stringify({ pid: process.pid, held }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, folder, String(id), String(racers), String(rounds)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`racer ${id} exited ${code}: ${err}`))));
  });
}

/** The mode bits of a path, and the paths under `root` a user other than the owner can reach. */
const modeOf = (p: string) => lstatSync(p).mode & 0o777;

function reachableByOthers(root: string): string[] {
  const found: string[] = [];
  // Group (0o070) and others (0o007): a path is reachable when every folder above it, from the root, lets that class in.
  const walk = (dir: string, open: { group: boolean; other: boolean }) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const mode = modeOf(p);
      if ((open.group && mode & 0o070) || (open.other && mode & 0o007)) found.push(path.relative(root, p));
      if (lstatSync(p).isDirectory()) {
        walk(p, { group: open.group && (mode & 0o010) !== 0, other: open.other && (mode & 0o001) !== 0 });
      }
    }
  };
  const mode = modeOf(root);
  if (mode & 0o077) found.push(".");
  walk(root, { group: (mode & 0o010) !== 0, other: (mode & 0o001) !== 0 });
  return found;
}

describe("the embedded store's folders are the owner's alone", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), "ffd-private-"));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("makes the data folder and the store folder 0700: nothing under them is reachable by another user", async () => {
    const dataDir = path.join(parent, "data");
    const db = await openEmbeddedStore(dataDir, "audit");
    try {
      await db.exec("CREATE TABLE reason (text text); INSERT INTO reason VALUES ('a break-glass reason')");
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, "audit"))).toBe(0o700);
      expect(modeOf(path.join(dataDir, "audit.lock"))).toBe(0o600);
      expect(reachableByOthers(dataDir)).toEqual([]);
    } finally {
      await db.close();
    }
    expect(reachableByOthers(dataDir)).toEqual([]);
  }, 180_000);

  it("tightens a data folder and a store folder an earlier version left 0755", async () => {
    const dataDir = path.join(parent, "data");
    mkdirSync(path.join(dataDir, "audit"), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, "audit"), 0o755);
    const db = await openEmbeddedStore(dataDir, "audit");
    await db.close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, "audit"))).toBe(0o700);
    expect(reachableByOthers(dataDir)).toEqual([]);
  }, 180_000);
});
