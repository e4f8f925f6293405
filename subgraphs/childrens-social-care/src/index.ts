import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { childrensSocialCareEnv } from "./config";
import { createServer } from "./server";

/** The children's social care subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("childrens-social-care", childrensSocialCareEnv);
void runAgency({
  agency: "childrens-social-care",
  config,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  server: (db, logger, runtime) => createServer({ db, config, logger, runtime }),
});
