"use strict";
/**
 * The files of a new agency subgraph, in the common layout of the agency kit
 * (shared/src/agency-kit/README.md), as `{ path: text }` from the subgraph's folder. One example
 * entity (`<Agency>Entry`, keyed by id) over one example legacy table, so that the subgraph
 * builds, composes, starts, answers `_entities` and passes its tests as generated; the person who
 * owns the agency then replaces the table with the agency's real legacy schema.
 */

function files(n, port) {
  const { name, camel, pascal, envPrefix, snake, label, title } = n;
  const table = `${snake}_entry`;
  const entryDir = `src/entities/${name}-entry`;
  const recordDir = `src/entities/${name}-record`;
  const src = `src/source/${name}`;
  return {
    "package.json": `${JSON.stringify(
      {
        name: `@ffd/${name}`,
        private: true,
        version: "0.1.0",
        description: `Family Front Door ${label} subgraph.`,
        main: "dist/index.js",
        types: "dist/index.d.ts",
        dependencies: {
          "@apollo/server": "^5.5.1",
          "@ffd/shared": "0.1.0",
          dataloader: "^2.2.3",
          graphql: "^16.11.0",
          "type-graphql": "2.0.0-rc.4",
          zod: "^4.6.7",
        },
      },
      null,
      2,
    )}\n`,

    "tsconfig.json": `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "tsBuildInfoFile": "dist/.tsbuildinfo" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"],
  "references": [{ "path": "../../shared" }]
}
`,

    "README.md": `# ${title} subgraph (\`@ffd/${name}\`)

Extends family-index's \`Person\` with \`Person.${camel}\`: what the ${label} system holds about
the person, read live from that system's own database. Written by \`npm run agency:new\` in the
common layout of the agency kit (\`shared/src/agency-kit/README.md\`): knowing one agency subgraph
means knowing this one.

| File                                                   | What it is                                                                       |
| ------------------------------------------------------ | -------------------------------------------------------------------------------- |
| \`src/config.ts\`                                        | Settings, from the service registry row: \`PORT\` (default ${port}), \`${envPrefix}_DATABASE_URL\` |
| \`src/context.ts\`                                       | A request's context: the caller and fresh, guarded loaders                       |
| \`src/server.ts\`                                        | The federated schema and \`createServer\` (the kit's \`agencyServer\`)               |
| \`src/index.ts\`                                         | The entry point (the kit's \`runAgency\`)                                          |
| \`src/entities/person/\`                                 | \`Person.${camel}\`, from the kit's person factory                                 |
| \`src/entities/${name}-record/\`                         | \`${pascal}Record\`, what \`Person.${camel}\` answers                                  |
| \`src/entities/${name}-entry/\`                          | \`${pascal}Entry\`, the example entity: type, resolver, reference, loader           |
| \`src/source/${name}.{port,postgres,codes}.ts\`          | The port, its PostgreSQL adapter (read-only, the kit's bad-row policy), the codes |
| \`src/source/${name}.embedded.ts\`                       | The embedded default: a PGlite database with a few example rows                  |

## Running

\`npm start\` runs it on port ${port} (\`${envPrefix}_PORT\` overrides it). With
\`${envPrefix}_DATABASE_URL\` set it reads that PostgreSQL database (read-only); without, it opens
the embedded default (\`src/source/${name}.embedded.ts\`), a few example rows, loaded by a dynamic
import so that a service given its database never loads it.

## Still to decide

The scaffold could not decide these; until they are, the subgraph serves the example table:

1. **Access policy**: the field group \`${camel}\` is hidden from every role
   (\`POLICY_UNDECIDED_GROUPS\` in \`shared/src/policy.ts\`) until its policy rows are written.
2. **The legacy schema**: replace the example table \`${table}\` (\`src/source/${name}.embedded.ts\`,
   \`${name}.postgres.ts\`, \`${name}.codes.ts\`) with the ${label} system's real tables, codes and dates.
3. **Synthetic data**: a builder for the ${label} system in \`borough/\`, so the synthetic borough
   (and \`npm start\`'s embedded default) holds realistic records linked to its families.
4. **The staff app**: a panel for \`Person.${camel}\` in \`web/\`.

## Tests

\`src/config.test.ts\` (settings) and \`src/server.test.ts\` (the adapter over the example rows with one
query per batch, the identity feed, \`_entities\` for \`Person\` and \`${pascal}Entry\` withheld from every
role while the policy is undecided, the system down as \`AGENCY_UNAVAILABLE\`). Writing the policy
rows is meant to change the test of the undecided policy: replace it with tests of the grants.
`,

    "src/config.ts": `import { agencyEnv, parseConfig, type AgencyConfig } from "@ffd/shared";

/**
 * The ${label} subgraph's environment: the agency kit's, from its registry row (PORT, HOST, the
 * shared settings, and \`${envPrefix}_DATABASE_URL\`, the ${label} system's PostgreSQL, read as
 * DATABASE_URL; unset: the embedded default).
 */
export const ${camel}Env = agencyEnv("${name}");

export type ${pascal}Config = AgencyConfig;

/** Parses the environment once; throws a ConfigError listing every problem. */
export function parse${pascal}Config(env: NodeJS.ProcessEnv = process.env): ${pascal}Config {
  return parseConfig("${name}", ${camel}Env, env);
}
`,

    "src/context.ts": `import { agencyContext, type AgencyContext, type AgencyContextInput } from "@ffd/shared";
import { create${pascal}EntryLoaders, type ${pascal}EntryLoaders } from "./entities/${name}-entry/${name}-entry.loader";
import type { ${pascal}Source } from "./source/${name}.port";

export type ${pascal}Context = AgencyContext<${pascal}EntryLoaders>;

/** A request's context (the kit's): fresh loaders, each guarded (the system down, or answering bad rows, is AGENCY_UNAVAILABLE). */
export function createContext(input: AgencyContextInput<${pascal}Source>): ${pascal}Context {
  return agencyContext("${name}", input, create${pascal}EntryLoaders);
}
`,

    "src/server.ts": `import {
  agencyServer,
  buildFederatedSchema,
  type AgencyRuntime,
  type AgencyServer,
  type Db,
  type Logger,
} from "@ffd/shared";
import type { GraphQLSchema } from "graphql";
import type { ${pascal}Config } from "./config";
import { createContext, type ${pascal}Context } from "./context";
import { ${camel}EntryReference } from "./entities/${name}-entry/${name}-entry.reference";
import { ${pascal}EntryResolver } from "./entities/${name}-entry/${name}-entry.resolver";
import { ${pascal}Entry } from "./entities/${name}-entry/${name}-entry.type";
import { personReference } from "./entities/person/person.reference";
import { PersonResolver } from "./entities/person/person.resolver";
import { Person } from "./entities/person/person.type";
import { Postgres${pascal}Source } from "./source/${name}.postgres";
import type { ${pascal}Source } from "./source/${name}.port";

export { createContext, type ${pascal}Context } from "./context";

/** The ${label} subgraph's federated schema (no root fields of its own: it extends Person). */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    // No root fields: the entity types are reachable only through _entities, so list them.
    { resolvers: [PersonResolver, ${pascal}EntryResolver], orphanedTypes: [Person, ${pascal}Entry] },
    { Person: personReference, ${pascal}Entry: ${camel}EntryReference },
  );
}

export interface ${pascal}ServerOptions {
  /** The ${label} system's database (read-only). */
  db: Db;
  config: Pick<${pascal}Config, "INTERNAL_TOKEN_SECRET">;
  logger: Logger;
  /** The record cache and metrics access (runAgency's); unset: nothing cached, no /metrics. */
  runtime?: AgencyRuntime;
}

export type ${pascal}Server = AgencyServer<${pascal}Context, ${pascal}Source>;

/** Builds the subgraph without listening: index.ts starts it on PORT, tests on port 0. */
export async function createServer({
  db,
  config,
  logger,
  runtime,
}: ${pascal}ServerOptions): Promise<${pascal}Server> {
  const source = new Postgres${pascal}Source(db);
  return agencyServer({
    agency: "${name}",
    schema: await buildSchema(),
    source,
    config,
    logger,
    context: createContext,
    runtime,
    // The port's batch methods keyed by a record's local id alone, kept by the record cache.
    cachedMethods: { entriesById: {} },
  });
}
`,

    "src/index.ts": `import { loadConfigOrExit, runAgency } from "@ffd/shared";
import { ${camel}Env } from "./config";
import { createServer } from "./server";

/** The ${label} subgraph's entry point: the only module with side effects. */
const config = loadConfigOrExit("${name}", ${camel}Env);
void runAgency({
  agency: "${name}",
  config,
  // Loaded only without a database URL: a service given its database never loads the example rows.
  // Once borough/ has a builder for this agency, load \`@ffd/borough\`'s openEmbeddedAgencyDatabase here instead.
  embedded: () => import("./source/${name}.embedded").then((m) => m.openEmbedded${pascal}Database),
  server: (db, logger, runtime) => createServer({ db, config, logger, runtime }),
});
`,

    "src/entities/person/person.type.ts": `import { agencyPersonType } from "@ffd/shared";
import { ${pascal}Record } from "../${name}-record/${name}-record.type";

/** Person is family-index's; this subgraph adds what the ${label} system knows of them. */
export const Person = agencyPersonType("${name}", {
  record: () => ${pascal}Record,
  description:
    "What the ${label} system holds about this person; null when it holds nothing known to be theirs. Full detail or a summary as the access policy gives the caller; null with a FORBIDDEN error when it gives nothing.",
});
`,

    "src/entities/person/person.resolver.ts": `import { agencyPersonResolver, withGrants } from "@ffd/shared";
import type { ${pascal}Context } from "../../context";
import { ${pascal}Record } from "../${name}-record/${name}-record.type";
import { Person } from "./person.type";

/** Person.${camel}: the kit applies the grant; this reads the record. */
export const PersonResolver = agencyPersonResolver("${name}", Person, {
  record: () => ${pascal}Record,
  async load(ids, ctx: ${pascal}Context, grant) {
    const entries = (await ctx.loaders.entries.loadMany(ids)).map((e) => {
      if (e instanceof Error) throw e;
      return e;
    });
    const found = entries.filter((e) => e !== null);
    if (found.length === 0) return null;
    // Copies of the loader's entries (shared by the whole request), each carrying this person's grant.
    const marked = withGrants(
      found.map((e) => ({ ...e })),
      "${camel}",
      grant,
    );
    return { localIds: found.map((e) => e.id), entries: marked };
  },
});
`,

    "src/entities/person/person.reference.ts": `import { agencyPersonReference } from "@ffd/shared";

/** \`_entities\` for Person: the kit's stub, read by Person.${camel} through the request's loaders. */
export const personReference = agencyPersonReference("${name}");
`,

    [`${recordDir}/${name}-record.type.ts`]: `import { Field, ID, ObjectType } from "type-graphql";
import { ${pascal}Entry } from "../${name}-entry/${name}-entry.type";

@ObjectType({ description: "What the ${label} system holds about one person." })
export class ${pascal}Record {
  @Field(() => [ID], { description: "The ${label} local ids this record was read from." })
  localIds!: string[];

  @Field(() => [${pascal}Entry], { description: "The person's entries, oldest first." })
  entries!: ${pascal}Entry[];
}
`,

    [`${entryDir}/${name}-entry.type.ts`]: `import { DateScalar, needs } from "@ffd/shared";
import { Authorized, Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { ${pascal}EntryStatus } from "../../source/${name}.port";

registerEnumType(${pascal}EntryStatus, {
  name: "${pascal}EntryStatus",
  description: "Whether a ${label} entry is open.",
  valuesConfig: {
    OPEN: { description: "Open: the ${label} service is working with the person." },
    CLOSED: { description: "Closed." },
  },
});

/** One entry of the ${label} system (the scaffold's example entity: replace it with the agency's own). */
@Directive('@key(fields: "id")')
@ObjectType({ description: "One entry of the ${label} system about a person." })
export class ${pascal}Entry {
  @Field(() => ID, { description: "The ${label} system's local id of the entry." })
  id!: string;

  @Field(() => ${pascal}EntryStatus)
  status!: ${pascal}EntryStatus;

  @Field(() => DateScalar, { description: "When the entry was opened." })
  openedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: "When it was closed; null while open." })
  closedOn!: string | null;

  @Authorized(needs("${camel}", "FULL"))
  @Field(() => String, { nullable: true, description: "The practitioner's note: full detail only." })
  note!: string | null;
}
`,

    [`${entryDir}/${name}-entry.resolver.ts`]: `import { FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { ${pascal}EntryData } from "../../source/${name}.port";
import { ${pascal}Entry } from "./${name}-entry.type";

/** Computed fields of ${pascal}Entry, from the entry as the port gives it. */
@Resolver(() => ${pascal}Entry)
export class ${pascal}EntryResolver {
  @FieldResolver(() => Int, { nullable: true, description: "Days from opening to closing; null while open." })
  daysOpen(@Root() entry: ${pascal}EntryData): number | null {
    if (entry.closedOn === null) return null;
    return Math.round((Date.parse(entry.closedOn) - Date.parse(entry.openedOn)) / 86_400_000);
  }
}
`,

    [`${entryDir}/${name}-entry.reference.ts`]: `import { guardedReference } from "@ffd/shared";
import type { ${pascal}Context } from "../../context";

/**
 * \`_entities\` for ${pascal}Entry: an entry of the ${label} system, so it gets the grant
 * \`Person.${camel}\` would give (nothing for a role the policy shows none of it). Through the
 * request's loader, so N ids make one query.
 */
export const ${camel}EntryReference = guardedReference(
  "${camel}",
  (ref: { id?: unknown }, ctx: ${pascal}Context) => (typeof ref.id === "string" ? ctx.loaders.entries.load(ref.id) : null),
);
`,

    [`${entryDir}/${name}-entry.loader.ts`]: `import type { GuardedLoaders } from "@ffd/shared";
import type DataLoader from "dataloader";
import type { ${pascal}EntryData, ${pascal}Source } from "../../source/${name}.port";

export interface ${pascal}EntryLoaders {
  /** Entries by local id. */
  entries: DataLoader<string, ${pascal}EntryData | null>;
}

/** Entries by id, one query per batch; guarded by the kit (the system failing is AGENCY_UNAVAILABLE). */
export function create${pascal}EntryLoaders(source: ${pascal}Source, guarded: GuardedLoaders): ${pascal}EntryLoaders {
  return { entries: guarded.loader((ids: readonly string[]) => source.entriesById(ids)) };
}
`,

    [`${src}.port.ts`]: `import type { IdentitySource, InvolvementSource, IsoDate } from "@ffd/shared";

/** Whether an entry is open (the port owns its enums; the adapter translates the system's codes). */
export enum ${pascal}EntryStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}

/** One entry of the ${label} system, translated from its codes. */
export interface ${pascal}EntryData {
  id: string;
  status: ${pascal}EntryStatus;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  note: string | null;
}

/**
 * The ${label} system, as this subgraph needs it. Batch methods take many keys and answer in key
 * order (same length, null for a key with no entry); the identity feed pages through every person;
 * involvements() answers family-index's \`Person.involvements\` (CURRENT while an entry is open).
 */
export interface ${pascal}Source extends IdentitySource, InvolvementSource {
  entriesById(ids: readonly string[]): Promise<(${pascal}EntryData | null)[]>;
}
`,

    [`${src}.codes.ts`]: `import { ${pascal}EntryStatus } from "./${name}.port";

/** The ${label} system's status codes (column \`status_cd\`), as it writes them. */
const STATUS_CODES: Readonly<Record<string, ${pascal}EntryStatus>> = {
  O: ${pascal}EntryStatus.OPEN,
  C: ${pascal}EntryStatus.CLOSED,
};

/** The status of a code, in any case; throws on a code the system does not define (the kit's bad-row policy). */
export function statusOfCode(code: string): ${pascal}EntryStatus {
  const status = STATUS_CODES[code.trim().toUpperCase()];
  if (!status) throw new Error("unknown status code");
  return status;
}

/** The system's sex codes (\`sex_cd\`): 'F', 'M', anything else not known. */
export function sexOfCode(code: string | null): "FEMALE" | "MALE" | "UNKNOWN" | null {
  if (code === null) return null;
  const c = code.trim().toUpperCase();
  return c === "F" ? "FEMALE" : c === "M" ? "MALE" : "UNKNOWN";
}
`,

    [`${src}.postgres.ts`]: `import {
  normaliseNhsNumber,
  normalisePostcode,
  queryRows,
  readColumn,
  type AgencyInvolvement,
  type Db,
  type IdentityRecord,
  type IsoDate,
} from "@ffd/shared";
import { z } from "zod";
import { sexOfCode, statusOfCode } from "./${name}.codes";
import type { ${pascal}EntryData, ${pascal}Source } from "./${name}.port";

/**
 * The one adapter over the ${label} system (table \`${table}\`, the scaffold's example: replace it
 * with the system's real tables), for a real PostgreSQL server or PGlite. Read-only. Codes and
 * dates are translated here, and every row is checked under the agency kit's one bad-row policy.
 */

const isoDate = z.string().regex(/^\\d{4}-\\d{2}-\\d{2}$/);

const entryRow = z.object({
  entry_id: z.string(),
  status_cd: z.string(),
  opened_on: isoDate,
  closed_on: isoDate.nullable(),
  note_txt: z.string().nullable(),
});

const identityRow = z.object({
  entry_id: z.string(),
  nhs_no: z.string().nullable(),
  forenames: z.string().nullable(),
  surname: z.string().nullable(),
  dob: isoDate.nullable(),
  sex_cd: z.string().nullable(),
  postcode: z.string().nullable(),
});

export class Postgres${pascal}Source implements ${pascal}Source {
  constructor(private readonly db: Db) {}

  async entriesById(ids: readonly string[]): Promise<(${pascal}EntryData | null)[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows(
      this.db,
      "${name}",
      entryRow,
      \`SELECT entry_id, status_cd, to_char(opened_on, 'YYYY-MM-DD') AS opened_on,
              to_char(closed_on, 'YYYY-MM-DD') AS closed_on, note_txt
         FROM ${table} WHERE entry_id = ANY($1::text[])\`,
      [[...ids]],
    );
    const byId = new Map(
      rows.map((r) => [
        r.entry_id,
        {
          id: r.entry_id,
          status: readColumn("${name}", "status_cd", () => statusOfCode(r.status_cd)),
          openedOn: r.opened_on,
          closedOn: r.closed_on,
          note: r.note_txt,
        },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** From the same read as entriesById: CURRENT while the entry is open on \`asOf\`; the scaffold's example names no practitioner. */
  async involvements(ids: readonly string[], asOf: IsoDate): Promise<(AgencyInvolvement | null)[]> {
    const entries = await this.entriesById(ids);
    return entries.map((e) =>
      e === null
        ? null
        : {
            localId: e.id,
            status: e.closedOn === null || e.closedOn >= asOf ? "CURRENT" : "HISTORIC",
            leadPractitioner: null,
            since: e.openedOn,
            lastContactOn: e.closedOn ?? e.openedOn,
          },
    );
  }

  async identityFeed(after: string | null, limit: number): Promise<IdentityRecord[]> {
    return this.identityRows("$1::text IS NULL OR entry_id > $1", [after, limit]);
  }

  /** The records of these ids (for family-index's change reads; an id not held is left out). */
  async identityRecords(localIds: readonly string[]): Promise<IdentityRecord[]> {
    if (localIds.length === 0) return [];
    return this.identityRows("entry_id = ANY($1::text[])", [localIds, localIds.length]);
  }

  private async identityRows(where: string, params: readonly unknown[]): Promise<IdentityRecord[]> {
    const rows = await queryRows(
      this.db,
      "${name}",
      identityRow,
      \`SELECT entry_id, nhs_no, forenames, surname, to_char(dob, 'YYYY-MM-DD') AS dob, sex_cd, postcode
         FROM ${table} WHERE \${where} ORDER BY entry_id LIMIT $2\`,
      params,
    );
    return rows.map((r) => ({
      localId: r.entry_id,
      nhsNumber: r.nhs_no === null ? null : normaliseNhsNumber(r.nhs_no),
      givenName: r.forenames?.trim() || null,
      familyName: r.surname?.trim() || null,
      dateOfBirth: r.dob,
      sex: sexOfCode(r.sex_cd),
      postcode: r.postcode === null ? null : normalisePostcode(r.postcode),
      relations: [],
    }));
  }
}
`,

    [`${src}.embedded.ts`]: `import { openPglite, type Db, type OpenEmbeddedAgencyDatabase } from "@ffd/shared";

/**
 * The embedded default of the ${label} system, until borough/ has a builder for it: the example
 * table with a few made-up rows, in PGlite, read-only. Loaded by a dynamic import only when
 * \`${envPrefix}_DATABASE_URL\` is unset.
 */
export const ${snake.toUpperCase()}_SCHEMA = \`
CREATE TABLE ${table} (
  entry_id   TEXT PRIMARY KEY,
  nhs_no     TEXT,
  forenames  TEXT,
  surname    TEXT,
  dob        DATE,
  sex_cd     CHAR(1),
  postcode   TEXT,
  status_cd  CHAR(1) NOT NULL,
  opened_on  DATE NOT NULL,
  closed_on  DATE,
  note_txt   TEXT
);\`;

/** Made-up people (the NHS numbers are valid test numbers, not anyone's). */
export const ${snake.toUpperCase()}_EXAMPLE_ROWS = \`
INSERT INTO ${table} VALUES
 ('E-0001', '9434765919', 'Ada', 'Example', '2021-03-04', 'F', 'NB1 2AB', 'O', '2025-01-10', NULL, 'Example note one'),
 ('E-0002', '4010232137', 'Ben', 'Example', '2019-11-30', 'M', 'nb1 2ab', 'c', '2024-02-01', '2024-05-01', NULL),
 ('E-0003', NULL, 'Cy', 'Sample', NULL, NULL, NULL, 'O', '2025-06-15', NULL, 'Example note three');\`;

/** Opens the embedded default: PGlite with the example rows, switched to read-only. */
export const openEmbedded${pascal}Database: OpenEmbeddedAgencyDatabase = async (_agency, _borough, logger) => {
  const db: Db = await openPglite();
  await db.exec(${snake.toUpperCase()}_SCHEMA);
  await db.exec(${snake.toUpperCase()}_EXAMPLE_ROWS);
  await db.exec("SET default_transaction_read_only = on;");
  logger.info("agency_db.embedded", { agency: "${name}", example: true });
  return db;
};
`,

    "src/config.test.ts": `import { ConfigError } from "@ffd/shared";
import { secretEnv } from "../../../tests/support/secrets";
import { parse${pascal}Config } from "./config";

describe("${name} config", () => {
  it("defaults to port ${port}, localhost and the embedded database", () => {
    const config = parse${pascal}Config(secretEnv());
    expect(config).toMatchObject({ PORT: ${port}, HOST: "127.0.0.1" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads the ${label} system's connection string", () => {
    expect(
      parse${pascal}Config({ ...secretEnv(), ${envPrefix}_DATABASE_URL: "postgres://u@db:5432/${snake}" }).DATABASE_URL,
    ).toBe("postgres://u@db:5432/${snake}");
  });

  it("refuses a connection string that is not PostgreSQL's", () => {
    expect(() => parse${pascal}Config({ ...secretEnv(), ${envPrefix}_DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
  });
});
`,

    "src/server.test.ts": `import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import {
  connectPostgres,
  CountingDb,
  createLogger,
  maskFormattedError,
  POLICY_UNDECIDED_GROUPS,
  type Caller,
  type Db,
} from "@ffd/shared";
import { capturingLogger, FULL_ACCESS } from "../../../tests/support/agency";
import { secretEnv } from "../../../tests/support/secrets";
import { parse${pascal}Config } from "./config";
import { createServer, type ${pascal}Context, type ${pascal}Server } from "./server";
import { openEmbedded${pascal}Database } from "./source/${name}.embedded";

const config = parse${pascal}Config({ ...secretEnv(), NODE_ENV: "test" });
const silent = createLogger("${name}", "silent");

const PERSON_ENTITIES = \`
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Person { id ${camel} { localIds entries { id status openedOn closedOn daysOpen note } } }
    }
  }\`;

const ENTRY_ENTITIES = \`
  query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ${pascal}Entry { id status } } }\`;

const person = (id: string, ids: unknown[], legitimateRelationship = false) => ({
  __typename: "Person",
  id,
  ${camel}RecordIds: ids,
  legitimateRelationship,
});

describe("${name} subgraph", () => {
  let db: Db;
  let counting: CountingDb;
  let server: ${pascal}Server;
  let apollo: ApolloServer<${pascal}Context>;

  beforeAll(async () => {
    db = await openEmbedded${pascal}Database("${name}", { seed: 1, referenceDate: "2025-07-01", families: 0 }, silent);
    counting = new CountingDb(db);
    server = await createServer({ db: counting, config, logger: silent });
    apollo = new ApolloServer<${pascal}Context>({
      schema: server.schema,
      formatError: maskFormattedError,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
    await db.close();
  });
  beforeEach(() => counting.reset());

  async function run(query: string, variables: Record<string, unknown>, caller: Caller | null = FULL_ACCESS) {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: server.context(caller) });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  }

  it("reads entries in one query per batch, codes and dates translated (the example rows)", async () => {
    const found = await server.source.entriesById(["E-0001", "E-0002", "E-9999"]);
    expect(counting.count).toBe(1);
    expect(found).toEqual([
      { id: "E-0001", status: "OPEN", openedOn: "2025-01-10", closedOn: null, note: "Example note one" },
      { id: "E-0002", status: "CLOSED", openedOn: "2024-02-01", closedOn: "2024-05-01", note: null },
      null,
    ]);
  });

  it("feeds family-index every person, in pages", async () => {
    const first = await server.source.identityFeed(null, 2);
    const rest = await server.source.identityFeed(first[1].localId, 2);
    expect([...first, ...rest].map((r) => r.localId)).toEqual(["E-0001", "E-0002", "E-0003"]);
    expect(first[1]).toMatchObject({ nhsNumber: "4010232137", sex: "MALE", postcode: "NB1 2AB" });
  });

  // The scaffold's conservative default: the field group is hidden from every role until its
  // policy rows are written (POLICY_UNDECIDED_GROUPS). Writing them is meant to change this test.
  it("answers _entities for Person, withholding Person.${camel} from every role while its policy is undecided", async () => {
    const result = await run(PERSON_ENTITIES, { reps: [person("p1", ["E-0001"], true)] });
    expect(result.data?._entities).toEqual([{ id: "p1", ${camel}: null }]);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(counting.count).toBe(0);
    expect(POLICY_UNDECIDED_GROUPS).toContain("${camel}");
  });

  it("withholds ${pascal}Entry by key the same way", async () => {
    const result = await run(ENTRY_ENTITIES, { reps: [{ __typename: "${pascal}Entry", id: "E-0002" }] });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(counting.count).toBe(0);
  });

  it("answers AGENCY_UNAVAILABLE, without internals, when the system is down, logging no value", async () => {
    // Nothing listens on port 1: every query is refused, as when the ${label} system is down.
    const down = connectPostgres("postgres://${snake}@127.0.0.1:1/${snake}");
    const logger = capturingLogger();
    try {
      const server = await createServer({ db: down, config, logger });
      const error = await server
        .context(FULL_ACCESS, "req-down")
        .loaders.entries.load("E-0001")
        .then(
          () => null,
          (err: unknown) => err as { extensions?: { code?: string }; message: string },
        );
      expect(error?.extensions?.code).toBe("AGENCY_UNAVAILABLE");
      expect(error?.message).not.toMatch(/${table}|SELECT|127\\.0\\.0\\.1/);
      expect(logger.lines.map((l) => [l.event, l.fields.requestId])).toEqual([["agency.unavailable", "req-down"]]);
      expect(JSON.stringify(logger.lines)).not.toContain("E-0001");
    } finally {
      await down.close();
    }
  });
});
`,
  };
}

module.exports = { files };
