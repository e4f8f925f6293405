import { ConfigError } from "@ffd/shared";
import { secretEnv } from "../../../tests/support/secrets";
import { parseFamilyIndexConfig } from "./config";

describe("family-index configuration", () => {
  it("keeps the link store embedded outside production when FAMILY_INDEX_DATABASE_URL is unset", () => {
    for (const NODE_ENV of ["development", "test"]) {
      expect(parseFamilyIndexConfig({ NODE_ENV, ...secretEnv() }).FAMILY_INDEX_DATABASE_URL).toBeUndefined();
    }
  });

  it("refuses to start in production without FAMILY_INDEX_DATABASE_URL (the review decisions must outlive the host)", () => {
    let error: unknown;
    try {
      parseFamilyIndexConfig({
        NODE_ENV: "production",
        LOCALITY_REFERENCE_FILE: "/etc/ffd/localities.json",
        ...secretEnv(),
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^FAMILY_INDEX_DATABASE_URL: is required in production/),
    ]);
  });

  it("refuses to start in production without LOCALITY_REFERENCE_FILE (the synthetic borough's localities are no council's)", () => {
    let error: unknown;
    try {
      parseFamilyIndexConfig({
        NODE_ENV: "production",
        FAMILY_INDEX_DATABASE_URL: "postgres://links.invalid/family_index",
        ...secretEnv(),
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^LOCALITY_REFERENCE_FILE: is required in production/),
    ]);
    // Unset or empty (as .env.example leaves it): the synthetic borough's, outside production.
    expect(parseFamilyIndexConfig({ NODE_ENV: "development", ...secretEnv() }).LOCALITY_REFERENCE_FILE).toBeUndefined();
    expect(
      parseFamilyIndexConfig({ NODE_ENV: "development", LOCALITY_REFERENCE_FILE: " ", ...secretEnv() })
        .LOCALITY_REFERENCE_FILE,
    ).toBeUndefined();
  });

  it("starts in production with a PostgreSQL link store", () => {
    const config = parseFamilyIndexConfig({
      NODE_ENV: "production",
      FAMILY_INDEX_DATABASE_URL: "postgres://links.invalid/family_index",
      LOCALITY_REFERENCE_FILE: "/etc/ffd/localities.json",
      ...secretEnv(),
    });
    expect(config.LOCALITY_REFERENCE_FILE).toBe("/etc/ffd/localities.json");
    expect(config.FAMILY_INDEX_DATABASE_URL).toBe("postgres://links.invalid/family_index");
  });

  it("lists a missing link store with every other problem", () => {
    let error: unknown;
    try {
      parseFamilyIndexConfig({ NODE_ENV: "production", PORT: "http" });
    } catch (err) {
      error = err;
    }
    const problems = (error as ConfigError).problems.join("\n");
    for (const field of ["PORT", "INTERNAL_TOKEN_SECRET", "FAMILY_INDEX_DATABASE_URL", "LOCALITY_REFERENCE_FILE"])
      expect(problems).toContain(field);
  });
});
