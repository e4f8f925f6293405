/**
 * THE AGENCY CONTRACT: what every agency subgraph promises, asserted the same way for each. An
 * agency's `src/contract.test.ts` calls `describeAgencyContract(spec)` with how to build its
 * server, its fixture database and, for each `@key` type, representations the fixture holds;
 * everything else comes from the code the contract checks: the `@key` types from the subgraph's
 * SDL (a new one fails here until the spec lists it), the callers from the access policy, the
 * field group and `Person` field from the service registry, and what is detail from each field's
 * description ("Detail: null with FORBIDDEN for a summary").
 *
 * 1. `_entities`: several representations resolve in one call with the spec's queries (one per
 *    table, counted), fewer queries than entities (no N+1); unknown keys are null, not errors.
 * 2. Agency down: every `@key` type answers AGENCY_UNAVAILABLE naming the agency, with no
 *    internal detail; the log line holds no value of the request; the identity feed answers 503,
 *    and so does the involvement feed (which refuses a caller without family-index's token).
 * 3. The policy: every role with every purpose it may state (with and without break-glass where
 *    it may break glass, and with and without a relationship for `Person`) sees each entity as
 *    its grant on the agency's field group says: nothing (FORBIDDEN, nothing read), a summary
 *    (detail null with FORBIDDEN) or everything; an aggregate of a locality list (counts that
 *    name no one) as the list's policy says: everything, or FORBIDDEN with nothing read.
 * 4. A bad row fails the read as AGENCY_UNAVAILABLE under the kit's one bad-row policy, logged
 *    once as `agency.rows_invalid` with the count and column names, never a value.
 */
import {
  agencyService,
  agencyUnavailable,
  callerFor,
  connectPostgres,
  CountingDb,
  grantFor,
  grants,
  GROUP_SERVICE,
  IDENTITY_FEED_AUDIENCE,
  IDENTITY_FEED_PATH,
  INVOLVEMENT_FEED_PATH,
  mayBreakGlass,
  mayReadList,
  MemoryCache,
  printSubgraphSdl,
  purposesFor,
  ROLES,
  signServiceToken,
  type Agency,
  type AgencyRuntime,
  type AgencyServer,
  type Caller,
  type Db,
  type FieldGroup,
  type Grant,
  type AgencyFeedSource,
  type LocalityList,
  type Logger,
} from "@ffd/shared";
import {
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  GraphQLList,
  Kind,
  parse,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import { capturingLogger, FULL_ACCESS, gatewayAuthorization, inProcess, type InProcessServer } from "./agency";
import { TEST_SECRETS } from "./secrets";

/** A representation without its `__typename` (the contract adds it). */
export type Representation = Record<string, unknown>;

/**
 * How an entity reached by key is guarded (the reference resolver the agency declared for it):
 * - `person`: family-index's Person, extended; the agency's field follows the grant (with the
 *   representation's relationship flag);
 * - `record`: part of the agency's record; NONE refuses it whole, SUMMARY withholds its detail;
 * - `detail`: detail all through (a registered child, a baby's birth): short of FULL, refused whole;
 * - `public`: holds no personal data (a directory); shown to every caller;
 * - `list`: counts that name no one, for the readers of a locality list (`list`, LOCALITY_LISTS):
 *   whole to them, refused whole (FORBIDDEN, nothing read) to everyone else.
 */
export type EntityGuard = "person" | "record" | "detail" | "public" | "list";

export interface ContractEntity {
  guard: EntityGuard;
  /** With guard `list`: the locality list whose policy the entity follows. */
  list?: LocalityList;
  /** Representations of entities the fixture holds: at least two, more than `queries` has queries. */
  known: readonly Representation[];
  /** Representations of entities it does not hold (unknown or malformed keys): null, no error. */
  unknown?: readonly Representation[];
  /**
   * The queries one `_entities` call of `known` (every field selected) makes: for each, the tables
   * it reads (FROM and JOIN), sorted and joined by commas, e.g. "hv_caseload,hv_patient".
   */
  queries: readonly string[];
}

/** What every agency's createServer takes: its system's database, a logger and (among its settings) the internal secret. */
export interface AgencyServerOptions {
  db: Db;
  logger: Logger;
  config: { INTERNAL_TOKEN_SECRET: string };
}

export interface AgencyContractSpec<Ctx extends object, O extends AgencyServerOptions> {
  agency: Agency;
  /** A fresh database holding the agency's fixture rows. */
  openFixtureDb(): Promise<Db>;
  /** The agency's createServer. */
  createServer(options: O): Promise<AgencyServer<Ctx, AgencyFeedSource>>;
  /** What else it takes for the fixture (the contract adds the database, the logger and the test secret). */
  settings: Omit<O, keyof AgencyServerOptions> & { config: Omit<O["config"], "INTERNAL_TOKEN_SECRET"> };
  /** Every `@key` type of the subgraph, by name. */
  entities: Readonly<Record<string, ContractEntity>>;
  /** A database that fails every query as the agency system does when down (default: a refused connection). */
  down?: () => Promise<Db> | Db;
  badRow: {
    /** Writes rows breaking the system's contract into a fixture database. */
    plant(db: Db): Promise<void>;
    /** The `@key` type and representations whose read meets the bad rows. */
    entity: string;
    representations: readonly Representation[];
    /** What agency.rows_invalid logs: how many rows, which columns. */
    count: number;
    columns: readonly string[];
    /** The planted values: never in the log or the answer. */
    values: readonly string[];
  };
}

/** A PostgreSQL server that refuses every connection (nothing listens on port 1): the system down. */
export function refusingDatabase(): Db {
  return connectPostgres("postgres://agency@127.0.0.1:1/agency");
}

/**
 * Runs `use` against an agency server made by `create` over a database that refuses every
 * connection (the system down), answering in process; stops the server and closes the database after.
 */
export async function withSystemDown<Ctx extends object, T>(
  create: (db: Db) => Promise<InProcessServer<Ctx>>,
  use: (client: Awaited<ReturnType<typeof inProcess<Ctx>>>) => Promise<T>,
): Promise<T> {
  const down = refusingDatabase();
  try {
    const client = await inProcess(await create(down));
    try {
      return await use(client);
    } finally {
      await client.stop();
    }
  } finally {
    await down.close();
  }
}

/** The `@key` types of a schema, read from its SDL, each with the top-level fields of its key. */
export function keyedTypesOf(schema: GraphQLSchema): Map<string, string[]> {
  const keyed = new Map<string, string[]>();
  for (const definition of parse(printSubgraphSdl(schema)).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== "key") continue;
      // A stub of another subgraph's entity (`resolvable: false`) is never resolved here by key.
      const resolvable = directive.arguments?.find((a) => a.name.value === "resolvable")?.value;
      if (resolvable?.kind === Kind.BOOLEAN && !resolvable.value) continue;
      const fields = directive.arguments?.find((a) => a.name.value === "fields")?.value;
      if (fields?.kind !== Kind.STRING) continue;
      const names = fields.value
        .replace(/\{[^}]*\}/g, " ")
        .split(/\s+/)
        .filter(Boolean);
      keyed.set(definition.name.value, [...(keyed.get(definition.name.value) ?? []), ...names]);
    }
  }
  return keyed;
}

/** The tables each statement reads (FROM and JOIN, not a function such as unnest), sorted, joined by commas. */
export function tablesOf(statements: readonly string[]): string[] {
  return statements
    .map((sql) =>
      [...new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)\b(?!\s*\()/gi)].map((m) => m[1]))]
        .sort()
        .join(","),
    )
    .sort();
}

const DETAIL = "Detail: null with FORBIDDEN for a summary";
const isDetail = (type: GraphQLObjectType, field: string) =>
  type.getFields()[field].description?.includes(DETAIL) ?? false;

/** Every field of a type, and of the objects under it, that takes no required argument. */
export function selectionOf(type: GraphQLObjectType, depth = 0): string {
  if (depth > 5) throw new Error(`${type.name} nests too deeply for the contract`);
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named)) parts.push(`${field.name} { ${selectionOf(named, depth + 1)} }`);
    else throw new Error(`${type.name}.${field.name}: abstract types are not handled by the contract`);
  }
  return parts.join(" ");
}

type Json = any; // answers are walked generically below
type Path = (string | number)[];

/**
 * What a summary shows of a full answer: every field documented as detail is null (with a
 * FORBIDDEN error at its path); everything else as in full. Returns the data and withheld paths.
 */
function summaryOf(value: Json, type: GraphQLOutputType, path: Path): [Json, Path[]] {
  if (value === null || value === undefined) return [value, []];
  if (isNonNullType(type)) return summaryOf(value, type.ofType, path);
  if (isListType(type)) {
    const items = (value as Json[]).map((v, i) => summaryOf(v, type.ofType, [...path, i]));
    return [items.map(([v]) => v), items.flatMap(([, p]) => p)];
  }
  if (!isObjectType(type)) return [value, []];
  const out: Record<string, Json> = {};
  const withheld: Path[] = [];
  for (const [key, v] of Object.entries(value as Record<string, Json>)) {
    if (isDetail(type, key)) {
      out[key] = null;
      withheld.push([...path, key]);
    } else {
      const [sv, sp] = summaryOf(v, type.getFields()[key].type, [...path, key]);
      out[key] = sv;
      withheld.push(...sp);
    }
  }
  return [out, withheld];
}

/** Every role with every purpose it may state, and with break-glass where the policy lets it break glass. */
export const POLICY_CALLERS: readonly Caller[] = ROLES.flatMap((role) =>
  purposesFor(role).flatMap((purpose) => [
    callerFor(role, purpose),
    ...(mayBreakGlass(role, purpose) ? [callerFor(role, purpose, { breakGlass: true })] : []),
  ]),
);

const label = (caller: Caller) => `${caller.role} for ${caller.purpose}${caller.breakGlass ? " (break-glass)" : ""}`;
const errorsAt = (errors: readonly GraphQLFormattedError[]) =>
  errors
    .map((e) => ({ code: e.extensions?.code, agency: e.extensions?.agency, path: JSON.stringify(e.path) }))
    .sort((a, b) => a.path.localeCompare(b.path));
/** Strings of the representations (ids and local ids): personal identifiers a log line must not hold. */
const valuesOf = (representations: readonly Representation[]) =>
  representations
    .flatMap((r) => Object.values(r).flat())
    .filter((v): v is string => typeof v === "string" && v.length > 2);
/** What an answer or a log line must never show of the agency system. */
const INTERNALS =
  /ECONNREFUSED \d|connect ECONNREFUSED|127\.0\.0\.1|postgres|PGlite|\bSELECT\b|"stack"|\bat .*\.ts:\d/i;

interface Answer {
  data: Json;
  errors: GraphQLFormattedError[];
}

export function describeAgencyContract<Ctx extends object, O extends AgencyServerOptions>(
  spec: AgencyContractSpec<Ctx, O>,
): void {
  const serverOver = (db: Db, logger: Logger, runtime?: AgencyRuntime) => {
    const config = { ...spec.settings.config, INTERNAL_TOKEN_SECRET: TEST_SECRETS.INTERNAL_TOKEN_SECRET };
    return spec.createServer({ ...spec.settings, db, logger, config, runtime } as unknown as O);
  };
  const { fieldGroup, personField, linkListField } = agencyService(spec.agency);
  const group = fieldGroup as FieldGroup;
  const typeNames = Object.keys(spec.entities);
  const withTypename = (typeName: string, reps: readonly Representation[]) =>
    reps.map((r) => ({ __typename: typeName, ...r }));

  /** A new server over `db`, counted (a new one each time: no cache of an earlier one counts), in process. */
  async function counted(db: Db, logger: Logger = capturingLogger(), runtime?: AgencyRuntime) {
    const counting = new CountingDb(db);
    const server = await serverOver(counting, logger, runtime);
    const answering = await inProcess(server);
    const ask = async (
      typeName: string,
      representations: readonly Representation[],
      caller: Caller,
      requestId = "contract",
    ): Promise<Answer> => {
      const type = server.schema.getType(typeName) as GraphQLObjectType;
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selectionOf(type)} } } }`;
      const { data, errors } = await answering.run(
        query,
        { r: withTypename(typeName, representations) },
        caller,
        requestId,
      );
      return { data: (data as Json)?._entities, errors: [...(errors ?? [])] };
    };
    return { server, counting, ask, close: answering.stop };
  }

  describe(`${spec.agency}: the agency contract`, () => {
    /** The fixture database every in-process test reads (the bad-row test plants its rows in its own). */
    let fixture: Db;
    beforeAll(async () => {
      fixture = await spec.openFixtureDb();
    });
    afterAll(() => fixture.close());

    describe("every @key type resolves through _entities, one query per table", () => {
      it("lists exactly the @key types of the subgraph's SDL, each with representations carrying its key", async () => {
        const { server, close } = await counted(fixture);
        try {
          const keyed = keyedTypesOf(server.schema);
          expect([...keyed.keys()].sort()).toEqual([...typeNames].sort());
          for (const [typeName, keyFields] of keyed) {
            const { known } = spec.entities[typeName];
            expect(known.length).toBeGreaterThanOrEqual(2);
            for (const representation of known)
              expect(Object.keys(representation)).toEqual(expect.arrayContaining(keyFields));
          }
        } finally {
          await close();
        }
      });

      it.each(typeNames)("%s: several representations in one call, counted", async (typeName) => {
        const entity = spec.entities[typeName];
        const unknown = entity.unknown ?? [];
        const { server, counting, ask, close } = await counted(fixture);
        try {
          const { data, errors } = await ask(typeName, [...entity.known, ...unknown], FULL_ACCESS);
          expect(errors).toEqual([]);
          const found = (data as Json[]).map((e) => (entity.guard === "person" ? e?.[personField] : e) ?? null);
          expect(found.map((e) => e !== null)).toEqual([...entity.known.map(() => true), ...unknown.map(() => false)]);
          // Each answer is the entity asked for, in the order asked (its key as the representation's).
          const keyFields = keyedTypesOf(server.schema).get(typeName) ?? [];
          const keysOf = (e: Json) => keyFields.map((k) => e?.[k] ?? null);
          const answered =
            entity.guard === "person" ? (data as Json[]) : (data as Json[]).slice(0, entity.known.length);
          const asked = entity.guard === "person" ? [...entity.known, ...unknown] : entity.known;
          expect(answered.map(keysOf)).toEqual(asked.map(keysOf));
          expect(tablesOf(counting.statements)).toEqual([...entity.queries].sort());
          // N+1 would cost at least a query an entity.
          expect(counting.count).toBeLessThan(entity.known.length);
        } finally {
          await close();
        }
      });

      it.each(typeNames)("%s: the same answer from the record cache as from the system", async (typeName) => {
        const entity = spec.entities[typeName];
        const representations = [...entity.known, ...(entity.unknown ?? [])];
        const plain = await counted(fixture);
        const cached = await counted(fixture, capturingLogger(), {
          recordCache: { cache: new MemoryCache(), ttlSeconds: 60 },
        });
        try {
          const expected = await plain.ask(typeName, representations, FULL_ACCESS);
          const first = await cached.ask(typeName, representations, FULL_ACCESS);
          const firstCount = cached.counting.count;
          cached.counting.reset();
          // The second answer is read (in part, for a Person wholly) from the cache, through JSON.
          const second = await cached.ask(typeName, representations, FULL_ACCESS);
          expect(first).toEqual(expected);
          expect(second).toEqual(expected);
          if (entity.guard === "person") {
            // The people the system holds, asked again, cost fewer queries (one not held is never cached).
            cached.counting.reset();
            await cached.ask(typeName, entity.known, FULL_ACCESS);
            expect(cached.counting.count).toBeLessThan(firstCount);
          }
        } finally {
          await plain.close();
          await cached.close();
        }
      });

      if (spec.entities.Person?.guard === "person") {
        it(`Person: no ${linkListField} to read, nothing read`, async () => {
          const { counting, ask, close } = await counted(fixture);
          try {
            const { data, errors } = await ask("Person", [{ id: "p-none", [linkListField]: [] }], FULL_ACCESS);
            expect(errors).toEqual([]);
            expect((data as Json[]).map((e) => e[personField])).toEqual([null]);
            expect(counting.count).toBe(0);
          } finally {
            await close();
          }
        });
      }
    });

    describe("with the agency system down", () => {
      let running: Awaited<ReturnType<AgencyServer<Ctx, AgencyFeedSource>["start"]>>;
      let down: Db;
      const logger = capturingLogger();

      beforeAll(async () => {
        down = await (spec.down ?? refusingDatabase)();
        running = await (await serverOver(down, logger)).start(0);
      });
      afterAll(async () => {
        await running.stop();
        await down.close();
      });

      it.each(typeNames)(
        "%s: AGENCY_UNAVAILABLE naming the agency, no internal detail, nothing personal logged",
        async (typeName) => {
          logger.lines.length = 0;
          const { known, guard } = spec.entities[typeName];
          const selection = guard === "person" ? `id ${personField} { __typename }` : "__typename";
          const response = await fetch(running.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: await gatewayAuthorization(TEST_SECRETS.INTERNAL_TOKEN_SECRET),
            },
            body: JSON.stringify({
              query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { ${selection} } } }`,
              variables: { r: withTypename(typeName, known) },
            }),
          });
          const text = await response.text();
          const body = JSON.parse(text) as { data?: { _entities: unknown[] }; errors?: GraphQLFormattedError[] };
          expect(body.data?._entities).toEqual(
            known.map((r) => (guard === "person" ? { id: r.id, [personField]: null } : null)),
          );
          const unavailable = agencyUnavailable(spec.agency);
          expect(body.errors?.map((e) => [e.message, e.extensions])).toEqual(
            known.map(() => [unavailable.message, { code: "AGENCY_UNAVAILABLE", agency: spec.agency }]),
          );
          // One error an entity, at its path (in whichever order the batch failed them).
          expect(body.errors?.map((e) => JSON.stringify(e.path)).sort()).toEqual(
            known
              .map((_, i) => JSON.stringify(guard === "person" ? ["_entities", i, personField] : ["_entities", i]))
              .sort(),
          );
          expect(text).not.toMatch(INTERNALS);
          const lines = logger.lines.filter((l) => l.event === "agency.unavailable");
          // Once per failed batch (at most one a query of the read), never once per entity.
          expect(lines.length).toBeGreaterThan(0);
          expect(lines.length).toBeLessThanOrEqual(spec.entities[typeName].queries.length);
          for (const line of lines) {
            expect(line).toMatchObject({
              level: "error",
              fields: { agency: spec.agency, requestId: expect.any(String), errorName: expect.any(String) },
            });
          }
          const logged = JSON.stringify(logger.lines);
          for (const value of valuesOf(known)) expect(logged).not.toContain(value);
          expect(logged).not.toMatch(/127\.0\.0\.1|connect ECONNREFUSED|password/);
        },
      );

      it("answers 503 on the identity feed, without detail", async () => {
        const token = await signServiceToken(
          TEST_SECRETS.INTERNAL_TOKEN_SECRET,
          "family-index",
          IDENTITY_FEED_AUDIENCE,
        );
        const response = await fetch(running.url.replace(/\/graphql$/, IDENTITY_FEED_PATH), {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(503);
        expect(await response.text()).not.toMatch(INTERNALS);
      });

      it("answers 503 on the involvement feed, without detail, and refuses it without family-index's token", async () => {
        const url = running.url.replace(/\/graphql$/, INVOLVEMENT_FEED_PATH);
        // The local ids the fixture holds for persons: the system must be asked, and fails.
        const localIds = spec.entities.Person.known.flatMap((r) => (r[linkListField] as string[] | undefined) ?? []);
        const post = (headers: Record<string, string>) =>
          fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ localIds }),
          });
        expect((await post({})).status).toBe(401);
        const token = await signServiceToken(
          TEST_SECRETS.INTERNAL_TOKEN_SECRET,
          "family-index",
          IDENTITY_FEED_AUDIENCE,
        );
        const response = await post({ authorization: `Bearer ${token}` });
        expect(response.status).toBe(503);
        const body = await response.text();
        expect(body).not.toMatch(INTERNALS);
        for (const id of localIds) expect(body + JSON.stringify(logger.lines)).not.toContain(id);
      });
    });

    describe(`the access policy on ${group}, for every role and purpose`, () => {
      let context: Awaited<ReturnType<typeof counted>>;
      /** The full answer for each type (and relationship flag), asked once. */
      const fullAnswers = new Map<string, Promise<Answer>>();
      beforeAll(async () => {
        context = await counted(fixture);
      });
      afterAll(() => context.close());

      const representationsOf = (typeName: string, relationship: boolean) =>
        spec.entities[typeName].known.map((r) =>
          spec.entities[typeName].guard === "person" ? { ...r, legitimateRelationship: relationship } : r,
        );
      const fullOf = (typeName: string, relationship: boolean) => {
        const key = `${typeName}:${relationship}`;
        if (!fullAnswers.has(key))
          fullAnswers.set(key, context.ask(typeName, representationsOf(typeName, relationship), FULL_ACCESS));
        return fullAnswers.get(key)!;
      };

      const listOf = (typeName: string): LocalityList => {
        const { list } = spec.entities[typeName];
        if (!list) throw new Error(`${typeName}: guard "list" needs the list whose policy it follows`);
        return list;
      };
      const cases = typeNames.flatMap((typeName) =>
        (spec.entities[typeName].guard === "person" ? [false, true] : [false]).flatMap((relationship) =>
          POLICY_CALLERS.map((caller) => ({
            typeName,
            caller,
            relationship,
            grant: grantFor(caller, group, relationship),
            who: `${label(caller)}${relationship ? " with a relationship" : ""}`,
          })),
        ),
      );

      it("has a role the policy shows the group to and one it withholds it from", () => {
        const levels = new Set(cases.map((c) => c.grant));
        expect(levels).toContain("FULL");
        expect([...levels].some((g) => g !== "FULL")).toBe(true);
      });

      it.each(cases)("$typeName as $who: grant $grant", async ({ typeName, caller, relationship, grant }) => {
        const { guard } = spec.entities[typeName];
        const type = context.server.schema.getType(typeName) as GraphQLObjectType;
        const full = await fullOf(typeName, relationship);
        expect(full.errors).toEqual([]);
        const [summary, withheld] = summaryOf(full.data, new GraphQLList(type), ["_entities"]);
        if (guard === "person" || guard === "record") expect(withheld.length).toBeGreaterThan(0);

        context.counting.reset();
        const seen = await context.ask(typeName, representationsOf(typeName, relationship), caller);
        const forbidden = (paths: Path[]) =>
          errorsAt(
            paths.map((path) => ({
              message: "",
              path,
              extensions: { code: "FORBIDDEN", agency: GROUP_SERVICE[group] },
            })),
          );
        const indexes = (full.data as Json[]).map((_, i) => i);
        const listed =
          guard === "list" && !!caller.purpose && mayReadList(caller.role, caller.purpose, listOf(typeName));
        const effective: Grant = guard === "public" || listed ? "FULL" : guard === "list" ? "NONE" : grant;
        const needed: Grant = guard === "detail" ? "FULL" : "SUMMARY";

        if (effective === "FULL") {
          expect(seen).toEqual(full);
        } else if (guard === "person" && effective === "NONE") {
          expect(seen.data).toEqual((full.data as Json[]).map((e) => ({ ...e, [personField]: null })));
          expect(errorsAt(seen.errors)).toEqual(forbidden(indexes.map((i) => ["_entities", i, personField])));
          for (const error of seen.errors) expect(error.message).toMatch(/not shown/);
        } else if (!grants(effective, needed)) {
          expect(seen.data).toEqual(indexes.map(() => null));
          expect(errorsAt(seen.errors)).toEqual(forbidden(indexes.map((i) => ["_entities", i])));
          if (effective === "NONE" && guard !== "list")
            for (const error of seen.errors) expect(error.message).toMatch(/not shown/);
        } else {
          expect(seen.data).toEqual(summary);
          expect(errorsAt(seen.errors)).toEqual(forbidden(withheld));
        }
        // Refused before anything is read.
        if (!grants(effective, needed)) expect(context.counting.count).toBe(0);
      });
    });

    describe("a row breaking the system's contract (the one bad-row policy)", () => {
      it(`fails the read as AGENCY_UNAVAILABLE and logs agency.rows_invalid with count and columns, never a value`, async () => {
        const { badRow } = spec;
        const logger = capturingLogger();
        const db = await spec.openFixtureDb();
        await badRow.plant(db);
        const { ask, close } = await counted(db, logger);
        try {
          const { guard } = spec.entities[badRow.entity];
          const { data, errors } = await ask(badRow.entity, badRow.representations, FULL_ACCESS, "contract-bad-row");
          const read = (data as Json[]).map((e) => (guard === "person" ? e[personField] : e));
          expect(read).toEqual(badRow.representations.map(() => null));
          expect(errors.length).toBeGreaterThan(0);
          for (const error of errors)
            expect(error.extensions).toEqual({ code: "AGENCY_UNAVAILABLE", agency: spec.agency });
          expect(logger.lines.filter((l) => l.event.startsWith("agency."))).toEqual([
            {
              level: "error",
              event: "agency.rows_invalid",
              fields: {
                requestId: "contract-bad-row",
                agency: spec.agency,
                count: badRow.count,
                columns: [...badRow.columns],
              },
            },
          ]);
          const seen = JSON.stringify({ logged: logger.lines, data, errors });
          for (const value of badRow.values) expect(seen).not.toContain(value);
          const logged = JSON.stringify(logger.lines);
          for (const value of valuesOf(badRow.representations)) expect(logged).not.toContain(value);
        } finally {
          await close();
          await db.close();
        }
      });
    });
  });
}
