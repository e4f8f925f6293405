import { AGENCY_SERVICES, type AgencyEntry } from "@ffd/shared";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import readline from "node:readline";
import { gatewayAuthorization } from "./support/agency";
import { PG_ADMIN_URL, postgresAvailable } from "./support/postgres";
import { secretEnv, TEST_SECRETS } from "./support/secrets";
import { describeIf } from "./support/services";
import { loadedModulesHook } from "./support/loaded-modules";

/**
 * Traces as an agency's built entry point runs them (runAgency): off by default with not one
 * module of the OpenTelemetry SDK loaded; with OTEL_EXPORTER_OTLP_ENDPOINT, a request the gateway
 * sends with its traceparent is a span of that trace, and it reaches the collector (a fake OTLP
 * over HTTP receiver here) when the service stops. Like the other tests that start entry points,
 * it needs `tsc -b` first, and the real PostgreSQL server (the entry is given its database URL,
 * so it never generates a borough).
 */

const root = path.join(__dirname, "..");
const maternity = AGENCY_SERVICES.find((a) => a.name === "maternity") as AgencyEntry;
jest.setTimeout(120_000);

const loaded = loadedModulesHook("ffd-tracing-entry-");

interface Run {
  /** Every module the process loaded. */
  modules: string[];
  /** The events it logged. */
  events: string[];
}

/** Starts maternity's entry point with `env`, calls `whileUp` with its /graphql URL, stops it (SIGTERM) and answers what it loaded. */
async function runMaternity(env: Record<string, string>, whileUp: (url: string) => Promise<void>): Promise<Run> {
  const loadedFile = path.join(loaded.workDir(), `maternity-${Date.now()}.json`);
  const child = spawn(
    process.execPath,
    ["--require", loaded.hook(), path.join(root, maternity.dir, "dist", "index.js")],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        ...secretEnv(),
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        HOST: "127.0.0.1",
        PORT: "0",
        FFD_LOADED_MODULES_FILE: loadedFile,
        MATERNITY_DATABASE_URL: PG_ADMIN_URL,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const events: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => {
        try {
          const parsed = JSON.parse(line) as { event?: string; port?: number };
          events.push(parsed.event ?? "");
          if (parsed.event === "service.listening") resolve(parsed.port!);
        } catch {
          events.push(line);
        }
      });
    }
    void exited.then((code) => reject(new Error(`maternity exited (${code}) before listening: ${events.join(", ")}`)));
  });
  try {
    await whileUp(`http://127.0.0.1:${await listening}/graphql`);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  return { modules: JSON.parse(fs.readFileSync(loadedFile, "utf8")) as string[], events };
}

const ofOpenTelemetrySdk = (modules: string[]) =>
  modules.filter(
    (m) =>
      /[\\/]@opentelemetry[\\/](sdk-trace|sdk-trace-base|exporter-trace-otlp-http|context-async-hooks|resources|core)[\\/]/.test(
        m,
      ) || m.endsWith(`${path.sep}tracing-sdk.js`),
  );

/** A request as the gateway sends it: its internal token, and the trace context of its fetch span. */
async function askAsTheGateway(url: string, traceparent: string): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: await gatewayAuthorization(TEST_SECRETS.INTERNAL_TOKEN_SECRET),
      traceparent,
    },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  return res.status;
}

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describeIf(postgresAvailable())("an agency entry point's traces", () => {
  it("loads nothing of the OpenTelemetry SDK without an endpoint", async () => {
    const run = await runMaternity({}, async (url) => {
      expect(await askAsTheGateway(url, TRACEPARENT)).toBe(200);
    });
    // The hook saw the kit's runner, so an empty answer below means something.
    expect(run.modules.some((m) => m.includes(`${path.sep}agency-kit${path.sep}runner.js`))).toBe(true);
    expect(ofOpenTelemetrySdk(run.modules)).toEqual([]);
    expect(run.events).not.toContain("tracing.on");
  });

  it("with OTEL_EXPORTER_OTLP_ENDPOINT, sends the request's span, in the gateway's trace, to the collector by the time it stops", async () => {
    const received: { path: string; contentType: string; body: Buffer }[] = [];
    const collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          path: req.url ?? "",
          contentType: req.headers["content-type"] ?? "",
          body: Buffer.concat(chunks),
        });
        res.setHeader("content-type", "application/json");
        res.end("{}");
      });
    });
    await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
    try {
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
      const run = await runMaternity({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, async (url) => {
        expect(await askAsTheGateway(url, TRACEPARENT)).toBe(200);
      });
      expect(run.events).toContain("tracing.on");
      expect(ofOpenTelemetrySdk(run.modules).length).toBeGreaterThan(0);
      expect(received.length).toBeGreaterThan(0);
      expect(received.every((r) => r.path === "/v1/traces")).toBe(true);
      // OTLP over HTTP, JSON or protobuf: the gateway's trace id is in it either way.
      const sent = Buffer.concat(received.map((r) => r.body));
      const asJson = sent.toString("utf8").includes(TRACE_ID);
      const asProtobuf = sent.includes(Buffer.from(TRACE_ID, "hex"));
      expect(asJson || asProtobuf).toBe(true);
      expect(sent.includes(Buffer.from("maternity"))).toBe(true);
    } finally {
      await new Promise((r) => collector.close(r));
    }
  });
});
