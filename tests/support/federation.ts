import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import {
  connectPostgres,
  databaseSetting,
  PURPOSE_OF_ACCESS_HEADER,
  REGISTRY,
  urlSetting,
  type Agency,
  type Logger,
  type LogLevel,
  type RunningService,
} from "@ffd/shared";
import { generateBorough, seedAgencyDatabase, type BoroughOptions } from "@ffd/borough";
import { parseGatewayConfig } from "../../gateway/src/config";
import { signDevToken, type DevTokenClaims, type Role } from "../../gateway/src/auth";
import { openAuditStore, type AuditStore } from "../../gateway/src/audit/store";
import { startGateway } from "../../gateway/src/server";
import { dropDatabase, freshDatabase, RUN_ID } from "./postgres";
import { secretEnv } from "./secrets";

const root = path.join(__dirname, "..", "..");
/** The agencies of the service registry: a subgraph each, with its URL and database settings. */
const AGENCY_LIST = REGISTRY.agencies;

/**
 * How long a service may take to listen, and then to be ready. Over PGlite every agency builds the
 * synthetic borough in its own process, all at once: on a shared two-core machine that has taken
 * over two minutes.
 */
const START_WAIT_MS = 200_000;

interface Child {
  process: ChildProcess;
  port: number;
  log: string[];
}

/** Starts a compiled service (its dist/index.js) on a free port and waits for /ready. */
async function startChild(name: string, dir: string, env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(process.execPath, [path.join(root, dir, "dist", "index.js")], {
    // Debug, so that tests asserting what never reaches a log see every line a service could write.
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "debug", PORT: "0", ...secretEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (l) => log.push(l));
  try {
    return await untilReady(name, child, log);
  } catch (error) {
    // Not started in time: stopped here, since the caller never gets it to stop.
    await stopChild({ process: child, port: 0, log });
    throw error;
  }
}

/** Waits for the service to say where it listens, then for its /ready. */
async function untilReady(name: string, child: ChildProcess, log: string[]): Promise<Child> {
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in time:\n${log.join("\n")}`)),
      START_WAIT_MS,
    );
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${log.join("\n")}`));
    });
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      log.push(line);
      try {
        const o = JSON.parse(line);
        if (o.event === "service.listening") {
          clearTimeout(timer);
          resolve(o.port);
        }
      } catch {
        /* not JSON */
      }
    });
  });
  const deadline = Date.now() + START_WAIT_MS;
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
    if (res?.ok) break;
    if (Date.now() > deadline) throw new Error(`${name} never became ready:\n${log.join("\n")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { process: child, port, log };
}

function stopChild(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once("exit", () => resolve());
    child.process.kill("SIGKILL");
  });
}

/** A logger keeping every line as the service's own logger would write it (JSON), at every level. */
function linesLogger(service: string, lines: string[]): Logger {
  const write =
    (level: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      lines.push(JSON.stringify({ time: new Date().toISOString(), level, service, event, ...fields }));
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

export interface FederationOptions {
  /** Where the agency systems live: embedded PGlite in each subgraph, or the real PostgreSQL. */
  databases: "pglite" | "postgres";
  borough: Pick<BoroughOptions, "seed" | "referenceDate" | "families">;
}

export interface Federation {
  gatewayUrl: string;
  /** Subgraph names the gateway sent requests to since the last reset. */
  calls: string[];
  /** A development token for the role, with any other claims (centre, caseload, organisation). */
  token(role: Role, claims?: Omit<DevTokenClaims, "role">): Promise<string>;
  /**
   * Posts to the gateway as front-door (or `token`) for `purpose` (default direct-care; null sends
   * none), with any other headers (X-Break-Glass-Reason).
   */
  query(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    purpose?: string | null,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  /** The gateway's audit trail (embedded, shared by every gateway this federation starts). */
  audit: AuditStore;
  /** Each subgraph's /graphql, for tests that go around the gateway. */
  subgraphUrls: Record<string, string>;
  /** Every log line written so far by the gateway (debug level) and every subgraph process. */
  logLines(): string[];
  /** The secret the gateway signs internal caller tokens with. */
  internalSecret: string;
  stopAgency(agency: Agency): Promise<void>;
  /** Starts another gateway against the same subgraphs (e.g. while one is down). */
  startAnotherGateway(): Promise<RunningService>;
  stop(): Promise<void>;
}

/** The whole federation: four agency subgraphs, family-index, and the gateway. */
export async function startFederation(options: FederationOptions): Promise<Federation> {
  const boroughEnv = {
    REFERENCE_DATE: options.borough.referenceDate,
    BOROUGH_SEED: String(options.borough.seed),
    BOROUGH_FAMILIES: String(options.borough.families),
  };
  const index = REGISTRY.familyIndex;
  const agencyDbEnv: Record<string, string> = {};
  /** This run's own databases (a name per test process), dropped when the federation stops. */
  const databases: string[] = [];
  if (options.databases === "postgres") {
    const borough = generateBorough({ ...options.borough, noise: "default" });
    for (const agency of AGENCY_LIST) {
      const name = `ffd_e2e_${RUN_ID}_${agency.database}`;
      databases.push(name);
      const url = await freshDatabase(name);
      const db = connectPostgres(url);
      try {
        await seedAgencyDatabase(db, borough.databases[agency.name]);
      } finally {
        await db.close();
      }
      agencyDbEnv[databaseSetting(agency)!] = url;
    }
    databases.push(`ffd_e2e_${RUN_ID}_${index.database}`);
    agencyDbEnv[databaseSetting(index)!] = await freshDatabase(`ffd_e2e_${RUN_ID}_${index.database}`);
  }

  const children = new Map<string, Child>();
  // A service that fails to start stops the ones that did (a process left running would keep
  // jest from exiting), and the run's databases are dropped.
  const abandon = async (cause: unknown): Promise<never> => {
    await Promise.all([...children.values()].map(stopChild));
    await Promise.all(databases.map(dropDatabase));
    throw cause;
  };
  const started = await Promise.allSettled(
    AGENCY_LIST.map((agency) => startChild(agency.name, agency.dir, { ...boroughEnv, ...agencyDbEnv })),
  );
  AGENCY_LIST.forEach((agency, i) => {
    const one = started[i];
    if (one.status === "fulfilled") children.set(agency.name, one.value);
  });
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) await abandon(failed.reason);
  const agencyUrls = Object.fromEntries(
    AGENCY_LIST.map((a) => [urlSetting(a), `http://127.0.0.1:${children.get(a.name)!.port}`]),
  );
  await startChild(index.name, index.dir, { ...boroughEnv, ...agencyDbEnv, ...agencyUrls }).then(
    (child) => children.set(index.name, child),
    abandon,
  );

  const config = parseGatewayConfig({
    NODE_ENV: "test",
    ...secretEnv(),
    ...boroughEnv,
    ...agencyUrls,
    [urlSetting(index)]: `http://127.0.0.1:${children.get(index.name)!.port}`,
    SUBGRAPH_TIMEOUT_MS: "5000",
  });
  const gatewayLines: string[] = [];
  const logger = linesLogger("gateway", gatewayLines);
  const calls: string[] = [];
  const gateways: RunningService[] = [];
  const audit = await openAuditStore(undefined);
  const startOne = async () => {
    const g = await startGateway({ config, logger, auditStore: audit, onSubgraphRequest: (s) => calls.push(s) }, 0);
    gateways.push(g);
    return g;
  };
  const gateway = await startOne();

  const federation: Federation = {
    gatewayUrl: gateway.url,
    calls,
    audit,
    subgraphUrls: Object.fromEntries([...children].map(([name, c]) => [name, `http://127.0.0.1:${c.port}/graphql`])),
    logLines: () => [...gatewayLines, ...[...children.values()].flatMap((c) => c.log)],
    internalSecret: config.INTERNAL_TOKEN_SECRET,
    token: (role, claims = {}) => signDevToken(config.DEV_JWT_SECRET, { ...claims, role }),
    async query(query, variables, token, purpose = "direct-care", headers = {}) {
      const bearer = token ?? (await federation.token("front-door"));
      const res = await fetch(gateway.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${bearer}`,
          ...(purpose === null ? {} : { [PURPOSE_OF_ACCESS_HEADER]: purpose }),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
    async stopAgency(agency) {
      const child = children.get(agency);
      if (child) await stopChild(child);
    },
    startAnotherGateway: startOne,
    async stop() {
      await Promise.all(gateways.map((g) => g.stop()));
      await audit.close();
      await Promise.all([...children.values()].map(stopChild));
      for (const name of databases) await dropDatabase(name);
    },
  };
  return federation;
}
