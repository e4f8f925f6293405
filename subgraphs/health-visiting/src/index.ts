import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { healthVisitingEnv } from "./config";
import { createServer } from "./server";

/** The health visiting subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("health-visiting", healthVisitingEnv);
void runAgency({
  agency: "health-visiting",
  settings: config,
  databaseUrl: config.DATABASE_URL,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  start: async (db, logger) => (await createServer({ db, config, logger })).start(config.PORT, config.HOST),
});
