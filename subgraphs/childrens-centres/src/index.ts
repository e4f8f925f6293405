import "reflect-metadata";
import { createCache, loadConfigOrExit, runAgency } from "@ffd/shared";
import { configSchema, SERVICE_NAME } from "./config";
import { createServer } from "./server";

/** The children's centres subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit(SERVICE_NAME, configSchema);
void runAgency({
  agency: SERVICE_NAME,
  settings: config,
  databaseUrl: config.CHILDRENS_CENTRES_DATABASE_URL,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  start: async (db, logger) => {
    const cache = createCache(config.REDIS_URL, `ffd:${SERVICE_NAME}:`);
    logger.info("cache.ready", { kind: cache.kind });
    const running = await createServer({ db, config, logger, cache }).start(config.PORT, config.HOST);
    return {
      async stop() {
        await running.stop();
        await cache.close();
      },
    };
  },
});
