import { printSubgraphSdl } from "@ffd/shared";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema } from "./server";

describe("schema.graphql", () => {
  it("is what the code prints (regenerate it when the schema changes; see README)", async () => {
    const committed = readFileSync(join(__dirname, "..", "schema.graphql"), "utf8");
    expect(printSubgraphSdl(await buildSchema())).toBe(committed);
  });
});
