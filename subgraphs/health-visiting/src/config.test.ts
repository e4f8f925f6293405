import { ConfigError } from "@ffd/shared";
import { secretEnv } from "../../../tests/support/secrets";
import { parseHealthVisitingConfig } from "./config";

describe("health-visiting configuration", () => {
  it("defaults to port 4003 and the embedded database", () => {
    const config = parseHealthVisitingConfig({ ...secretEnv(), REFERENCE_DATE: "2025-06-15" });
    expect(config).toMatchObject({ PORT: 4003, HOST: "127.0.0.1", REFERENCE_DATE: "2025-06-15" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads the patient system's connection string", () => {
    const config = parseHealthVisitingConfig({
      ...secretEnv(),
      HEALTH_VISITING_DATABASE_URL: "postgresql://hv@db:5432/health_visiting",
    });
    expect(config.DATABASE_URL).toBe("postgresql://hv@db:5432/health_visiting");
  });

  it("reads the locality reference file family-index reads too, and requires it in production", () => {
    expect(parseHealthVisitingConfig({ ...secretEnv() }).LOCALITY_REFERENCE_FILE).toBeUndefined();
    expect(
      parseHealthVisitingConfig({ ...secretEnv(), LOCALITY_REFERENCE_FILE: " /etc/ffd/localities.json " })
        .LOCALITY_REFERENCE_FILE,
    ).toBe("/etc/ffd/localities.json");
    let error: unknown;
    try {
      parseHealthVisitingConfig({
        ...secretEnv(),
        NODE_ENV: "production",
        HEALTH_VISITING_DATABASE_URL: "postgresql://hv@db:5432/health_visiting",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join("\n")).toContain("LOCALITY_REFERENCE_FILE");
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      parseHealthVisitingConfig({
        PORT: "70000",
        REFERENCE_DATE: "15/06/2025",
        HEALTH_VISITING_DATABASE_URL: "mysql://db",
        NODE_ENV: "production",
        INTERNAL_TOKEN_SECRET: "too-short-to-be-a-secret",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const field of ["PORT", "REFERENCE_DATE", "HEALTH_VISITING_DATABASE_URL", "INTERNAL_TOKEN_SECRET"])
      expect(problems).toContain(field);
  });
});
