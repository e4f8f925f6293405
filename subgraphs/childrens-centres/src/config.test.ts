import { ConfigError, DEVELOPMENT_INTERNAL_SECRET } from "@ffd/shared";
import { parseChildrensCentresConfig } from "./config";

describe("config", () => {
  it("defaults to port 4004 and the embedded database", () => {
    const config = parseChildrensCentresConfig({ REFERENCE_DATE: "2025-06-30" });
    expect(config.PORT).toBe(4004);
    expect(config.HOST).toBe("127.0.0.1");
    expect(config.CHILDRENS_CENTRES_DATABASE_URL).toBeUndefined();
    expect(config.REFERENCE_DATE).toBe("2025-06-30");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads the case system's connection string", () => {
    const url = "postgres://reader@centres-db:5432/cc";
    expect(parseChildrensCentresConfig({ CHILDRENS_CENTRES_DATABASE_URL: url }).CHILDRENS_CENTRES_DATABASE_URL).toBe(
      url,
    );
  });

  it("lists every problem at once", () => {
    const env = { PORT: "99999", CHILDRENS_CENTRES_DATABASE_URL: "mysql://x", REFERENCE_DATE: "2025-02-30" };
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

  it("refuses the development token secret in production", () => {
    expect(() =>
      parseChildrensCentresConfig({ NODE_ENV: "production", INTERNAL_TOKEN_SECRET: DEVELOPMENT_INTERNAL_SECRET }),
    ).toThrow(/INTERNAL_TOKEN_SECRET/);
  });
});
