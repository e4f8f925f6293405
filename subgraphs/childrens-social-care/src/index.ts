import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { childrensSocialCareEnv } from "./config";
import { createServer } from "./server";

/** The children's social care subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("childrens-social-care", childrensSocialCareEnv);
void runAgency({
  agency: "childrens-social-care",
  settings: config,
  databaseUrl: config.DATABASE_URL,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  start: async (db, logger) => (await createServer({ db, config, logger })).start(config.PORT, config.HOST),
});
