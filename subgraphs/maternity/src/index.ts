import { runAgencyService } from "@ffd/borough";
import { loadConfigOrExit } from "@ffd/shared";
import { maternityEnv } from "./config";
import { createServer } from "./server";

const config = loadConfigOrExit("maternity", maternityEnv);
void runAgencyService("maternity", config, config.DATABASE_URL, (db, logger) =>
  createServer({ db, config, logger }).start(config.PORT, config.HOST),
);
