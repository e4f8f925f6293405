import {
  createLogger,
  DataFolderRefused,
  EmbeddedStoreLocked,
  errorFields,
  loadConfigOrExit,
  startTracing,
  tracedDb,
  tracingSettingsOf,
} from "@ffd/shared";
import { familyIndexEnv } from "./config";
import { openLinkStoreDb } from "./store/link-store.open";
import { createServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfigOrExit("family-index", familyIndexEnv);
  const logger = createLogger("family-index", config.LOG_LEVEL);
  const tracing = await startTracing(tracingSettingsOf(config, "family-index"), logger);
  // The link store's statements for a traced request are spans (their kind, never their text).
  const db = tracedDb(await openLinkStoreDb(config, logger), tracing);
  logger.info("link_store.opened", { kind: db.kind });
  const server = createServer({ db, config, logger, tracing });
  const running = await server.start(config.PORT, config.HOST);
  const shutdown = async (signal: string) => {
    logger.info("service.stopping", { signal });
    await running.stop();
    await db.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  process.stderr.write(
    JSON.stringify({
      level: "error",
      service: "family-index",
      event: "startup.failed",
      ...errorFields(err),
      // Their messages name only the folder and the pid or user holding it: what the operator must act on.
      ...(err instanceof EmbeddedStoreLocked || err instanceof DataFolderRefused ? { message: err.message } : {}),
    }) + "\n",
  );
  process.exit(1);
});
