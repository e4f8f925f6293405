import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { childrensCentresEnv } from "./config";
import { createServer } from "./server";

/** The children's centres subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("childrens-centres", childrensCentresEnv);
void runAgency({
  agency: "childrens-centres",
  config,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  // The centre directory shares the runtime's cache (closed by runAgency) with the member records.
  server: (db, logger, runtime) => createServer({ db, config, logger, cache: runtime.recordCache?.cache, runtime }),
});
