import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { registrationEnv } from "./config";
import { createServer } from "./server";

/** The registration subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("registration", registrationEnv);
void runAgency({
  agency: "registration",
  settings: config,
  databaseUrl: config.DATABASE_URL,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  start: async (db, logger) => (await createServer({ db, config, logger })).start(config.PORT, config.HOST),
});
