import { createLogger, errorFields, loadConfigOrExit } from "@ffd/shared";
import { openAgencyDatabase } from "@ffd/borough";
import { registrationEnv } from "./config";
import { createServer } from "./server";

/** The registration subgraph's entry point: the only module with side effects. */
async function main(): Promise<void> {
  const config = loadConfigOrExit("registration", registrationEnv, process.env);
  const logger = createLogger("registration", config.LOG_LEVEL);
  const db = await openAgencyDatabase(
    "registration",
    config.REGISTRATION_DATABASE_URL,
    {
      seed: config.BOROUGH_SEED,
      referenceDate: config.REFERENCE_DATE,
      families: config.BOROUGH_FAMILIES,
      noise: "default",
    },
    logger,
  );
  const server = await createServer({ db, config, logger });
  const running = await server.start(config.PORT, config.HOST);

  // Apollo Server also stops itself on these signals (outside NODE_ENV=test) and then re-raises
  // the signal, which ends the process once this one-shot handler has been removed.
  const stop = async (signal: string) => {
    logger.info("service.stopping", { signal });
    await running.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  createLogger("registration").error("service.failed", errorFields(err));
  process.exit(1);
});
