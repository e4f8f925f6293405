import { ConfigError, DEVELOPMENT_INTERNAL_SECRET } from "@ffd/shared";
import { parseRegistrationConfig } from "./config";

describe("registration config", () => {
  it("defaults to port 4005, localhost and the embedded database", () => {
    const config = parseRegistrationConfig({});
    expect(config).toMatchObject({ PORT: 4005, HOST: "127.0.0.1", INTERNAL_TOKEN_SECRET: DEVELOPMENT_INTERNAL_SECRET });
    expect(config.REGISTRATION_DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads the registration system's connection string", () => {
    expect(
      parseRegistrationConfig({ REGISTRATION_DATABASE_URL: "postgres://u@db:5432/registration" })
        .REGISTRATION_DATABASE_URL,
    ).toBe("postgres://u@db:5432/registration");
  });

  it("lists every problem at once", () => {
    try {
      parseRegistrationConfig({ PORT: "http", REGISTRATION_DATABASE_URL: "mysql://x", NODE_ENV: "production" });
      throw new Error("expected a ConfigError");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      expect(problems).toMatch(/^PORT:/m);
      expect(problems).toMatch(/^REGISTRATION_DATABASE_URL:/m);
    }
  });

  it("refuses the development secret in production", () => {
    expect(() => parseRegistrationConfig({ NODE_ENV: "production" })).toThrow(/INTERNAL_TOKEN_SECRET/);
  });
});
