import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  AGENCIES,
  AGENCY_SERVICES,
  callerFor,
  CountingDb,
  mayReadList,
  purposesFor,
  ROLES,
  createLogger,
  maskFormattedError,
  openPglite,
  urlSetting,
  type Agency,
  type Caller,
  type Db,
  type IdentityRecord,
  type LocalityList,
  type Logger,
} from "@ffd/shared";
import { parseFamilyIndexConfig, type FamilyIndexConfig } from "../config";
import { createContext, type ContextDeps, type FamilyIndexContext } from "../context";
import { buildSchema, createServer, fieldErrorsPlugin, type FamilyIndexServer } from "../server";
import { FakeFeed } from "./fake-feed";
import { TEST_SECRETS } from "../../../../tests/support/secrets";

/** The test file's random internal secret (tests/support/secrets.ts): the fake feeds verify with it. */
export const TEST_SECRET = TEST_SECRETS.INTERNAL_TOKEN_SECRET;

export interface Feeds {
  byAgency: Record<Agency, FakeFeed>;
  stop(): Promise<void>;
}

/** Starts one fake identity feed per agency. */
export async function startFeeds(records: Record<Agency, IdentityRecord[]>): Promise<Feeds> {
  const entries = await Promise.all(
    AGENCIES.map(async (a) => [a, await new FakeFeed(a, records[a], TEST_SECRET).start()] as const),
  );
  const byAgency = Object.fromEntries(entries) as Record<Agency, FakeFeed>;
  return {
    byAgency,
    stop: async () => {
      await Promise.all(Object.values(byAgency).map((f) => f.stop()));
    },
  };
}

/** A parsed config pointing at the fake feeds. */
export function testConfig(feeds: Feeds, env: Record<string, string> = {}): FamilyIndexConfig {
  return parseFamilyIndexConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    REFERENCE_DATE: "2025-06-01",
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    // Each agency's <PREFIX>_URL (service registry) at its fake feed.
    ...Object.fromEntries(AGENCY_SERVICES.map((a) => [urlSetting(a), feeds.byAgency[a.name].baseUrl])),
    INDEX_AGENCY_WAIT_MS: "5000",
    INDEX_REFRESH_INTERVAL_MS: "30000",
    // The service's own default: a whole read of the fake feeds under a loaded CI machine has taken
    // over 2 s. Tests of a stalled feed set their own, shorter timeouts.
    INDEX_FEED_TIMEOUT_MS: "15000",
    ...env,
  });
}

export interface LogLine {
  level: string;
  event: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines, to assert on what was logged. */
export function capturingLogger(): Logger & { lines: LogLine[]; events(): string[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  return {
    lines,
    events: () => lines.map((l) => l.event),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

/** Waits until the condition holds, or fails after `ms`. */
export async function eventually(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Empties a link store database (drops family-index's tables), so one PGlite can serve a whole test file. */
export async function dropLinkStore(db: { exec(sql: string): Promise<void> }): Promise<void> {
  await db.exec(`
    DROP TABLE IF EXISTS fi_record, fi_person, fi_family, fi_family_member, fi_build, fi_current, fi_review_decision;
    DROP SEQUENCE IF EXISTS fi_build_seq;
  `);
}

/** A GraphQL answer as a client sees it (errors masked). */
export interface GraphQLResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** family-index built once over fake feeds, on an in-memory PGlite whose statements are counted. */
export interface IndexUnderTest {
  server: FamilyIndexServer;
  /** The fake agencies it was built from (their involvement and event feeds answer too). */
  feeds: Feeds;
  db: Db;
  counting: CountingDb;
  /**
   * Runs an operation as the schema serves it (the shared auth checker, errors masked), for a
   * caller; `deps` replaces parts of the context's dependencies (a broken store, an index missing
   * an agency, a capturing logger).
   */
  run(
    caller: Caller | null,
    query: string,
    variables?: Record<string, unknown>,
    deps?: Partial<ContextDeps>,
  ): Promise<GraphQLResult>;
  stop(): Promise<void>;
}

/** Starts the feeds, builds the index from them and starts the schema, without listening. */
export async function startIndexUnderTest(records: Record<Agency, IdentityRecord[]>): Promise<IndexUnderTest> {
  const logger = createLogger("family-index", "silent");
  const feeds = await startFeeds(records);
  const db = await openPglite();
  const counting = new CountingDb(db);
  const server = createServer({ db: counting, config: testConfig(feeds), logger });
  await server.store.migrate();
  await server.refresh();
  const apollo = new ApolloServer<FamilyIndexContext>({
    schema: await buildSchema(),
    formatError: (f) => maskFormattedError(f),
    // The errors a field answered beside its data (an agency left out of a list) are sent, as in production.
    plugins: [ApolloServerPluginInlineTraceDisabled(), fieldErrorsPlugin()],
  });
  await apollo.start();
  return {
    server,
    feeds,
    db,
    counting,
    async run(caller, query, variables = {}, deps = {}) {
      const contextValue = createContext(
        {
          store: server.store,
          indexer: server.indexer,
          logger,
          localities: server.localities,
          referenceDate: server.referenceDate,
          ...deps,
        },
        "test-request",
        caller,
      );
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return response.body.singleResult as GraphQLResult;
    },
    async stop() {
      await apollo.stop();
      await feeds.stop();
      await db.close();
    },
  };
}

/** "role/purpose" of every role and purpose it may state that the policy lets read the list (LOCALITY_LISTS). */
export function listReadersInPolicy(list: LocalityList): string[] {
  return ROLES.flatMap((role) =>
    purposesFor(role)
      .filter((p) => mayReadList(role, p, list))
      .map((p) => `${role}/${p}`),
  );
}

/**
 * Asks a locality list as every role with every purpose it may state: a refusal must be the whole
 * answer, FORBIDDEN naming family-index, with nothing read; each answer is given to `check`.
 * Returns "role/purpose" of the callers answered.
 */
export async function listReadersServed(
  index: IndexUnderTest,
  query: string,
  variables: Record<string, unknown>,
  check: (data: Record<string, any>) => void,
): Promise<string[]> {
  const allowed: string[] = [];
  for (const role of ROLES) {
    for (const purpose of purposesFor(role)) {
      index.counting.reset();
      const result = await index.run(callerFor(role, purpose), query, variables);
      if (result.errors) {
        expect(result.data).toBeNull();
        expect(result.errors.map((e) => e.extensions)).toEqual([{ code: "FORBIDDEN", agency: "family-index" }]);
        expect(index.counting.count).toBe(0);
      } else {
        check(result.data!);
        allowed.push(`${role}/${purpose}`);
      }
    }
  }
  return allowed;
}
