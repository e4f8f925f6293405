import { printSubgraphSdl } from "@ffd/shared";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema } from "./server";

describe("schema.graphql", () => {
  it("is what the code prints (regenerate it with `npm run compose`)", async () => {
    const committed = readFileSync(join(__dirname, "..", "schema.graphql"), "utf8");
    expect(printSubgraphSdl(await buildSchema())).toBe(committed);
  });
});
