/**
 * Every entity an agency subgraph resolves by its key (`_entities`) applies the access policy as
 * the field that normally leads to it does, for every role and purpose: a caller holding a gateway
 * token cannot skip `Person.maternity` by asking for a `Pregnancy` by id. The entity types are read
 * from each subgraph's schema (its `_Entity` union), so a new one fails here until it is
 * classified below; what counts as detail is what each field's description says ("Detail: null
 * with FORBIDDEN for a summary"), so the documentation is checked against the behaviour too.
 */
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  callerFor,
  createLogger,
  grantFor,
  GROUP_SERVICE,
  maskFormattedError,
  mayDeclare,
  PURPOSES_OF_ACCESS,
  ROLES,
  type Caller,
  type Db,
  type FieldGroup,
  type Grant,
} from "@ffd/shared";
import {
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import * as childrensCentres from "../subgraphs/childrens-centres/src/server";
import { PostgresChildrensCentresSource } from "../subgraphs/childrens-centres/src/source/childrens-centres.postgres";
import {
  FIXTURE_REFERENCE_DATE as CENTRES_DATE,
  openFixtureDb as centresDb,
} from "../subgraphs/childrens-centres/src/testing/fixtures";
import * as healthVisiting from "../subgraphs/health-visiting/src/server";
import {
  FIXTURE_REFERENCE_DATE as HV_DATE,
  openFixtureDb as healthVisitingDb,
} from "../subgraphs/health-visiting/src/testing/health-visiting.fixture";
import * as maternity from "../subgraphs/maternity/src/server";
import { PostgresMaternitySource } from "../subgraphs/maternity/src/source/maternity.postgres";
import { openFixtureDb as maternityDb } from "../subgraphs/maternity/src/testing/fixtures";
import * as childrensSocialCare from "../subgraphs/childrens-social-care/src/server";
import {
  FIXTURE_TODAY as CSC_TODAY,
  openFixtureDb as childrensSocialCareDb,
} from "../subgraphs/childrens-social-care/src/testing/fixtures";
import * as registration from "../subgraphs/registration/src/server";
import { openFixtureDb as registrationDb } from "../subgraphs/registration/src/testing/fixtures";
import { TEST_SECRETS } from "./support/secrets";

const logger = createLogger("entity-access-test", "silent");
/**
 * How an entity reached by key is guarded:
 * - `entity`: part of the agency's record; the whole entity follows the agency's grant (NONE:
 *   null with FORBIDDEN naming the agency; SUMMARY: detail withheld);
 * - `detail`: detail of the agency's record all through (a registered child, a baby's birth: only
 *   ever shown with full detail); anything short of FULL is null with FORBIDDEN naming the agency;
 * - `person`: the family index's Person, extended; its agency field follows the grant;
 * - `public`: holds no personal data (the children's centre directory); shown to every caller.
 */
type Kind = "entity" | "detail" | { person: string } | "public";

interface Agency {
  service: string;
  group: FieldGroup;
  /** Each @key type of the subgraph: how it is guarded, and a representation of one the fixtures hold. */
  entities: Record<string, { kind: Kind; representation: Record<string, unknown> }>;
  open(): Promise<{ db: Db; schema: GraphQLSchema; context: (caller: Caller) => object }>;
}

const NO_RELATIONSHIP = { legitimateRelationship: false };

const AGENCIES: Agency[] = [
  {
    service: "maternity",
    group: "maternity",
    entities: {
      Person: {
        kind: { person: "maternity" },
        representation: { id: "p-beth", maternityRecordIds: ["MAT0000002"], ...NO_RELATIONSHIP },
      },
      Pregnancy: { kind: "entity", representation: { id: "PRG0000002" } },
      BirthDetails: { kind: "detail", representation: { localId: "BAB0000001" } },
    },
    async open() {
      const db = await maternityDb();
      const source = new PostgresMaternitySource(db);
      return {
        db,
        schema: await maternity.buildSchema(),
        context: (caller) => maternity.createContext({ source, logger, requestId: "test", caller }),
      };
    },
  },
  {
    service: "health-visiting",
    group: "healthVisiting",
    entities: {
      Person: {
        kind: { person: "healthVisiting" },
        representation: { id: "p-zara", healthVisitingRecordIds: ["1002"], ...NO_RELATIONSHIP },
      },
    },
    async open() {
      const db = await healthVisitingDb();
      const server = await healthVisiting.createServer({
        db,
        config: { REFERENCE_DATE: HV_DATE, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
        logger,
      });
      return { db, schema: server.schema, context: (caller) => server.context(caller) };
    },
  },
  {
    service: "childrens-centres",
    group: "childrensCentres",
    entities: {
      Person: {
        kind: { person: "childrensCentres" },
        representation: { id: "p-amira", childrensCentresRecordIds: ["M0000001"], ...NO_RELATIONSHIP },
      },
      ChildrensCentre: { kind: "public", representation: { code: "CC01" } },
    },
    async open() {
      const db = await centresDb();
      const source = new PostgresChildrensCentresSource(db);
      return {
        db,
        schema: await childrensCentres.buildSchema(),
        context: (caller) =>
          childrensCentres.createContext({ source, logger, requestId: "test", caller, referenceDate: CENTRES_DATE }),
      };
    },
  },
  {
    service: "registration",
    group: "birthRegistration",
    entities: {
      Person: {
        kind: { person: "birthRegistration" },
        representation: { id: "p-lily", registrationRecordIds: ["Northbrook:101:child"], ...NO_RELATIONSHIP },
      },
      BirthRegistration: { kind: "entity", representation: { id: "Northbrook:101" } },
      RegisteredChild: { kind: "detail", representation: { localId: "Northbrook:101:child" } },
      RegisteredParent: { kind: "detail", representation: { localId: "Northbrook:101:mother" } },
    },
    async open() {
      const db = await registrationDb();
      const server = await registration.createServer({
        db,
        config: { INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
        logger,
      });
      return { db, schema: server.schema, context: (caller) => server.context(caller) };
    },
  },
  {
    service: "childrens-social-care",
    group: "childrensSocialCare",
    entities: {
      Person: {
        kind: { person: "childrensSocialCare" },
        representation: { id: "p-daniel", childrensSocialCareRecordIds: ["C1000002"], ...NO_RELATIONSHIP },
      },
    },
    async open() {
      const db = await childrensSocialCareDb();
      const server = await childrensSocialCare.createServer({
        db,
        config: { INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET },
        logger,
        today: () => CSC_TODAY,
      });
      return { db, schema: server.schema, context: (caller) => server.context(caller) };
    },
  },
];

const DETAIL = "Detail: null with FORBIDDEN for a summary";
const isDetail = (type: GraphQLObjectType, field: string) =>
  type.getFields()[field].description?.includes(DETAIL) ?? false;

/** Every field of a type, and of the objects under it, that takes no required argument. */
function selectionOf(type: GraphQLObjectType, depth = 0): string {
  if (depth > 5) throw new Error(`${type.name} nests too deeply for this test`);
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named)) parts.push(`${field.name} { ${selectionOf(named, depth + 1)} }`);
    else throw new Error(`${type.name}.${field.name}: abstract types are not handled by this test`);
  }
  return parts.join(" ");
}

type Json = any; // answers are walked generically below

/**
 * What a summary shows of a full answer: every field documented as detail is null (with a
 * FORBIDDEN error at its path); everything else as in full. Returns the expected data and the
 * paths of the withheld fields.
 */
function summaryOf(value: Json, type: GraphQLOutputType, path: (string | number)[]): [Json, string[]] {
  if (value === null || value === undefined) return [value, []];
  if (isNonNullType(type)) return summaryOf(value, type.ofType, path);
  if (isListType(type)) {
    const items = (value as Json[]).map((v, i) => summaryOf(v, type.ofType, [...path, i]));
    return [items.map(([v]) => v), items.flatMap(([, p]) => p)];
  }
  if (!isObjectType(type)) return [value, []];
  const out: Record<string, Json> = {};
  const withheld: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, Json>)) {
    if (isDetail(type, key)) {
      out[key] = null;
      withheld.push(JSON.stringify([...path, key]));
    } else {
      const [sv, sp] = summaryOf(v, type.getFields()[key].type, [...path, key]);
      out[key] = sv;
      withheld.push(...sp);
    }
  }
  return [out, withheld];
}

/** Every role with every purpose it may state. */
const CALLERS = ROLES.flatMap((role) =>
  PURPOSES_OF_ACCESS.filter((purpose) => mayDeclare(role, purpose)).map((purpose) => callerFor(role, purpose)),
);
/** Full detail of every agency: a safeguarding lead who broke glass. */
const FULL_ACCESS = callerFor("safeguarding-lead", "safeguarding", { breakGlass: true });

describe.each(AGENCIES)("$service: entities reached by key follow the access policy", (agency) => {
  let db: Db;
  let schema: GraphQLSchema;
  let apollo: ApolloServer<object>;
  let contextFor: (caller: Caller) => object;

  beforeAll(async () => {
    ({ db, schema, context: contextFor } = await agency.open());
    apollo = new ApolloServer<object>({
      schema,
      formatError: maskFormattedError,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await db.close();
  });

  async function entity(typeName: string, caller: Caller): Promise<{ data: Json; errors: GraphQLFormattedError[] }> {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selectionOf(type)} } } }`;
    const representations = [{ __typename: typeName, ...agency.entities[typeName].representation }];
    const response = await apollo.executeOperation(
      { query, variables: { r: representations } },
      { contextValue: contextFor(caller) },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    const { data, errors } = response.body.singleResult;
    return { data: (data as Json)?._entities?.[0], errors: [...(errors ?? [])] };
  }

  /** The full answer for each type, asked once. */
  const fullAnswers = new Map<string, Promise<{ data: Json; errors: GraphQLFormattedError[] }>>();
  const fullOf = (typeName: string) => {
    if (!fullAnswers.has(typeName)) fullAnswers.set(typeName, entity(typeName, FULL_ACCESS));
    return fullAnswers.get(typeName)!;
  };

  it("classifies every @key type of the subgraph", () => {
    const union = schema.getType("_Entity");
    const names = isUnionType(union) ? union.getTypes().map((t) => t.name) : [];
    expect(names.sort()).toEqual(Object.keys(agency.entities).sort());
  });

  const cases = Object.keys(agency.entities).flatMap((typeName) =>
    CALLERS.map((caller) => ({
      typeName,
      caller,
      grant: grantFor(caller, agency.group, false),
      label: `${caller.role} for ${caller.purpose}`,
    })),
  );

  it.each(cases)("$typeName as $label: grant $grant", async ({ typeName, caller, grant }) => {
    const { kind } = agency.entities[typeName];
    const type = schema.getType(typeName) as GraphQLObjectType;
    const full = await fullOf(typeName);
    expect(full.errors).toEqual([]);
    expect(full.data).not.toBeNull();
    const [summary, withheld] = summaryOf(full.data, type, ["_entities", 0]);
    if (kind !== "public" && kind !== "detail") expect(withheld.length).toBeGreaterThan(0);

    const seen = await entity(typeName, caller);
    const forbidden = (path: (string | number)[]) => ({
      code: "FORBIDDEN",
      agency: GROUP_SERVICE[agency.group],
      path: JSON.stringify(path),
    });
    const got = seen.errors.map((e) => ({
      code: e.extensions?.code,
      agency: e.extensions?.agency,
      path: JSON.stringify(e.path),
    }));
    const effective: Grant = kind === "public" ? "FULL" : grant;
    if (effective === "FULL") {
      expect(seen).toEqual(full);
    } else if (kind === "detail") {
      expect(seen.data).toBeNull();
      expect(got).toEqual([forbidden(["_entities", 0])]);
    } else if (effective === "SUMMARY") {
      expect(seen.data).toEqual(summary);
      expect(got.sort((a, b) => a.path.localeCompare(b.path))).toEqual(
        withheld.map((p) => forbidden(JSON.parse(p))).sort((a, b) => a.path.localeCompare(b.path)),
      );
    } else if (kind === "entity") {
      expect(seen.data).toBeNull();
      expect(got).toEqual([forbidden(["_entities", 0])]);
      expect(seen.errors[0].message).toMatch(/not shown/);
    } else if (typeof kind === "object") {
      expect(seen.data).toEqual({ ...full.data, [kind.person]: null });
      expect(got).toEqual([forbidden(["_entities", 0, kind.person])]);
    }
  });
});
