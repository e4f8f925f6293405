import "reflect-metadata";
import { runAgencyService } from "@ffd/borough";
import { createCache, loadConfigOrExit } from "@ffd/shared";
import { configSchema, SERVICE_NAME } from "./config";
import { createServer } from "./server";

const config = loadConfigOrExit(SERVICE_NAME, configSchema);
void runAgencyService(SERVICE_NAME, config, config.CHILDRENS_CENTRES_DATABASE_URL, async (db, logger) => {
  const cache = createCache(config.REDIS_URL, `ffd:${SERVICE_NAME}:`);
  logger.info("cache.ready", { kind: cache.kind });
  const running = await createServer({ db, config, logger, cache }).start(config.PORT, config.HOST);
  return {
    async stop() {
      await running.stop();
      await cache.close();
    },
  };
});
