import { createCache, loadConfigOrExit, runAgency } from "@ffd/shared";
import { childrensCentresEnv } from "./config";
import { createServer } from "./server";

/** The children's centres subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("childrens-centres", childrensCentresEnv);
void runAgency({
  agency: "childrens-centres",
  config,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  server: async (db, logger) => {
    const cache = createCache(config.REDIS_URL, "ffd:childrens-centres:");
    logger.info("cache.ready", { kind: cache.kind });
    return { ...(await createServer({ db, config, logger, cache })), close: () => cache.close() };
  },
});
