import { runAgencyService } from "@ffd/borough";
import { loadConfigOrExit } from "@ffd/shared";
import { registrationEnv } from "./config";
import { createServer } from "./server";

/** The registration subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("registration", registrationEnv);
void runAgencyService("registration", config, config.REGISTRATION_DATABASE_URL, async (db, logger) =>
  (await createServer({ db, config, logger })).start(config.PORT, config.HOST),
);
