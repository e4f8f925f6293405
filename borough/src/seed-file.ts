import { spawn } from "node:child_process";
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { insertStatements, type Agency, type Db } from "@ffd/shared";
import type { AgencyDatabase, BoroughOptions } from "./types";

/**
 * An agency's seed as a file of SQL batches: what lets an embedded agency database be seeded by a
 * process that never holds the generated borough. A short-lived child process generates the
 * agency's system (`seed-file-cli.ts`) and writes it here batch by batch, then exits, handing its
 * memory back; the agency's own process reads the batches one at a time into its database. At
 * 100,000 families the generated system of one agency takes about half a gigabyte and the
 * embedded database as much again: in one process the two together pass 1 GB.
 *
 * The format is framed by length, so no text in the data can be taken for a frame:
 *   FFD-SEED 1\n  then, per batch, B <bytes>\n<batch>  and last  E <batches>\n
 * A file without its last line (a generator that stopped) is refused.
 */
const HEADER = "FFD-SEED 1\n";
/** SQL text sent to the database at once (about a thousand rows per INSERT, a few INSERTs a batch). */
export const SEED_BATCH_CHARS = 2_000_000;
const ROWS_PER_INSERT = 1000;

/** The agency's schema, rows and change log, as batches of statements to run in order. */
export function* seedBatches(database: AgencyDatabase): Generator<string> {
  yield database.schema;
  let batch: string[] = [];
  let size = 0;
  for (const t of database.tables) {
    for (const stmt of insertStatements(t.table, t.columns, t.rows, ROWS_PER_INSERT)) {
      batch.push(stmt);
      size += stmt.length;
      if (size >= SEED_BATCH_CHARS) {
        yield batch.join("\n");
        batch = [];
        size = 0;
      }
    }
  }
  if (batch.length) yield batch.join("\n");
  // After the rows, so that the seed itself is not logged as changes.
  if (database.changeLog) yield database.changeLog;
}

/** Writes the agency's seed to `file` (whole or not at all: written beside it, then renamed). */
export function writeSeedFile(database: AgencyDatabase, file: string): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, "w", 0o600);
  try {
    writeSync(fd, HEADER);
    let count = 0;
    for (const batch of seedBatches(database)) {
      const bytes = Buffer.from(batch, "utf8");
      writeSync(fd, `B ${bytes.length}\n`);
      writeSync(fd, bytes);
      count++;
    }
    writeSync(fd, `E ${count}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

/** Runs a seed file's batches against `db`, one at a time; a file cut short or not a seed file is an error. */
export async function runSeedFile(db: Db, file: string): Promise<void> {
  const fd = openSync(file, "r");
  let position = 0;
  const read = (length: number): Buffer => {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    position += got;
    return buf.subarray(0, got);
  };
  /** The next line (at most 40 bytes: frame lines are short), without its newline. */
  const line = (): string => {
    const buf = Buffer.alloc(40);
    const n = readSync(fd, buf, 0, 40, position);
    const end = buf.subarray(0, n).indexOf(10);
    if (end < 0) throw new Error(`${path.basename(file)} is not a whole seed file`);
    position += end + 1;
    return buf.subarray(0, end).toString("utf8");
  };
  try {
    if (read(HEADER.length).toString("utf8") !== HEADER) throw new Error(`${path.basename(file)} is not a seed file`);
    for (let count = 0; ; count++) {
      const frame = /^(B|E) (\d+)$/.exec(line());
      if (!frame) throw new Error(`${path.basename(file)} is not a whole seed file`);
      if (frame[1] === "E") {
        if (Number(frame[2]) !== count) throw new Error(`${path.basename(file)} is not a whole seed file`);
        return;
      }
      const length = Number(frame[2]);
      const batch = read(length);
      if (batch.length !== length) throw new Error(`${path.basename(file)} is not a whole seed file`);
      await db.exec(batch.toString("utf8"));
    }
  } finally {
    closeSync(fd);
  }
}

/** The compiled generator a child process runs (the sources' tests included: it is built by `tsc -b`). */
const CLI = path.join(__dirname, "..", "dist", "seed-file-cli.js");

/**
 * Generates one agency's seed file in a child process (seed-file-cli.ts), which exits once the
 * file is written. Rejects with the child's last words if it fails; nothing it prints holds
 * personal data (the generator prints only its own errors).
 */
export function generateSeedFileInChild(options: BoroughOptions, agency: Agency, file: string): Promise<void> {
  const { seed, referenceDate, families, noise } = options;
  const child = spawn(process.execPath, [CLI, JSON.stringify({ seed, referenceDate, families, noise, agency, file })], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) return resolve();
      rmSync(`${file}.partial`, { force: true });
      reject(
        new Error(
          `generating the ${agency} seed failed (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim()}` : ""}`,
        ),
      );
    });
  });
}
