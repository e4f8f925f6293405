import { ConfigError } from "@ffd/shared";
import { secretEnv, TEST_SECRETS } from "../../../tests/support/secrets";
import { parseRegistrationConfig } from "./config";

describe("registration config", () => {
  it("defaults to port 4005, localhost and the embedded database", () => {
    const config = parseRegistrationConfig(secretEnv());
    expect(config).toMatchObject({
      PORT: 4005,
      HOST: "127.0.0.1",
      INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads the registration system's connection string", () => {
    expect(
      parseRegistrationConfig({ ...secretEnv(), REGISTRATION_DATABASE_URL: "postgres://u@db:5432/registration" })
        .DATABASE_URL,
    ).toBe("postgres://u@db:5432/registration");
  });

  it("reads the locality reference file family-index and health-visiting read too, and requires it in production", () => {
    expect(parseRegistrationConfig(secretEnv()).LOCALITY_REFERENCE_FILE).toBeUndefined();
    expect(
      parseRegistrationConfig({ ...secretEnv(), LOCALITY_REFERENCE_FILE: " /etc/ffd/localities.json " })
        .LOCALITY_REFERENCE_FILE,
    ).toBe("/etc/ffd/localities.json");
    expect(() =>
      parseRegistrationConfig({
        ...secretEnv(),
        NODE_ENV: "production",
        REGISTRATION_DATABASE_URL: "postgres://u@db:5432/registration",
      }),
    ).toThrow(/LOCALITY_REFERENCE_FILE: is required in production/);
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

  it("requires INTERNAL_TOKEN_SECRET in every mode: no secret is a default in the code", () => {
    for (const NODE_ENV of ["development", "test", "production"])
      expect(() => parseRegistrationConfig({ NODE_ENV })).toThrow(/INTERNAL_TOKEN_SECRET: is required/);
  });
});
