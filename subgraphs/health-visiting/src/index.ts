import "reflect-metadata";
import { runAgencyService } from "@ffd/borough";
import { loadConfigOrExit } from "@ffd/shared";
import { configSchema, SERVICE_NAME } from "./config";
import { createServer } from "./server";

const config = loadConfigOrExit(SERVICE_NAME, configSchema);
void runAgencyService("health-visiting", config, config.HEALTH_VISITING_DATABASE_URL, async (db, logger) =>
  (await createServer({ db, config, logger })).start(config.PORT, config.HOST),
);
