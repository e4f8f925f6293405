import { ConfigError, generateDevelopmentSecrets } from "@ffd/shared";
import { createAuthenticator, signDevToken } from "./auth";
import { parseGatewayConfig } from "./config";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseGatewayConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("gateway secrets", () => {
  it("refuses to start without them, listing both, in development as in test", () => {
    for (const NODE_ENV of ["development", "test"]) {
      const problems = problemsOf({ NODE_ENV });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^INTERNAL_TOKEN_SECRET: is required/),
          expect.stringMatching(/^DEV_JWT_SECRET: is required/),
        ]),
      );
    }
  });

  it("refuses secrets shorter than 32 characters", () => {
    const problems = problemsOf({ INTERNAL_TOKEN_SECRET: "short", DEV_JWT_SECRET: "also-short" });
    expect(problems).toEqual([
      "INTERNAL_TOKEN_SECRET: must be at least 32 characters",
      "DEV_JWT_SECRET: must be at least 32 characters",
    ]);
  });

  it("needs no development key in production, and accepts no development token there", async () => {
    const config = parseGatewayConfig({
      NODE_ENV: "production",
      INTERNAL_TOKEN_SECRET: generateDevelopmentSecrets({}).INTERNAL_TOKEN_SECRET,
      OIDC_ISSUER: "https://login.example.org",
      OIDC_AUDIENCE: "family-front-door",
      OIDC_JWKS_URL: "http://127.0.0.1:1/jwks",
      OIDC_CLIENT_ID: "family-front-door-app",
      AUDIT_DATABASE_URL: "postgres://audit.invalid/audit",
    });
    expect(config.DEV_JWT_SECRET).toHaveLength(43);
    await expect(
      createAuthenticator(config)(await signDevToken(config.DEV_JWT_SECRET, { role: "front-door" })),
    ).rejects.toThrow(/not valid/);
  });

  it("a token signed with one run's secret is refused by a gateway of another run", async () => {
    const [one, another] = [generateDevelopmentSecrets({}), generateDevelopmentSecrets({})];
    const token = await signDevToken(one.DEV_JWT_SECRET!, { role: "front-door" });
    await expect(createAuthenticator(parseGatewayConfig(one))(token)).resolves.toMatchObject({ role: "front-door" });
    await expect(createAuthenticator(parseGatewayConfig(another))(token)).rejects.toThrow(/not valid/);
  });
});
