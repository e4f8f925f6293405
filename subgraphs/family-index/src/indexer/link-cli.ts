import {
  connectPostgres,
  createLogger,
  dbTimeoutsOf,
  errorFields,
  loadConfigOrExit,
  openPglite,
  withRunningStackSecrets,
} from "@ffd/shared";
import { agencyUrlsOf, familyIndexEnv } from "../config";
import { HttpFeedReader } from "../feed/identity-feed.client";
import { PostgresLinkStore } from "../store/link-store.postgres";
import { Indexer } from "./indexer";

/**
 * `npm run link`: rebuilds the link store from scratch. Reads every agency's identity feed at
 * the configured URLs (MATERNITY_URL etc., the agencies must be running), links everything
 * (review decisions in the store are applied), writes one new generation to
 * FAMILY_INDEX_DATABASE_URL (or an embedded in-memory PGlite, which is only useful to time it)
 * and prints one JSON line with the counts. Exit code 1 if any agency could not be read.
 * Against `npm start`, INTERNAL_TOKEN_SECRET comes from the run's secrets file unless set.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit("family-index", familyIndexEnv, withRunningStackSecrets(process.env));
  const logger = createLogger("family-index", config.LOG_LEVEL);
  const db = config.FAMILY_INDEX_DATABASE_URL
    ? connectPostgres(config.FAMILY_INDEX_DATABASE_URL, { timeouts: dbTimeoutsOf(config) })
    : await openPglite();
  const store = new PostgresLinkStore(db);
  await store.migrate();
  const indexer = new Indexer({
    store,
    reader: new HttpFeedReader({
      baseUrls: agencyUrlsOf(config),
      secret: config.INTERNAL_TOKEN_SECRET,
      timeoutMs: config.INDEX_FEED_TIMEOUT_MS,
    }),
    logger,
    referenceDate: config.REFERENCE_DATE,
    agencyWaitMs: 0,
    refreshIntervalMs: config.INDEX_REFRESH_INTERVAL_MS,
    poll: false,
  });
  const started = Date.now();
  const snapshot = await indexer.refresh();
  await indexer.stop();
  await db.close();
  const missing = indexer.missing();
  process.stdout.write(
    JSON.stringify({
      store: db.kind,
      buildId: snapshot?.buildId ?? null,
      ...(snapshot?.counts ?? {}),
      candidates: snapshot?.candidates.length ?? 0,
      missing,
      ms: Date.now() - started,
    }) + "\n",
  );
  process.exit(snapshot && !missing.length ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(
    JSON.stringify({ level: "error", service: "family-index", event: "link.failed", ...errorFields(err) }) + "\n",
  );
  process.exit(1);
});
