import { printSubgraphSdl } from "@ffd/shared";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema } from "./server";

describe("maternity schema.graphql", () => {
  it("is what the code prints (regenerate it as the README says when this fails)", async () => {
    const committed = readFileSync(join(__dirname, "..", "schema.graphql"), "utf8");
    expect(committed).toBe(printSubgraphSdl(await buildSchema()));
  });
});
