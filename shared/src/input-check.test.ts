import { buildSchema, Kind, parse, type OperationDefinitionNode } from "graphql";
import type { InputBound } from "./input-bounds";
import { checkOperationInputs } from "./input-check";
import { DateScalar } from "./scalars";

/*
 * The walk itself, over a small schema with what the client API does not have yet (list
 * arguments, lists inside input objects), with a bounds table of its own.
 */

const schema = buildSchema(`
  scalar Date
  input Filter { tags: [String!], on: Date }
  type Query { find(names: [String!], filter: Filter, first: Int): Int }
`);
const BOUNDS: Record<string, InputBound> = {
  "Query.find(names:)": { kind: "text", maxLength: 5, maxItems: 3 },
  "Query.find(filter:)": { kind: "object" },
  "Query.find(first:)": { kind: "count", min: 1, max: 10 },
  "Filter.tags": { kind: "text", maxLength: 5, maxItems: 2 },
  "Filter.on": { kind: "format" },
};

function check(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return checkOperationInputs(schema, document, operation, variables, {
    bounds: BOUNDS,
    scalars: { Date: DateScalar },
  });
}

describe("checkOperationInputs", () => {
  it.each([
    [`{ find(names: ["a", "b", "c"], first: 10) }`, {}],
    [`query ($n: [String!]) { find(names: $n) }`, { n: ["abcde", "b"] }],
    [`query ($f: Filter) { find(filter: $f) }`, { f: { tags: ["x", "y"], on: "2024-02-29" } }],
    [`{ find(filter: { tags: "one", on: "2024-03-12" }) }`, {}],
  ])("accepts %s within its bounds", (query, variables) => {
    expect(check(query, variables)).toBeNull();
  });

  it.each([
    [`{ find(names: ["a", "b", "c", "d"]) }`, {}, "Query.find(names:)", /takes at most 3 items/],
    [`query ($n: [String!]) { find(names: $n) }`, { n: ["a", "b", "c", "d"] }, "Query.find(names:)", /at most 3 items/],
    [`query ($n: [String!]) { find(names: $n) }`, { n: ["a", "toolong"] }, "Query.find(names:)", /at most 5 char/],
    [`{ find(filter: { tags: ["a", "b", "c"] }) }`, {}, "Filter.tags", /tags takes at most 2 items/],
    [`query ($t: String!) { find(filter: { tags: [$t] }) }`, { t: "toolong" }, "Filter.tags", /at most 5 char/],
    [`query ($f: Filter) { find(filter: $f) }`, { f: { on: "2024-02-30" } }, "Filter.on", /YYYY-MM-DD/],
    [`{ find(filter: { on: "30/02/2024" }) }`, {}, "Filter.on", /YYYY-MM-DD/],
    [`query ($n: Int = 11) { find(first: $n) }`, {}, "Query.find(first:)", /from 1 to 10/],
    [`fragment F on Query { find(first: 0) } { ...F }`, {}, "Query.find(first:)", /from 1 to 10/],
  ])("refuses %s", (query, variables, coordinate, message) => {
    const problem = check(query, variables);
    expect(problem?.coordinate).toBe(coordinate);
    expect(problem?.message).toMatch(message);
  });

  it("bounds an ID written as a number by the length of its text, as a literal or a variable", () => {
    const ids = buildSchema(`type Query { person(id: ID!): Int }`);
    const bounds: Record<string, InputBound> = { "Query.person(id:)": { kind: "text", maxLength: 5 } };
    const run = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      const operation = document.definitions[0] as OperationDefinitionNode;
      return checkOperationInputs(ids, document, operation, variables, { bounds, scalars: {} });
    };
    expect(run(`{ person(id: 12345) }`)).toBeNull();
    expect(run(`{ person(id: 123456) }`)?.message).toMatch(/at most 5 characters .*this one has 6\./);
    expect(run(`query ($id: ID = 1234567) { person(id: $id) }`)?.message).toMatch(/this one has 7\./);
    expect(run(`query ($id: ID!) { person(id: $id) }`, { id: 12345 })).toBeNull();
    expect(run(`query ($id: ID!) { person(id: $id) }`, { id: 123456 })?.message).toMatch(/this one has 6\./);
  });

  it("checks each request's values against one parsed document (the walk is kept, the values are not)", () => {
    const document = parse(`query ($n: [String!], $first: Int) { find(names: $n, first: $first) }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const options = { bounds: BOUNDS, scalars: { Date: DateScalar } };
    expect(checkOperationInputs(schema, document, operation, { n: ["a"], first: 2 }, options)).toBeNull();
    expect(checkOperationInputs(schema, document, operation, { n: ["toolong"] }, options)?.coordinate).toBe(
      "Query.find(names:)",
    );
    expect(checkOperationInputs(schema, document, operation, { first: 11 }, options)?.coordinate).toBe(
      "Query.find(first:)",
    );
    expect(checkOperationInputs(schema, document, operation, { n: ["b"], first: 10 }, options)).toBeNull();
  });

  it("checks only the operation being run", () => {
    const document = parse(`query A { find(first: 1) } query B { find(first: 99) }`);
    const [a, b] = document.definitions as OperationDefinitionNode[];
    const options = { bounds: BOUNDS, scalars: { Date: DateScalar } };
    expect(checkOperationInputs(schema, document, a, {}, options)).toBeNull();
    expect(checkOperationInputs(schema, document, b, {}, options)?.coordinate).toBe("Query.find(first:)");
  });
});
