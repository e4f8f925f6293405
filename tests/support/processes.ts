import fs from "node:fs";

/*
 * Finding one process of a running stack by the port it listens on, from Linux's /proc (no
 * external tools): the e2e test stops one agency's subgraph of `npm start` this way. Only the
 * children of the given parent are considered, so nothing outside the stack is ever chosen.
 */

/** The pids whose parent is `parent` (from /proc/<pid>/stat). */
export function childPidsOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone since the listing
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
}

/** The socket inodes listening on a TCP port, IPv4 or IPv6 (/proc/net/tcp{,6}; state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const [, local, , state] = cols;
      if (state === "0A" && local.endsWith(`:${hexPort}`)) inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** Which of `pids` holds a socket listening on `port`, or null when none does. */
export function pidListeningOn(port: number, pids: readonly number[]): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1])) return pid;
    }
  }
  return null;
}
