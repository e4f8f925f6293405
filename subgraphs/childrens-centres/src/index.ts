import "reflect-metadata";
import { openAgencyDatabase } from "@ffd/borough";
import { createCache, createLogger, errorFields, loadConfigOrExit } from "@ffd/shared";
import { configSchema, SERVICE_NAME } from "./config";
import { createServer } from "./server";

async function main(): Promise<void> {
  const config = loadConfigOrExit(SERVICE_NAME, configSchema);
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
  try {
    const db = await openAgencyDatabase(
      SERVICE_NAME,
      config.CHILDRENS_CENTRES_DATABASE_URL,
      {
        seed: config.BOROUGH_SEED,
        referenceDate: config.REFERENCE_DATE,
        families: config.BOROUGH_FAMILIES,
        noise: "default",
      },
      logger,
    );
    const cache = createCache(config.REDIS_URL, `ffd:${SERVICE_NAME}:`);
    logger.info("cache.ready", { kind: cache.kind });
    const running = await createServer({ db, config, logger, cache }).start(config.PORT, config.HOST);
    const shutdown = async (signal: string) => {
      logger.info("service.stopping", { signal });
      await running.stop();
      await cache.close();
      await db.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
  } catch (err) {
    logger.error("service.failed_to_start", errorFields(err));
    process.exit(1);
  }
}

void main();
