import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/*
 * The lock that keeps a second process off an embedded store's PGlite folder: `<store>.lock`
 * beside the folder, created exclusively (`wx`), holding `<pid> <start> <token>`: the holder's
 * pid, its start time (Linux: /proc/<pid>/stat; `-` where there is none) so a pid reused by
 * another process after a restart is told apart, and a random token so this process tells its
 * own lock from one an earlier process with the same pid left (containers start at pid 1).
 *
 * Taking over a stale lock (its holder gone) is the race: several processes may find it stale at
 * once. Only the holder of a short-lived takeover guard (`<store>.lock.takeover`, also `wx`) may
 * remove a lock, and only if it still reads exactly as the stale lock read; then everyone creates
 * with `wx` again, and one wins. A lock is also read back after it is made, so a process never
 * believes it holds a lock that is not its own. No native dependency (flock) is needed.
 */

/** Another live process has this embedded store open. */
export class EmbeddedStoreLocked extends Error {
  constructor(
    readonly store: string,
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `the embedded ${store} store in ${folder} is open in a process (pid ${pid}); ` +
        `stop that process first (two processes must never open one PGlite folder at once)`,
    );
    this.name = "EmbeddedStoreLocked";
  }
}

/** How long a lock or guard may stay unreadable (being written: microseconds) before it counts as left by a crash. */
const UNREADABLE_GRACE_MS = 2_000;
/** How long to keep trying while a takeover is in progress elsewhere, before refusing. */
const TAKEOVER_WAIT_MS = 5_000;

/** The start time of a process, from /proc (Linux); null where there is none. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces and parentheses): starttime is field 22.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

const OWN_START = processStartTime(process.pid);

interface Holder {
  pid: number;
  start: string | null;
}

/** A lock's holder, or null when it is not a whole record (being written, or garbage). */
function parseHolder(content: string): Holder | null {
  // `<pid> <start> <token>\n`; an earlier version wrote `<pid>\n`.
  const m = /^(\d+)(?: (\d+|-) [0-9a-f]+)?\n$/.exec(content);
  if (!m) return null;
  const pid = Number(m[1]);
  return pid > 0 ? { pid, start: m[2] && m[2] !== "-" ? m[2] : null } : null;
}

function readContent(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return null;
    throw err;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Held locks of this process, by file, with the content it wrote; released on exit even without close(). */
const held = new Map<string, string>();
let exitHookInstalled = false;

/** Whether the process named in a lock still holds it. */
function holderAlive(file: string, holder: Holder, content: string): boolean {
  // Our own pid: only a lock this process made and still holds (else a process before us left it).
  if (holder.pid === process.pid) return held.get(file) === content;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    if ((err as { code?: string }).code !== "EPERM") return false;
  }
  // Alive, but perhaps a later process given the same pid.
  const start = holder.start === null ? null : processStartTime(holder.pid);
  return start === null || start === holder.start;
}

/** Creates `file` holding `content` if there is none; true when this call made it. */
function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (err) {
    if ((err as { code?: string }).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes `file` only if it reads exactly `content`; a check-then-unlink only the guard holder runs. */
function unlinkIfStill(file: string, content: string): void {
  if (readContent(file) !== content) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/**
 * Runs `take` holding the takeover guard of `file`; false when another process holds the guard
 * now (try again shortly). A guard left by a crash mid-takeover is removed once its holder is gone.
 */
function withTakeoverGuard(file: string, take: () => void): boolean {
  const guard = `${file}.takeover`;
  const mine = `${process.pid} ${OWN_START ?? "-"} ${randomBytes(8).toString("hex")}\n`;
  if (!createExclusive(guard, mine)) {
    const content = readContent(guard);
    if (content === null) return false;
    const holder = parseHolder(content);
    const stale = holder ? !holderAlive(guard, holder, content) : ageMs(guard) > UNREADABLE_GRACE_MS;
    if (stale) unlinkIfStill(guard, content);
    return false;
  }
  try {
    if (readContent(guard) !== mine) return false;
    take();
    return true;
  } finally {
    unlinkIfStill(guard, mine);
  }
}

function release(file: string): void {
  const mine = held.get(file);
  if (mine === undefined) return;
  held.delete(file);
  unlinkIfStill(file, mine);
}

/**
 * Takes `<folder>/<store>.lock` for this process, or throws EmbeddedStoreLocked while a live
 * process (this one included) holds it. A lock left by a process that is gone, or by an earlier
 * process with this pid, is taken over. `waitMs`: how long to wait while another process is
 * taking it over (default 5 s; a parameter so a test need not wait that long).
 */
export function lockEmbeddedStore(
  folder: string,
  store: string,
  { waitMs = TAKEOVER_WAIT_MS }: { waitMs?: number } = {},
): () => void {
  const file = path.join(folder, `${store}.lock`);
  if (held.has(file)) throw new EmbeddedStoreLocked(store, folder, process.pid);
  const mine = `${process.pid} ${OWN_START ?? "-"} ${randomBytes(16).toString("hex")}\n`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (createExclusive(file, mine)) {
      // Read back: ours unless a takeover removed it while it was still empty (then it is someone else's now).
      if (readContent(file) === mine) {
        held.set(file, mine);
        if (!exitHookInstalled) {
          exitHookInstalled = true;
          process.once("exit", () => [...held.keys()].forEach(release));
        }
        return () => release(file);
      }
      continue;
    }
    const content = readContent(file);
    if (content === null) continue; // released or taken over just now: try again
    const holder = parseHolder(content);
    if (holder && holderAlive(file, holder, content)) throw new EmbeddedStoreLocked(store, folder, holder.pid);
    // Being written (a whole record takes microseconds): wait; a record never finished is stale.
    const stale = holder !== null || ageMs(file) > UNREADABLE_GRACE_MS;
    if (stale && withTakeoverGuard(file, () => unlinkIfStill(file, content))) continue;
    if (Date.now() > deadline) throw new EmbeddedStoreLocked(store, folder, holder?.pid ?? 0);
    sleep(5 + Math.floor(Math.random() * 10));
  }
}
