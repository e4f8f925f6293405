import { serviceAvailable } from "./services";

/** The real Redis the CI and development machines run. */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

let available: boolean | undefined;
/** The same decision made when a test file loads, for `describeIf(redisAvailable())`. */
export function redisAvailable(): boolean {
  available ??= serviceAvailable(
    "Redis",
    REDIS_TEST_URL,
    `const Redis = require("ioredis");
     const r = new Redis(${JSON.stringify(REDIS_TEST_URL)}, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
     r.on("error", () => undefined);
     r.connect().then(() => r.ping()).then((p) => { r.disconnect(); process.exit(p === "PONG" ? 0 : 1); }, () => process.exit(1));`,
  );
  return available;
}
