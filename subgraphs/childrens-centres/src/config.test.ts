import { ConfigError } from "@ffd/shared";
import { secretEnv } from "../../../tests/support/secrets";
import { parseChildrensCentresConfig } from "./config";

describe("config", () => {
  it("defaults to port 4004 and the embedded database", () => {
    const config = parseChildrensCentresConfig({ ...secretEnv(), REFERENCE_DATE: "2025-06-30" });
    expect(config.PORT).toBe(4004);
    expect(config.HOST).toBe("127.0.0.1");
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REFERENCE_DATE).toBe("2025-06-30");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads the case system's connection string", () => {
    const url = "postgres://reader@centres-db:5432/cc";
    expect(parseChildrensCentresConfig({ ...secretEnv(), CHILDRENS_CENTRES_DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("lists every problem at once", () => {
    const env = {
      ...secretEnv(),
      PORT: "99999",
      CHILDRENS_CENTRES_DATABASE_URL: "mysql://x",
      REFERENCE_DATE: "2025-02-30",
    };
    let error: unknown;
    try {
      parseChildrensCentresConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "CHILDRENS_CENTRES_DATABASE_URL",
      "PORT",
      "REFERENCE_DATE",
    ]);
  });

  it("requires a token secret of 32+ characters in every mode, with no default", () => {
    for (const NODE_ENV of ["development", "production"]) {
      expect(() => parseChildrensCentresConfig({ NODE_ENV })).toThrow(/INTERNAL_TOKEN_SECRET: is required/);
      expect(() => parseChildrensCentresConfig({ NODE_ENV, INTERNAL_TOKEN_SECRET: "short" })).toThrow(
        /INTERNAL_TOKEN_SECRET: must be at least 32 characters/,
      );
    }
  });
});
