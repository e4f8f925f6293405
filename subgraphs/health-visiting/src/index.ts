import "reflect-metadata";
import { openAgencyDatabase } from "@ffd/borough";
import { createLogger, errorFields, loadConfigOrExit } from "@ffd/shared";
import { configSchema, SERVICE_NAME } from "./config";
import { createServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfigOrExit(SERVICE_NAME, configSchema);
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
  const db = await openAgencyDatabase(
    "health-visiting",
    config.HEALTH_VISITING_DATABASE_URL,
    {
      seed: config.BOROUGH_SEED,
      referenceDate: config.REFERENCE_DATE,
      families: config.BOROUGH_FAMILIES,
      noise: "default",
    },
    logger,
  );
  const server = await createServer({ db, config, logger });
  const running = await server.start(config.PORT, config.HOST);
  logger.info("health_visiting.ready", { url: running.url, referenceDate: config.REFERENCE_DATE });

  const shutdown = async () => {
    await running.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}

main().catch((err) => {
  process.stderr.write(
    JSON.stringify({ level: "error", service: SERVICE_NAME, event: "startup.failed", ...errorFields(err) }) + "\n",
  );
  process.exit(1);
});
