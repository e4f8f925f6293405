import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { maternityEnv } from "./config";
import { createServer } from "./server";

/** The maternity subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("maternity", maternityEnv);
void runAgency({
  agency: "maternity",
  config,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  server: (db, logger, runtime) => createServer({ db, config, logger, runtime }),
});
