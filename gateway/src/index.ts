import { createLogger, loadConfigOrExit, startTracing, tracingSettingsOf } from "@ffd/shared";
import { gatewayEnv } from "./config";
import { startGateway } from "./server";

async function main(): Promise<void> {
  const config = loadConfigOrExit("gateway", gatewayEnv);
  const logger = createLogger("gateway", config.LOG_LEVEL);
  const tracing = await startTracing(tracingSettingsOf(config, "gateway"), logger);
  const running = await startGateway({ config, logger, tracing });
  const shutdown = () => {
    void running
      .stop()
      .then(() => tracing.shutdown())
      .then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
