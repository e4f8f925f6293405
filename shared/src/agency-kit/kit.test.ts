import "reflect-metadata";
import { execute, GraphQLError, parse, type GraphQLSchema } from "graphql";
import { Authorized, Field, ObjectType, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { capturingLogger, FULL_ACCESS } from "../../../tests/support/agency";
import { AgencySystemUnavailable } from "../agency-source";
import { callerFor, type Caller } from "../caller";
import { openPglite, type Db } from "../db";
import { needs } from "../enforce";
import { referenceGuardOf } from "../entity-reference";
import { buildFederatedSchema } from "../federation";
import { guardedLoaders } from "./guard";
import { agencyPersonReference, agencyPersonResolver, agencyPersonType, parseLinkList } from "./person";
import { AgencyRowsInvalid, queryRows, queryRowsAsJson, readColumn } from "./rows";

/** A database answering `rows` to every query (or failing with `error`), recording what it was asked. */
function answering(rows: Record<string, unknown>[], error?: Error): Db & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query<Row extends object>(sql: string): Promise<Row[]> {
      asked.push(sql);
      if (error) throw error;
      return rows as Row[];
    },
    async exec() {},
    async close() {},
  } as unknown as Db & { asked: string[] };
}

const ROW = z.object({ local_id: z.string(), code: z.enum(["A", "B"]) });

describe("queryRows: the one bad-row policy", () => {
  it("answers every row of a read that keeps the contract", async () => {
    const db = answering([
      { local_id: "X1", code: "A" },
      { local_id: "X2", code: "B" },
    ]);
    await expect(queryRows(db, "maternity", ROW, "SELECT 1")).resolves.toEqual([
      { local_id: "X1", code: "A" },
      { local_id: "X2", code: "B" },
    ]);
  });

  it("fails the whole read on a bad row, with the count and column names and no value", async () => {
    const db = answering([
      { local_id: "X1", code: "A" },
      { local_id: "X2", code: "SECRET-VALUE" },
      { local_id: null, code: "ALSO-SECRET" },
    ]);
    const err = await queryRows(db, "maternity", ROW, "SELECT 1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgencyRowsInvalid);
    expect(err).toBeInstanceOf(AgencySystemUnavailable);
    expect((err as AgencyRowsInvalid).count).toBe(2);
    expect((err as AgencyRowsInvalid).columns).toEqual(["code", "local_id"]);
    expect(JSON.stringify({ ...(err as object), message: (err as Error).message })).not.toMatch(/SECRET/);
  });

  it("turns a database failure into AgencySystemUnavailable, keeping the cause", async () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:5432"), { code: "ECONNREFUSED" });
    const err = await queryRows(answering([], cause), "registration", ROW, "SELECT 1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgencySystemUnavailable);
    expect(err).not.toBeInstanceOf(AgencyRowsInvalid);
    expect((err as AgencySystemUnavailable).agency).toBe("registration");
    expect((err as AgencySystemUnavailable).code).toBe("ECONNREFUSED");
    expect((err as Error).message).not.toContain("10.0.0.1");
  });

  it("readColumn: a derived value that does not read breaks the row's contract in that column", () => {
    expect(readColumn("maternity", "born_at", () => "ok")).toBe("ok");
    const err = (() => {
      try {
        return readColumn("maternity", "born_at", () => {
          throw new Error("bad time 25:61 for someone");
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AgencyRowsInvalid);
    expect((err as AgencyRowsInvalid).columns).toEqual(["born_at"]);
    expect((err as Error).message).not.toContain("25:61");
  });
});

describe("queryRowsAsJson: a bulk read as one JSON value, under the same policy", () => {
  const NUMBERED = z.object({ n: z.coerce.number().int(), label: z.string().nullable() });
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await db.exec(`CREATE TABLE t (n INTEGER, label TEXT, other TEXT);
      INSERT INTO t VALUES (3, 'three', 'x'), (1, NULL, 'y'), (2, 'two', 'z');`);
  });
  afterAll(() => db?.close());

  it("answers the schema's columns of every row, in the order asked, with numbers and nulls as read", async () => {
    await expect(
      queryRowsAsJson(db, "maternity", NUMBERED, "SELECT n, label, other FROM t WHERE n >= $1", [1], "n"),
    ).resolves.toEqual([
      { n: 1, label: null },
      { n: 2, label: "two" },
      { n: 3, label: "three" },
    ]);
    await expect(queryRowsAsJson(db, "maternity", NUMBERED, "SELECT n, label FROM t", [], "n DESC")).resolves.toEqual([
      { n: 3, label: "three" },
      { n: 2, label: "two" },
      { n: 1, label: null },
    ]);
  });

  it("answers no rows as none", async () => {
    await expect(
      queryRowsAsJson(db, "maternity", NUMBERED, "SELECT n, label FROM t WHERE n > 9", [], "n"),
    ).resolves.toEqual([]);
  });

  it("fails the whole read on a bad row, naming the column and no value", async () => {
    const err = await queryRowsAsJson(
      db,
      "maternity",
      ROW.extend({ n: z.number() }),
      "SELECT n, label AS local_id, other AS code FROM t",
      [],
      "n",
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgencyRowsInvalid);
    expect((err as AgencyRowsInvalid).count).toBe(3);
    expect((err as AgencyRowsInvalid).columns).toEqual(["code", "local_id"]);
    expect((err as Error).message).not.toMatch(/three|two/);
  });

  it("refuses column names and an order that are not plain names, before reading", async () => {
    const odd = z.object({ 'n" FROM t; --': z.number() });
    await expect(queryRowsAsJson(db, "maternity", odd, "SELECT n FROM t", [], "n")).rejects.toThrow(RangeError);
    await expect(
      queryRowsAsJson(db, "maternity", NUMBERED, "SELECT n, label FROM t", [], "n; DROP TABLE t"),
    ).rejects.toThrow(RangeError);
  });

  it("turns a database failure into AgencySystemUnavailable", async () => {
    const err = await queryRowsAsJson(
      db,
      "registration",
      NUMBERED,
      "SELECT n, label FROM no_such_table",
      [],
      "n",
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgencySystemUnavailable);
    expect(err).not.toBeInstanceOf(AgencyRowsInvalid);
  });
});

describe("guardedLoaders", () => {
  it("turns bad rows into AGENCY_UNAVAILABLE and logs their count and columns only", async () => {
    const logger = capturingLogger();
    const guarded = guardedLoaders("maternity", logger, "req-1");
    const loader = guarded.loader(async (keys: readonly string[]) => {
      await queryRows(answering([{ local_id: "X1", code: "NOT-A-CODE" }]), "maternity", ROW, "SELECT 1");
      return keys.map(() => null);
    });
    const err = await loader.load("X1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions).toEqual({ code: "AGENCY_UNAVAILABLE", agency: "maternity" });
    expect(logger.lines).toEqual([
      {
        level: "error",
        event: "agency.rows_invalid",
        fields: { requestId: "req-1", agency: "maternity", count: 1, columns: ["code"] },
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain("NOT-A-CODE");
  });

  it("turns the system being down into AGENCY_UNAVAILABLE, logging the driver's code not its message", async () => {
    const logger = capturingLogger();
    const cause = Object.assign(new Error("password authentication failed for user x"), { code: "28P01" });
    const err = await guardedLoaders("health-visiting", logger, "req-2")
      .run(() => Promise.reject(new AgencySystemUnavailable("health-visiting", { cause })))
      .catch((e: unknown) => e);
    expect((err as GraphQLError).extensions).toEqual({ code: "AGENCY_UNAVAILABLE", agency: "health-visiting" });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      event: "agency.unavailable",
      fields: { requestId: "req-2", agency: "health-visiting", errorName: "Error", errorCode: "28P01" },
    });
    expect(JSON.stringify(logger.lines)).not.toContain("password");
  });

  it("leaves any other error as it is, unlogged (the service masks it)", async () => {
    const logger = capturingLogger();
    const bug = new TypeError("a bug");
    await expect(guardedLoaders("maternity", logger, "r").run(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(logger.lines).toEqual([]);
  });

  it("batches a request's loads into one call of the port", async () => {
    const calls: (readonly string[])[] = [];
    const loader = guardedLoaders("maternity", capturingLogger(), "r").loader(async (keys: readonly string[]) => {
      calls.push(keys);
      return keys.map((k) => `v-${k}`);
    });
    await expect(Promise.all([loader.load("a"), loader.load("b")])).resolves.toEqual(["v-a", "v-b"]);
    expect(calls).toEqual([["a", "b"]]);
  });
});

describe("the Person extension, keyed by agency", () => {
  @ObjectType("MaternityRecord")
  class TestRecord {
    @Field(() => [String])
    localIds!: string[];

    @Authorized(needs("maternity", "FULL"))
    @Field(() => String, { nullable: true })
    detail!: string;
  }

  @Resolver()
  class PingResolver {
    @Query(() => String)
    ping(): string {
      return "pong";
    }
  }

  const loads: string[][] = [];
  const Person = agencyPersonType("maternity", {
    record: () => TestRecord,
    description: "What the test system holds.",
  });
  const PersonResolver = agencyPersonResolver("maternity", Person, {
    record: () => TestRecord,
    async load(ids: string[]) {
      loads.push(ids);
      const known = ids.filter((id) => id.startsWith("MAT"));
      return known.length ? { localIds: known, detail: "booked early" } : null;
    },
  });
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildFederatedSchema(
      { resolvers: [PingResolver, PersonResolver], orphanedTypes: [Person, TestRecord] },
      { Person: agencyPersonReference("maternity") },
    );
  });
  beforeEach(() => (loads.length = 0));

  async function maternityOf(caller: Caller, representations: Record<string, unknown>[]) {
    return execute({
      schema,
      document: parse(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id maternity { localIds detail } } } }`,
      ),
      variableValues: { r: representations },
      contextValue: { caller },
    });
  }

  it("declares the registry's names: link list and flag external, the agency's field requiring both", () => {
    const person = schema.getType("Person");
    expect(person?.toString()).toBe("Person");
    const fields = (person as unknown as { getFields(): Record<string, { astNode?: unknown }> }).getFields();
    expect(Object.keys(fields)).toEqual(["id", "maternityRecordIds", "legitimateRelationship", "maternity"]);
    expect(referenceGuardOf(agencyPersonReference("maternity"))).toEqual({
      kind: "open",
      why: "family-index's Person; its maternity field applies the grant",
    });
  });

  it("parses the link list: strings once each, anything else none", () => {
    expect(parseLinkList(["MAT1", "MAT1", 7, "", "BAB2"])).toEqual(["MAT1", "BAB2"]);
    expect(parseLinkList("MAT1")).toEqual([]);
    expect(parseLinkList(undefined)).toEqual([]);
  });

  it("gives full detail to a caller the policy gives it, reading the deduplicated ids", async () => {
    const result = await maternityOf(FULL_ACCESS, [
      { __typename: "Person", id: "p1", maternityRecordIds: ["MAT1", "MAT1", "BAB9"] },
    ]);
    expect(result).toEqual({
      data: { _entities: [{ id: "p1", maternity: { localIds: ["MAT1"], detail: "booked early" } }] },
    });
    expect(loads).toEqual([["MAT1", "BAB9"]]);
  });

  it("gives a summary without the relationship flag, full detail with it", async () => {
    const midwife = callerFor("midwife", "direct-care");
    const summary = await maternityOf(midwife, [{ __typename: "Person", id: "p1", maternityRecordIds: ["MAT1"] }]);
    expect(summary.data).toEqual({ _entities: [{ id: "p1", maternity: { localIds: ["MAT1"], detail: null } }] });
    expect(summary.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const withRelationship = await maternityOf(midwife, [
      { __typename: "Person", id: "p1", maternityRecordIds: ["MAT1"], legitimateRelationship: true },
    ]);
    expect(withRelationship.errors).toBeUndefined();
  });

  it("refuses before reading anything when the policy gives nothing; reads nothing for no ids", async () => {
    const refused = await maternityOf(callerFor("registrar", "registration"), [
      { __typename: "Person", id: "p1", maternityRecordIds: ["MAT1"] },
    ]);
    expect(refused.data).toEqual({ _entities: [{ id: "p1", maternity: null }] });
    expect(refused.errors?.map((e) => e.extensions)).toEqual([{ code: "FORBIDDEN", agency: "maternity" }]);
    const none = await maternityOf(FULL_ACCESS, [{ __typename: "Person", id: "p2" }]);
    expect(none).toEqual({ data: { _entities: [{ id: "p2", maternity: null }] } });
    expect(loads).toEqual([]);
  });
});
