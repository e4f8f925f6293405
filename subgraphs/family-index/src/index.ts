import { connectPostgres, createLogger, errorFields, loadConfigOrExit, openPglite } from "@ffd/shared";
import { familyIndexEnv } from "./config";
import { createServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfigOrExit("family-index", familyIndexEnv);
  const logger = createLogger("family-index", config.LOG_LEVEL);
  const db = config.FAMILY_INDEX_DATABASE_URL ? connectPostgres(config.FAMILY_INDEX_DATABASE_URL) : await openPglite();
  logger.info("link_store.opened", { kind: db.kind });
  const server = createServer({ db, config, logger });
  const running = await server.start(config.PORT, config.HOST);
  const shutdown = async (signal: string) => {
    logger.info("service.stopping", { signal });
    await running.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  process.stderr.write(
    JSON.stringify({ level: "error", service: "family-index", event: "startup.failed", ...errorFields(err) }) + "\n",
  );
  process.exit(1);
});
