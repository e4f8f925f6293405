import "reflect-metadata";
import { execute, parse, type GraphQLSchema } from "graphql";
import { Authorized, Directive, Field, ID, ObjectType, Query, Resolver, type BuildSchemaOptions } from "type-graphql";
import { callerFor, type Caller } from "./caller";
import { needs } from "./enforce";
import { guardedReference, openReference } from "./entity-reference";
import { buildFederatedSchema } from "./federation";

@Directive('@key(fields: "id")')
@ObjectType()
class Scan {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  dueOn!: string;

  @Authorized(needs("maternity", "FULL"))
  @Field(() => String, { nullable: true })
  finding!: string;
}

/** type-graphql needs a Query; the entity is reached only by its key. */
@Resolver()
class PingResolver {
  @Query(() => String)
  ping(): string {
    return "pong";
  }
}
const OPTIONS: Omit<BuildSchemaOptions, "skipCheck"> = { resolvers: [PingResolver], orphanedTypes: [Scan] };

const SCANS: Record<string, Scan> = { s1: { id: "s1", dueOn: "2025-01-01", finding: "twins" } };

async function entities(schema: GraphQLSchema, caller: Caller) {
  return execute({
    schema,
    document: parse(`{ _entities(representations: [{ __typename: "Scan", id: "s1" }, { __typename: "Scan", id: "s9" }])
      { ... on Scan { id dueOn finding } } }`),
    contextValue: { caller },
  });
}

describe("entities reached by key", () => {
  it("refuses to build a subgraph with a @key type that declares no guard", async () => {
    await expect(buildFederatedSchema({ ...OPTIONS })).rejects.toThrow(
      /Scan is reached by its key but has no guardedReference or openReference/,
    );
    const byHand = { __resolveReference: async () => null };
    await expect(buildFederatedSchema({ ...OPTIONS }, { Scan: byHand } as never)).rejects.toThrow(
      /Scan is reached by its key/,
    );
  });

  it("applies the grant of the entity's group: NONE refuses before loading, SUMMARY withholds detail", async () => {
    const loaded: string[] = [];
    const reference = guardedReference("maternity", (ref: { id: string }) => {
      loaded.push(ref.id);
      return SCANS[ref.id] ?? null;
    });
    const schema = await buildFederatedSchema({ ...OPTIONS }, { Scan: reference });

    const none = await entities(schema, callerFor("registrar", "registration"));
    expect(none.data).toEqual({ _entities: [null, null] });
    expect(none.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [["_entities", 0], { code: "FORBIDDEN", agency: "maternity" }],
      [["_entities", 1], { code: "FORBIDDEN", agency: "maternity" }],
    ]);
    expect(loaded).toEqual([]);

    const summary = await entities(schema, callerFor("front-door", "direct-care"));
    expect(summary.data).toEqual({ _entities: [{ id: "s1", dueOn: "2025-01-01", finding: null }, null] });
    expect(summary.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [["_entities", 0, "finding"], "FORBIDDEN"],
    ]);

    const full = await entities(schema, callerFor("midwife", "direct-care", { breakGlass: true }));
    expect(full).toEqual({ data: { _entities: [{ id: "s1", dueOn: "2025-01-01", finding: "twins" }, null] } });
    // The loaded value itself is never marked: a grant belongs to one use of it.
    expect(Object.getOwnPropertySymbols(SCANS.s1)).toEqual([]);
  });

  it("with FULL needed, refuses a summary whole before loading (an entity that is detail all through)", async () => {
    const loaded: string[] = [];
    const reference = guardedReference(
      "maternity",
      (ref: { id: string }) => {
        loaded.push(ref.id);
        return SCANS[ref.id] ?? null;
      },
      "FULL",
    );
    const schema = await buildFederatedSchema({ ...OPTIONS }, { Scan: reference });

    const summary = await entities(schema, callerFor("front-door", "direct-care"));
    expect(summary.data).toEqual({ _entities: [null, null] });
    expect(summary.errors?.map((e) => [e.path, e.extensions])).toEqual([
      [["_entities", 0], { code: "FORBIDDEN", agency: "maternity" }],
      [["_entities", 1], { code: "FORBIDDEN", agency: "maternity" }],
    ]);
    expect(loaded).toEqual([]);

    const full = await entities(schema, callerFor("midwife", "direct-care", { breakGlass: true }));
    expect(full).toEqual({ data: { _entities: [{ id: "s1", dueOn: "2025-01-01", finding: "twins" }, null] } });
  });

  it("an open reference loads for every caller and leaves the fields' own checks in place", async () => {
    const schema = await buildFederatedSchema(
      { ...OPTIONS },
      {
        Scan: openReference("test", (ref: { id: string }) => SCANS[ref.id] ?? null),
      },
    );
    const result = await entities(schema, callerFor("registrar", "registration"));
    expect(result.data).toEqual({ _entities: [{ id: "s1", dueOn: "2025-01-01", finding: null }, null] });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
