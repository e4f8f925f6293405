import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { registrationEnv } from "./config";
import { createServer } from "./server";

/** The registration subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("registration", registrationEnv);
void runAgency({
  agency: "registration",
  config,
  // Loaded only without a database URL: a service given its database never loads the generator.
  embedded: () => import("@ffd/borough").then((borough) => borough.openEmbeddedAgencyDatabase),
  server: (db, logger, runtime) => createServer({ db, config, logger, runtime }),
});
