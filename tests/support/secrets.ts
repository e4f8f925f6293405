import { generateSecret } from "@ffd/shared";

/**
 * The secrets a test signs and verifies tokens with: random for each test file (jest loads this
 * module once per file), the way `npm start` makes fresh ones for each run. No test relies on a
 * secret written in the code, so no such secret can open a running stack.
 */
export const TEST_SECRETS = Object.freeze({
  INTERNAL_TOKEN_SECRET: generateSecret(),
  DEV_JWT_SECRET: generateSecret(),
});

/** The secrets as environment settings, to spread into a config's env or a child's environment. */
export function secretEnv(): Record<"INTERNAL_TOKEN_SECRET" | "DEV_JWT_SECRET", string> {
  return { ...TEST_SECRETS };
}
