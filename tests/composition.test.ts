/**
 * The committed schemas are what the code prints, the subgraphs compose, and a stale
 * supergraph or schema.graphql is detected.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { printSubgraphSdl, SERVICES, subgraphsOf, type ServiceName } from "@ffd/shared";
import { GraphQLObjectType, printType, type GraphQLSchema } from "graphql";
import { buildAuditSchema } from "../gateway/src/audit-subgraph/schema";
import {
  composeApiSchema,
  composeSupergraph,
  CompositionError,
  staleFiles,
  type GraphName,
} from "../gateway/src/composition";

const root = path.join(__dirname, "..");
/** Each subgraph's schema, built from its source as the registry places it (every subgraph's `server` exports `buildSchema`). */
async function buildSubgraphSchema(name: ServiceName): Promise<GraphQLSchema> {
  const { dir } = subgraphsOf().find((s) => s.name === name)!;
  const server = (await import(path.join(root, dir, "src", "server"))) as { buildSchema(): Promise<GraphQLSchema> };
  return server.buildSchema();
}
const read = (file: string): string | null => {
  try {
    return readFileSync(path.join(root, file), "utf8");
  } catch {
    return null;
  }
};

let sdls: Record<GraphName, string>;

beforeAll(async () => {
  sdls = {} as Record<GraphName, string>;
  for (const name of SERVICES) sdls[name] = printSubgraphSdl(await buildSubgraphSchema(name));
  sdls.audit = printSubgraphSdl(await buildAuditSchema());
});

describe("composition", () => {
  it("each subgraph's committed schema.graphql is what its code prints", () => {
    for (const name of SERVICES) {
      expect({ name, sdl: read(`subgraphs/${name}/schema.graphql`) }).toEqual({ name, sdl: sdls[name] });
    }
    // The audit subgraph, served by the gateway process itself.
    expect(read("gateway/audit.graphql")).toBe(sdls.audit);
  });

  it("the subgraphs compose, and the committed supergraph is current", () => {
    const supergraph = composeSupergraph(sdls);
    expect(supergraph).toContain('@join__graph(name: "family-index"');
    expect(supergraph).toContain('@join__graph(name: "audit", url: "in-process://gateway/audit")');
    expect(read("gateway/supergraph.graphql")).toBe(supergraph);
  });

  it("the API schema has the fields the issue fixes, one agency field each, and hides the link lists", () => {
    const api = composeApiSchema(sdls);
    const query = printType(api.getQueryType()!);
    for (const field of [
      "searchPeople(query: PersonSearchInput!): [PersonMatch!]!",
      "person(id: ID!): Person",
      "family(id: ID!): Family",
    ]) {
      expect(query).toContain(field);
    }
    const person = api.getType("Person") as GraphQLObjectType;
    const fields = Object.keys(person.getFields());
    expect(fields).toEqual(
      expect.arrayContaining([
        "id",
        "nhsNumber",
        "givenName",
        "familyName",
        "dateOfBirth",
        "family",
        "maternity",
        "healthVisiting",
        "childrensCentres",
        "birthRegistration",
      ]),
    );
    expect(fields.filter((f) => f.endsWith("RecordIds"))).toEqual([]);
    const input = printType(api.getType("PersonSearchInput")!);
    for (const f of ["nhsNumber", "givenName", "familyName", "dateOfBirth", "postcode"])
      expect(input).toContain(`${f}:`);
    expect(Object.keys((api.getType("Family") as GraphQLObjectType).getFields())).toEqual(
      expect.arrayContaining(["id", "members"]),
    );
    const review = printType(api.getType("MandatedReview")!);
    for (const f of ["type:", "dueBy:", "completedOn:", "status:"]) expect(review).toContain(f);
  });

  it("the API schema answers the IG auditor's questions without returning a Person", () => {
    const api = composeApiSchema(sdls);
    const signature = (type: GraphQLObjectType, name: string) => {
      const field = type.getFields()[name];
      const args = field.args.map(
        (a) => `${a.name}: ${a.type}${a.defaultValue !== undefined ? ` = ${a.defaultValue}` : ""}`,
      );
      return `${name}(${args.sort().join(", ")}): ${field.type}`;
    };
    const query = api.getQueryType()!;
    expect(signature(query, "auditTrail")).toBe(
      "auditTrail(first: Int! = 100, from: DateTime, personId: ID!, to: DateTime): [AuditEvent!]!",
    );
    expect(signature(query, "accessReport")).toBe(
      "accessReport(actor: String!, from: DateTime!, to: DateTime!): AccessReport!",
    );
    expect(signature(query, "breakGlassQueue")).toBe("breakGlassQueue(first: Int! = 50): [AuditEvent!]!");
    expect(signature(api.getMutationType()!, "reviewBreakGlass")).toBe(
      "reviewBreakGlass(eventId: ID!, note: String, verdict: BreakGlassVerdict!): BreakGlassReview!",
    );
    // Reading the trail is not a read of anyone's record: no audit type leads to a Person.
    for (const type of ["AuditEvent", "AccessReport", "AccessReportEntry", "BreakGlassReview"]) {
      expect(printType(api.getType(type)!)).not.toMatch(/: \[?Person\b/);
    }
  });

  it("detects a stale supergraph when a subgraph's schema changes", () => {
    // A type added to one subgraph (independent of what its fields are today).
    const changed = { ...sdls, registration: `${sdls.registration}\ntype StaleCheck {\n  id: ID!\n}\n` };
    expect(changed.registration).not.toBe(sdls.registration);
    const fresh = composeSupergraph(changed);
    expect(
      staleFiles(
        { "gateway/supergraph.graphql": fresh, "subgraphs/registration/schema.graphql": changed.registration },
        read,
      ),
    ).toEqual(["gateway/supergraph.graphql", "subgraphs/registration/schema.graphql"]);
    expect(staleFiles({ "gateway/supergraph.graphql": composeSupergraph(sdls) }, read)).toEqual([]);
  });

  it("refuses subgraphs that do not compose, listing why", () => {
    const broken = {
      ...sdls,
      maternity: sdls.maternity.replace(
        /maternityRecordIds: \[ID!\]! @external/,
        "maternityRecordIds: [String!]! @external",
      ),
    };
    expect(() => composeSupergraph(broken)).toThrow(CompositionError);
  });
});
