import { ApolloGateway } from "@apollo/gateway";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  CUSTOM_SCALARS,
  INPUT_BOUNDS,
  MAX_NAME_LENGTH,
  PAGE_SIZES,
  PURPOSE_OF_ACCESS_HEADER,
  SERVICES,
  type InputBound,
  type Logger,
  type Role,
  type RunningService,
  type ServiceName,
  SUBGRAPH_SERVICES,
  urlSetting,
} from "@ffd/shared";
import { MAX_QUEUE, MAX_TRAIL } from "./audit-subgraph/arguments";
import { MAX_NOTE_LENGTH as MAX_REVIEW_NOTE } from "./audit-subgraph/break-glass-review.resolver";
import { signDevToken } from "./auth";
import { parseGatewayConfig } from "./config";
import { readSupergraph, startGateway } from "./server";
import { secretEnv } from "../../tests/support/secrets";

/*
 * Every argument and input field of the client API is bounded, and every custom scalar parsed,
 * at the gateway before the query planner: the gateway in-process in front of five fake
 * subgraphs that count what reaches them, with a logger that keeps every line.
 */

/** Marks a value so a test can tell whether it came back in an answer or a log line. */
const MARKER = "Zq7Marker";

/** The client API as the gateway serves it (the supergraph without its @inaccessible parts). */
async function apiSchema(): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: readSupergraph() });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}

/** Every argument and input field a client can give a value for, by schema coordinate. */
function inputCoordinates(schema: GraphQLSchema): Map<string, GraphQLInputType> {
  const found = new Map<string, GraphQLInputType>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) found.set(`${type.name}.${field.name}(${arg.name}:)`, arg.type);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) found.set(`${type.name}.${field.name}`, field.type);
    }
  }
  // Directives an operation can carry (@include, @skip, ...); schema-only ones (@deprecated) take no client value.
  const executable = new Set(["QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"]);
  for (const directive of schema.getDirectives()) {
    if (!directive.locations.some((l) => executable.has(l))) continue;
    for (const arg of directive.args) found.set(`@${directive.name}(${arg.name}:)`, arg.type);
  }
  return found;
}

/** The kind of bound a type calls for. */
function kindFor(type: GraphQLInputType): InputBound["kind"] | "unbounded" {
  const named = getNamedType(type);
  if (isInputObjectType(named)) return "object";
  if (isEnumType(named) || named.name === "Boolean") return "choice";
  if (named.name === "String" || named.name === "ID") return "text";
  if (named.name === "Int") return "count";
  if (isScalarType(named) && !isSpecifiedScalarType(named)) return "format";
  return "unbounded"; // Float: no field takes one yet; give it a kind of bound first
}

const isList = (type: GraphQLInputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

describe("the bounds table covers the client API", () => {
  let schema: GraphQLSchema;
  let coordinates: Map<string, GraphQLInputType>;
  beforeAll(async () => {
    schema = await apiSchema();
    coordinates = inputCoordinates(schema);
  });

  it("finds the arguments and input fields it should (the walk over the schema works)", () => {
    expect(coordinates.get("PersonSearchInput.givenName")?.toString()).toBe("String");
    expect(coordinates.get("Query.person(id:)")?.toString()).toBe("ID!");
    expect(coordinates.get("@include(if:)")?.toString()).toBe("Boolean!");
    expect(coordinates.size).toBeGreaterThan(30);
  });

  it("bounds every argument and input field of the supergraph, by the kind of bound its type calls for", () => {
    const missing = [...coordinates]
      .filter(([c, type]) => INPUT_BOUNDS[c]?.kind !== kindFor(type))
      .map(([c, type]) => `${c}: ${type.toString()} needs a ${kindFor(type)} bound, has ${INPUT_BOUNDS[c]?.kind}`);
    expect(missing).toEqual([]);
  });

  it("bounds the number of items of every list-typed argument or input field", () => {
    const unbounded = [...coordinates].filter(([c, type]) => isList(type) && !INPUT_BOUNDS[c]?.maxItems);
    expect(unbounded.map(([c]) => c)).toEqual([]);
  });

  it("agrees with the bounds the subgraphs enforce themselves", () => {
    expect(INPUT_BOUNDS["Query.auditTrail(first:)"]).toEqual({ kind: "count", min: 1, max: MAX_TRAIL });
    expect(INPUT_BOUNDS["Query.breakGlassQueue(first:)"]).toEqual({ kind: "count", min: 1, max: MAX_QUEUE });
    expect(INPUT_BOUNDS["Mutation.reviewBreakGlass(note:)"]).toEqual({ kind: "text", maxLength: MAX_REVIEW_NOTE });
    expect(PAGE_SIZES.reviewDecisions).toBe(PAGE_SIZES.linkCandidates); // family-index pages both by one MAX_PAGE
  });

  it("has no entry for a coordinate the supergraph no longer has", () => {
    expect(Object.keys(INPUT_BOUNDS).filter((c) => !coordinates.has(c))).toEqual([]);
  });

  it("parses every custom scalar of the supergraph with a shared implementation", () => {
    const custom = Object.values(schema.getTypeMap())
      .filter((t) => isScalarType(t) && !isSpecifiedScalarType(t))
      .map((t) => t.name);
    expect(custom.sort()).toEqual(["Date", "DateTime"]);
    for (const name of custom) expect(CUSTOM_SCALARS[name]?.name).toBe(name);
  });
});

/** Each subgraph's URL setting, from the service registry. */
const ENV_NAME = Object.fromEntries(SUBGRAPH_SERVICES.map((s) => [s.name, urlSetting(s)])) as Record<
  ServiceName,
  string
>;

interface LogLine {
  level: string;
  event: string;
  fields: Record<string, unknown>;
}

/** A fake subgraph: a search finds nobody, anything else is an error the tests would see. */
async function startFake(service: ServiceName, received: string[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw) as { query: string };
      received.push(service);
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify(
          service === "family-index" && body.query.includes("searchPeople")
            ? { data: { searchPeople: [] } }
            : { errors: [{ message: `the fake ${service} was not expecting this` }] },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

describe("the gateway refuses values out of bounds and malformed dates before any subgraph is called", () => {
  const received: string[] = [];
  const subgraphRequests: string[] = [];
  const logs: LogLine[] = [];
  const fakes: http.Server[] = [];
  let gateway: RunningService;
  const keep =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      logs.push({ level, event, fields });
  const logger: Logger = { debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
  const config = () =>
    parseGatewayConfig({
      NODE_ENV: "test",
      ...secretEnv(),
      ...Object.fromEntries(
        SERVICES.map((s, i) => [ENV_NAME[s], `http://127.0.0.1:${(fakes[i].address() as AddressInfo).port}`]),
      ),
    });

  beforeAll(async () => {
    for (const service of SERVICES) fakes.push(await startFake(service, received));
    gateway = await startGateway({ config: config(), logger, onSubgraphRequest: (s) => subgraphRequests.push(s) }, 0);
  });
  afterAll(async () => {
    await gateway.stop();
    await Promise.all(fakes.map((f) => new Promise((r) => f.close(r))));
  });
  beforeEach(() => {
    received.length = 0;
    subgraphRequests.length = 0;
    logs.length = 0;
  });

  async function post(
    query: string,
    variables?: Record<string, unknown>,
    { role = "front-door" as Role, purpose = "direct-care" } = {},
  ): Promise<{ status: number; body: any }> {
    const token = await signDevToken(config().DEV_JWT_SECRET, { role });
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        [PURPOSE_OF_ACCESS_HEADER]: purpose,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  }

  /** Refused with BAD_USER_INPUT naming the field, quoting no part of the value, with no subgraph called and nothing logged above info. */
  async function expectRefused(
    answer: { status: number; body: any },
    field: string,
    message: RegExp,
    value: string,
  ): Promise<void> {
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(answer.body.errors[0].message).toMatch(message);
    expect(JSON.stringify(answer.body)).not.toContain(value);
    expect(subgraphRequests).toEqual([]);
    expect(received).toEqual([]);
    expect(logs.filter((l) => l.level === "warn" || l.level === "error")).toEqual([]);
    expect(JSON.stringify(logs)).not.toContain(value);
  }

  const SEARCH = `query Search($query: PersonSearchInput!) { searchPeople(query: $query) { score } }`;
  const BIG_NAME = MARKER + "a".repeat(250_000);

  describe("a 250 KB given name", () => {
    it("as a variable: 400 BAD_USER_INPUT naming givenName and its bound, never reaching family-index", async () => {
      const answer = await post(SEARCH, { query: { givenName: BIG_NAME } });
      await expectRefused(
        answer,
        "givenName",
        /^givenName is at most 100 characters \(PersonSearchInput\.givenName\)/,
        MARKER,
      );
    });

    it("as an inline literal: the same", async () => {
      const answer = await post(`{ searchPeople(query: { givenName: "${BIG_NAME}" }) { score } }`);
      await expectRefused(answer, "givenName", /^givenName is at most 100 characters/, MARKER);
    });

    it("as a variable's default value: the same", async () => {
      const answer = await post(
        `query Search($name: String = "${BIG_NAME}") { searchPeople(query: { givenName: $name }) { score } }`,
      );
      await expectRefused(answer, "givenName", /^givenName is at most 100 characters/, MARKER);
    });
  });

  it("lets a given name of exactly the bound through to family-index", async () => {
    const answer = await post(SEARCH, { query: { givenName: "a".repeat(MAX_NAME_LENGTH) } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { searchPeople: [] } });
    expect(received).toEqual(["family-index"]);
  });

  // One value just past its bound at each kind of place: search fields, ids, cursors, notes, page sizes, nested arguments.
  const OVER: { name: string; query: string; variables?: Record<string, unknown>; field: string; message: RegExp }[] = [
    {
      name: "family name",
      query: SEARCH,
      variables: { query: { familyName: `${MARKER}${"b".repeat(100)}` } },
      field: "familyName",
      message: /^familyName is at most 100 characters/,
    },
    {
      name: "NHS number",
      query: `{ searchPeople(query: { nhsNumber: "${MARKER}943 476 5919" }) { score } }`,
      field: "nhsNumber",
      message: /^nhsNumber is at most 16 characters/,
    },
    {
      name: "postcode",
      query: SEARCH,
      variables: { query: { postcode: `${MARKER}DY1 4QTxx` } },
      field: "postcode",
      message: /^postcode is at most 16 characters/,
    },
    {
      name: "person id",
      query: `query P($id: ID!) { person(id: $id) { id } }`,
      variables: { id: MARKER + "p".repeat(200) },
      field: "id",
      message: /^id is at most 200 characters \(Query\.person\(id:\)\)/,
    },
    {
      name: "family id",
      query: `{ family(id: "${MARKER}${"f".repeat(200)}") { id } }`,
      field: "id",
      message: /^id is at most 200 characters \(Query\.family\(id:\)\)/,
    },
    {
      name: "cursor",
      query: `query C($after: String) { linkCandidates(after: $after) { totalCount } }`,
      variables: { after: MARKER + "c".repeat(200) },
      field: "after",
      message: /^after is at most 200 characters/,
    },
    {
      name: "page size",
      query: `{ linkCandidates(first: 201) { totalCount } }`,
      field: "first",
      message: /^first must be a whole number from 1 to 200/,
    },
    {
      name: "note on a link decision",
      query: `mutation N($note: String) { confirmLink(candidateId: "c1", note: $note) { decisions { id } } }`,
      variables: { note: MARKER + "n".repeat(2000) },
      field: "note",
      message: /^note is at most 2000 characters/,
    },
    {
      name: "agency record id inside a nested input object",
      query: `mutation U($record: AgencyRecordInput!) { unlink(personId: "p1", record: $record) { decisions { id } } }`,
      variables: { record: { agency: "MATERNITY", localId: MARKER + "l".repeat(200) } },
      field: "localId",
      message: /^localId is at most 200 characters \(AgencyRecordInput\.localId\)/,
    },
    {
      name: "an argument of a nested field (children's centre sessions)",
      query: `{ person(id: "p1") { childrensCentres { registrations { recentSessions(limit: 51) { date } } } } }`,
      field: "limit",
      message: /^limit must be a whole number from 1 to 50/,
    },
    {
      name: "audit trail page size",
      query: `query T($first: Int!) { auditTrail(personId: "p1", first: $first) { eventId } }`,
      variables: { first: 1001 },
      field: "first",
      message: /^first must be a whole number from 1 to 1000/,
    },
  ];

  it.each(OVER)("refuses a $name past its bound", async ({ query, variables, field, message }) => {
    await expectRefused(await post(query, variables), field, message, MARKER);
  });

  it("refuses an id written as an INT literal past the bound of its text (an INT literal is a valid ID)", async () => {
    const digits = "31415926535" + "9".repeat(5000);
    await expectRefused(
      await post(`{ person(id: ${digits}) { id } }`),
      "id",
      /^id is at most 200 characters \(Query\.person\(id:\)\); this one has 5011\.$/,
      digits.slice(0, 30),
    );
  });

  it("refuses a field the input type does not have, and a value of the wrong type, without quoting it", async () => {
    await expectRefused(
      await post(SEARCH, { query: { givenName: "Amira", [`${MARKER}x`]: "y" } }),
      "query",
      /^query has no field Zq7Markerx \(PersonSearchInput\)\.$/,
      "Amira",
    );
    await expectRefused(
      await post(
        `mutation U($record: AgencyRecordInput!) { unlink(personId: "p1", record: $record) { decisions { id } } }`,
        {
          record: { agency: "MATERNITY", localId: null },
        },
      ),
      "record",
      /^record needs localId \(AgencyRecordInput\)\.$/,
      "MATERNITY",
    );
    await expectRefused(
      await post(SEARCH, { query: { nhsNumber: 9434765919 } }),
      "nhsNumber",
      /^nhsNumber must be a String\.$/,
      "9434765919",
    );
  });

  describe("dates", () => {
    const BAD_DATES = ["2026-02-30", "yesterday", "12/03/1994"];

    it.each(BAD_DATES)("refuses dateOfBirth %s as a variable: how to write a date, not the value", async (date) => {
      await expectRefused(
        await post(SEARCH, { query: { familyName: "Hussain", dateOfBirth: date } }),
        "dateOfBirth",
        /^dateOfBirth: That is not a date: write dates as YYYY-MM-DD, for example 2024-03-12\.$/,
        date,
      );
    });

    it.each(BAD_DATES)("refuses dateOfBirth %s as an inline literal the same way", async (date) => {
      await expectRefused(
        await post(`{ searchPeople(query: { familyName: "Hussain", dateOfBirth: "${date}" }) { score } }`),
        "dateOfBirth",
        /^dateOfBirth: That is not a date: write dates as YYYY-MM-DD/,
        date,
      );
    });

    it("lets a real date through to family-index", async () => {
      const answer = await post(SEARCH, { query: { familyName: "Hussain", dateOfBirth: "2024-02-29" } });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { searchPeople: [] } });
      expect(received).toEqual(["family-index"]);
    });

    it.each(["2024-02-30T10:00:00Z", "12/03/1994", "19940312", "2019-07-04"])(
      "refuses DateTime %s (the audit trail's from) before the audit subgraph is called",
      async (from) => {
        await expectRefused(
          await post(
            `query T($from: DateTime) { auditTrail(personId: "p1", from: $from) { eventId } }`,
            { from },
            {
              role: "ig-auditor",
              purpose: "audit",
            },
          ),
          "from",
          /^from: That is not a date and time: write them in ISO 8601 with an offset, for example 2024-03-12T14:05:00Z\.$/,
          from,
        );
      },
    );
  });
});
