import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "@ffd/shared";
import { parseGatewayConfig } from "../config";
import { startGateway } from "../server";
import { openAuditStore, type NewAuditEvent } from "./store";
import { verifyAuditTrail, verifyEnv, verifyTargetOf } from "./verify";
import { secretEnv } from "../../../tests/support/secrets";

/*
 * The embedded audit trail (no AUDIT_DATABASE_URL) is kept in the data folder: it survives a
 * restart, the gateway says where it is, and audit:verify reads it, but never while a gateway
 * has it open (two processes on one PGlite folder would corrupt it). Each test's folder is a
 * fresh one under the system's temp folder, removed afterwards.
 */

const event = (personId: string): NewAuditEvent => ({
  personId,
  agencies: ["maternity"],
  categories: ["identity", "maternity"],
  denied: [],
  unavailable: [],
  actor: "mw-1",
  role: "midwife",
  organisation: "RXK",
  centre: null,
  purpose: "direct-care",
  breakGlassReason: null,
  outcome: "returned",
  requestId: "req-1",
  operationName: null,
});

function capturingLogger(): Logger & { lines: { event: string; fields?: Record<string, unknown> }[] } {
  const lines: { event: string; fields?: Record<string, unknown> }[] = [];
  const push = (event: string, fields?: Record<string, unknown>) => void lines.push({ event, fields });
  return { lines, debug: push, info: push, warn: push, error: push };
}

/** The first PGlite open in a process compiles its WebAssembly and creates a database folder: slow on a loaded machine. */
const FIRST_OPEN_MS = 180_000;

describe("the embedded audit trail in a data folder", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "ffd-audit-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    "is where the gateway keeps its trail by default (DATA_DIR), said in an embedded.data log line",
    async () => {
      const logger = capturingLogger();
      const config = parseGatewayConfig({ NODE_ENV: "development", DATA_DIR: dataDir, ...secretEnv() });
      const gateway = await startGateway({ config, logger }, 0);
      try {
        expect(logger.lines).toContainEqual({
          event: "embedded.data",
          fields: { store: "audit", folder: path.join(dataDir, "audit") },
        });
        // While the gateway has it open, audit:verify refuses rather than open it a second time.
        const report = await verifyAuditTrail(verifyTargetOf(verifyEnv.parse({ DATA_DIR: dataDir })));
        expect(report.exitCode).toBe(2);
        expect(report.err.join("\n")).toMatch(/open in a running gateway \(pid \d+\)\. Stop the gateway/);
      } finally {
        await gateway.stop();
      }
      expect(readdirSync(dataDir).sort()).toEqual(["audit"]); // stopped: the lock is gone
    },
    FIRST_OPEN_MS,
  );

  it("keeps events and their chain across a restart", async () => {
    const first = await openAuditStore(undefined, { dataDir });
    const written = await first.append([event("p1"), event("p2"), event("p1")]);
    await first.close();

    const second = await openAuditStore(undefined, { dataDir });
    try {
      expect((await second.trailForPerson("p1")).map((e) => e.eventId)).toEqual([
        written[2].eventId,
        written[0].eventId,
      ]);
      await expect(second.verify()).resolves.toEqual({ ok: true, count: 3 });
      // The chain goes on from the stored head.
      const [next] = await second.append([event("p3")]);
      expect(next).toMatchObject({ seq: 4, prevHash: written[2].hash });
    } finally {
      await second.close();
    }
  });

  it("is checked by audit:verify once no gateway has it open", async () => {
    const report = await verifyAuditTrail({ dataDir });
    expect(report).toEqual({
      exitCode: 0,
      out: ["audit chain intact: 4 events", JSON.stringify({ ok: true, count: 4 })],
      err: [],
    });
  });

  it("is not created by audit:verify where there is none", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "ffd-audit-none-"));
    try {
      const report = await verifyAuditTrail({ dataDir: empty });
      expect(report.exitCode).toBe(2);
      expect(report.err.join("\n")).toMatch(/There is no embedded audit trail in .*start the gateway once/);
      expect(readdirSync(empty)).toEqual([]);
      expect(existsSync(path.join(empty, "audit"))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
